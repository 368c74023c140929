"""What a process keeps of the compliance table between requests (issue 20).

Each request of the table filters, sorts and totals every unit (5,000) while a page shows 50 or
100 of them; reading and decoding the units alone cost about 4 ms of Python per request. So a
process keeps, under the token of `ComplianceVersion`, which PostgreSQL triggers replace on every
write to the units or the agreements (migration agreements 0002):

- each cycle's units joined with their agreements (`units`), and
- the finished rows of a cycle and filters, totals included (`rows`), also keyed by the
  innovation counts' version and dropped when the counts' own backstop runs out (see
  `compliance.cycle_counts`).

The token is read first, in a query of its own, then anything missing: rows read after another
write committed are newer than the token they are filed under, never older, and that write's
token makes the next request read again. A token names one state of both tables (random, not a
counter), so a rolled-back write or a restored dump cannot bring back rows of another state.
Without a token (SQLite, a flushed database) nothing is kept.
"""

import time

from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet

from .models import ComplianceVersion

# Distinct filter sets and cycles are few; past this many rows entries, start again.
MAX_ROWS = 64

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
        self.units = {}
        self.rows = {}


_kept = _Kept(None)


def _under(token):
    global _kept
    kept = _kept
    if kept.token != token:
        kept = _kept = _Kept(token)
    return kept


def units(token, cycle, load):
    """`load()` (the cycle's units and agreements), kept under `token`."""
    if token is None:
        return load()
    kept = _under(token)
    loaded = kept.units.get(cycle.pk)
    if loaded is None:
        loaded = kept.units[cycle.pk] = load()
    return loaded


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
