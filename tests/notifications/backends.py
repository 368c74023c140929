"""Mail backends standing in for a mail server that refuses, times out, or recovers."""

import threading

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.filebased import EmailBackend as FileBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that always times out."""

    calls = 0

    def send_messages(self, email_messages):
        type(self).calls += 1
        raise TimeoutError("timed out")


class RecoveringBackend(LocmemBackend):
    """Refuses the first `failures` messages, then delivers into django.core.mail.outbox."""

    failures = 2
    _lock = threading.Lock()
    _seen = 0

    def send_messages(self, email_messages):
        with self._lock:
            type(self)._seen += 1
            if type(self)._seen <= type(self).failures:
                raise ConnectionRefusedError("421 Service not available")
        return super().send_messages(email_messages)


class RecoveringFileBackend(FileBackend):
    """Refuses the first two messages it is given in this process, then writes files."""

    failures = 2
    _seen = 0

    def send_messages(self, email_messages):
        type(self)._seen += 1
        if type(self)._seen <= type(self).failures:
            raise ConnectionRefusedError("421 Service not available")
        return super().send_messages(email_messages)
