"""The page side of the error contract (`intan_banjar.exceptions`): one place turns a service's
refusal into what a person sees, so views do not repeat the mapping in `except` clauses."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .exceptions import StateConflict


@dataclass
class Attempt:
    """What a service call gave: its value, or the status to answer with, the refusal's message,
    the messages per field (400; `None` for messages tied to no field), the exception itself, and
    what `attempt` tells the person (`tell`)."""

    value: object = None
    status: int | None = None
    message: str = ""
    errors: dict = field(default_factory=dict)
    error: Exception | None = None
    notices: list = field(default_factory=list)

    @property
    def failed(self):
        return self.status is not None

    @property
    def messages(self):
        """Each message on its own: per field for a 400, else the one message."""
        if self.errors:
            return [m for ms in self.errors.values() for m in ms]
        return [self.message] if self.message else []

    def tell(self, request):
        """Add the notices to the request's messages (done by `attempt` unless `quiet`)."""
        for text in self.notices:
            messages.error(request, text)


def field_errors(exc):
    """A ValidationError's messages per field; messages tied to no field under `None`."""
    return exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}


def attempt(request, call, *, form=None, invalid_message=None, quiet=False, catch_refusal=True):
    """Run `call()`; a refusal becomes the status to answer with and a message for the person.

    409 state conflict and 403 refusal: their own message. 400 invalid input: the messages go on
    `form` next to their fields (the rest on the form as a whole); what is shown is
    `invalid_message` (a text, or a function of the messages per field) when given, else, without
    a form, each message. Shown means added to the request's messages, unless `quiet`: the page
    then shows `Attempt.message` its own way, or calls `Attempt.tell` once it has looked at it.

    `catch_refusal=False` lets a refusal through to Django's 403 page: for a view that answers a
    failure with a redirect, which would hide the 403.
    """
    try:
        return Attempt(value=call())
    except StateConflict as exc:
        result = Attempt(status=409, message=str(exc), error=exc)
        result.notices = result.messages
    except PermissionDenied as exc:
        if not catch_refusal:
            raise
        message = str(exc) or _("You are not allowed to do this.")
        result = Attempt(status=403, message=message, error=exc)
        result.notices = result.messages
    except ValidationError as exc:
        errors = field_errors(exc)
        if form is not None:
            for name, field_messages in errors.items():
                form.add_error(name if name in form.fields else None, field_messages)
        result = Attempt(
            status=400,
            message=" ".join(m for ms in errors.values() for m in ms),
            errors=errors,
            error=exc,
        )
        if callable(invalid_message):
            result.notices = [invalid_message(errors)]
        elif invalid_message:
            result.notices = [invalid_message]
        elif form is None:
            result.notices = result.messages
    if not quiet:
        result.tell(request)
    return result
