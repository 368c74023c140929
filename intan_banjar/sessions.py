"""The database session engine, its read compiled once (issue 20).

Django's `db` engine, unchanged except that loading a session (every signed-in request) runs
SQL compiled once per process instead of building `Session.objects.get(...)` each time
(intan_banjar/prepared_reads.py): the same SELECT, the same row, the same expiry test.
Sessions still live in the database only (docs/decisions.md, "Session engine stays `db`").
"""

import datetime

from django.contrib.sessions.backends import db
from django.utils import timezone

from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet


class SessionStore(db.SessionStore):
    _reads = {}

    @classmethod
    def _read_for(cls, model):
        read = cls._reads.get(model)
        if read is None:
            read = cls._reads[model] = PreparedGet(
                model,
                lambda key, now: model.objects.filter(session_key=key, expire_date__gt=now),
                key=str,
                now=datetime.datetime,
            )
        return read

    def _get_session_from_db(self):
        session = self._read_for(self.model).get(key=self.session_key, now=timezone.now())
        if session is NOT_PREPARED:
            return super()._get_session_from_db()
        if session is None:
            self._session_key = None
        return session
