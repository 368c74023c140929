"""One row of a declared workflow: the innovations' and the agreements' tables are made of these.

Each app keeps its own table and its one transition function; the row's shape, and how it says
which statuses it leaves from, is shared so both workflows read the same way.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Transition:
    action: str
    sources: frozenset
    target: str
    # who(user, obj) -> bool: a `rules` predicate on the user's role, unit or ownership
    who: Callable
    # rule(obj, user, note) -> {field: [messages]}: empty when the rule holds
    rule: Callable | None = None

    def allows_from(self, status):
        return status in self.sources

    def permits(self, user, obj):
        """The user's role and relation to `obj` allow this action at all (its state aside)."""
        return bool(self.who(user, obj))
