"""The refusal the innovation services share: a profile that cannot change in its status (409,
with the actions possible now, as API.md answers a state conflict)."""

from django.utils.translation import gettext as _

from intan_banjar.exceptions import StateConflict

from .workflow import allowed_actions


def not_editable(innovation, user):
    return StateConflict(
        _("The profile can be changed only in draft or after a revision request."),
        status=innovation.status,
        allowed_actions=allowed_actions(innovation, user),
    )
