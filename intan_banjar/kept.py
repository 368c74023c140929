"""What a process keeps by key between requests, within a bound (issue 20).

Several pages keep what they drew or read for the same inputs (a filter bar per language and
values, a compliance table per token): each needs the same small rule, at most `limit` entries
and, past it, starting again (the keys are few in practice; the bound only guards against a
stream of distinct inputs).
"""


class Kept:
    def __init__(self, limit):
        self.limit = limit
        self._values = {}

    def get(self, key, make):
        """The value kept under `key`, made by `make()` (and kept) when there is none."""
        value = self._values.get(key)
        if value is None:
            if len(self._values) >= self.limit:
                self._values.clear()
            value = self._values[key] = make()
        return value
