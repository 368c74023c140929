"""The page side of the error contract (`intan_banjar.exceptions`): one place turns a service's
refusal into what a person sees, so views do not repeat the mapping in `except` clauses."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from .exceptions import StateConflict


@dataclass
class Attempt:
    """What a service call gave: its value, or the status to answer with and the field errors."""

    value: object = None
    status: int | None = None
    errors: dict = field(default_factory=dict)

    @property
    def failed(self):
        return self.status is not None


def attempt(request, call, *, form=None, invalid_message=None):
    """Run `call()`; a refusal becomes a message (and form errors) plus the status to answer with.

    409 state conflict and 403 refusal: their message as an error message. 400 invalid input: the
    messages go on `form` next to their fields (the rest on the form as a whole) and, when given,
    `invalid_message` is shown; without a form the messages themselves are shown.
    """
    try:
        return Attempt(value=call())
    except StateConflict as exc:
        messages.error(request, str(exc))
        return Attempt(status=409)
    except PermissionDenied as exc:
        messages.error(request, str(exc) or _("You are not allowed to do this."))
        return Attempt(status=403)
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {None: exc.messages}
        if form is not None:
            for name, field_messages in errors.items():
                known = name in form.fields
                form.add_error(name if known else None, field_messages)
        if invalid_message:
            messages.error(request, invalid_message)
        elif form is None:
            messages.error(request, " ".join(m for ms in errors.values() for m in ms))
        return Attempt(status=400, errors=errors)
