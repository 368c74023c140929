"""What a process keeps of the compliance table between requests (issue 20).

Each request of the table filters, sorts and totals every unit (5,000) while a page shows 50 or
100 of them; reading and decoding the units alone cost about 4 ms of Python per request. So a
process keeps, under the token of `ComplianceVersion`, which PostgreSQL triggers replace on every
write to the units, the agreements or the cycles' years (migration agreements 0002):

- what is read from those tables (`kept`): each cycle's units joined with their agreements,
  the list of years, and
- the finished rows of a cycle and filters, totals included (`rows`), also keyed by the
  innovation counts' version and dropped when the counts' own backstop runs out (see
  `compliance.cycle_counts`).

The token is read first, in a query of its own, then anything missing: rows read after another
write committed are newer than the token they are filed under, never older, and that write's
token makes the next request read again. A token names one state of those tables (random, not a
counter), so a rolled-back write or a restored dump cannot bring back rows of another state.
Without a token (SQLite, a flushed database) nothing is kept.
"""

import time

from intan_banjar.kept import Kept
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet

from .models import ComplianceVersion

# Bounds per token (a cycle's rows hold 5,000 pairs, about 0.3 MB): past them, start again.
MAX_KEPT = 32
MAX_ROWS = 16

_token_read = PreparedGet(ComplianceVersion, lambda: ComplianceVersion.objects.filter(pk=1))


def current_token():
    """The token of the units and agreements as committed (or as this transaction wrote
    them), or None: keep nothing."""
    row = _token_read.get()
    if row is NOT_PREPARED:
        row = ComplianceVersion.objects.filter(pk=1).first()
    return row.token if row is not None else None


class _Kept:
    """Everything kept under one token; a new token starts a new one."""

    def __init__(self, token):
        self.token = token
        self.values = Kept(MAX_KEPT)
        self.rows = {}


_kept = _Kept(None)


def _under(token):
    global _kept
    kept = _kept
    if kept.token != token:
        kept = _kept = _Kept(token)
    return kept


def kept(token, key, load):
    """`load()`, kept under `token` and `key`."""
    if token is None:
        return load()
    return _under(token).values.get(key, load)


def rows(token, key):
    """The rows kept under `token` and `key`, or None."""
    if token is None:
        return None
    entry = _under(token).rows.get(key)
    if entry is None or entry[1] <= time.time():
        return None
    return entry[0]


def keep_rows(token, key, value, *, until):
    """Keep `value` under `token` and `key` until `until` (a `time.time()`)."""
    if token is None:
        return
    kept = _under(token)
    if len(kept.rows) >= MAX_ROWS:
        kept.rows.clear()
    kept.rows[key] = (value, until)
