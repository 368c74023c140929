"""The domain's refusals: one vocabulary for every app, free of the REST framework.

Services raise these and nothing else for a wrong request. Two translators answer them:
`intan_banjar.api.exception_handler` for the API and `intan_banjar.pages.attempt` for pages, so
a rule changed in a service is answered the same way on both.

- `InvalidInput` (400): what was given is wrong; messages per field. It is Django's
  `ValidationError`, so a model's `full_clean()` errors and forms' `add_error` work unchanged
  (and a service may let `full_clean()`'s own `ValidationError` through: it is answered alike).
- `TooLarge` (413): an upload over the size limit; an `InvalidInput` for pages.
- `Refused` (403): the user's role or unit may never do this to this object, whatever its state
  (API.md: 403 takes precedence over 409). It is Django's `PermissionDenied`, so a page that does
  not catch it still gets Django's 403 page.
- `StateConflict` (409): the user could do this, but not in the object's current state; carries
  the status and the actions allowed instead.
- `Missing` (404): what was asked for does not exist, with a message written for people. Any
  other `Http404` (`get_object_or_404`'s "No Innovation matches the given query.") speaks to
  developers, in English: the API answers it with the translated "Not found." instead.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _


class InvalidInput(ValidationError):
    """400 with `{field: [messages]}` (or `{"detail": [messages]}` without fields).

    `extra_payload`, when a subclass sets it, is added to the API's body next to the messages
    (the IGA warnings a user must confirm, for example).
    """

    extra_payload = None


class TooLarge(InvalidInput):
    """413: the upload is over the size limit."""


class Refused(PermissionDenied):
    """403: never allowed to this user on this object."""

    def __init__(self, message=None):
        super().__init__(message or _("You are not allowed to do this."))

    def __str__(self):
        return str(self.args[0])


class Missing(Http404):
    """404 whose message says what is missing in the reader's language ("There is no cycle for
    2031."): the API answers with it, where a plain `Http404`'s message is not for people."""


class StateConflict(Exception):
    """409: allowed to this user in another state; says which state and what is possible now.

    `status` and `allowed_actions` describe the object the action was refused on; a conflict that
    is not about one object's status (a rubric fixed by its first review) leaves `status` None
    and answers with the message alone. `code` names the kind of conflict for callers and tests.
    """

    def __init__(
        self, message=None, *, status=None, allowed_actions=(), code="transition_not_allowed"
    ):
        self.message = message or _("This action is not allowed in the current status.")
        self.status = None if status is None else str(status)
        self.allowed_actions = [str(action) for action in allowed_actions]
        self.code = code
        super().__init__(str(self.message))

    def __str__(self):
        return str(self.message)

    def as_payload(self):
        payload = {"detail": str(self.message)}
        if self.status is not None:
            payload.update(status=self.status, allowed_actions=self.allowed_actions)
        return payload
