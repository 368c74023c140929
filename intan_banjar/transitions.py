"""One row of a declared workflow: the innovations' and the agreements' tables are made of these.

Each app keeps its own table and its one transition function; the row's shape, how it says
which statuses it leaves from and what a page says once it is done, is shared so both workflows
read the same way.
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
    # What the page says once the action is done: a sentence ("The innovation was submitted."),
    # declared beside the row so every page that takes the action says the same thing.
    done_message: str = ""
    # only_now(user, obj) -> bool: of those `who` permits, who may take it from the object's
    # present state (the unit head alone moves on what awaits the head). Failing it is a state
    # conflict (409), not a refusal: API.md's 403 is for an action the role may never take on
    # the object, and these users take it in another state.
    only_now: Callable | None = None

    def allows_from(self, status):
        return status in self.sources

    def allows_now(self, obj, user):
        """The object's state lets `user` (permitted by `who`) take the action now."""
        return self.allows_from(obj.status) and (self.only_now is None or self.only_now(user, obj))

    def message_for(self, status):
        """The sentence a page shows after the action moved the object to `status`."""
        return str(self.done_message)

    def permits(self, user, obj):
        """The user's role and relation to `obj` allow this action at all (its state aside)."""
        return bool(self.who(user, obj))
