"""The agreement's lifecycle as data (PRODUCT.md §6): one transition table, like the innovations'.

`agreements.services.agreement_transition` is the only code that changes an agreement's status;
it, the API's `allowed_actions` and the pages' buttons all read this table. `edit` is in it too:
changing a draft is an action of the agreement with its own state and role (draft → draft).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intan_banjar.transitions import Transition

from .enums import AgreementStatus
from .rules import can_check_agreement, can_prepare_agreement, can_sign_agreement

S = AgreementStatus
SIGNATORY_FIELDS = ("signatory_name", "signatory_nip", "signatory_title")


def signatory_errors(agreement, user, note):
    """Signing needs the signatory's name, NIP and title (prefilled from the unit's head)."""
    return {
        name: [_("This field is required to sign.")]
        for name in SIGNATORY_FIELDS
        if not getattr(agreement, name)
    }


def reason_errors(agreement, user, note):
    """Sending back needs the reason, which the unit reads before signing again."""
    if (note or "").strip():
        return {}
    return {"note": [_("Say why the agreement is sent back.")]}


TRANSITIONS = {
    t.action: t
    for t in (
        Transition(
            "edit",
            frozenset({S.DRAFT}),
            S.DRAFT,
            can_prepare_agreement,
            done_message=gettext_lazy("The draft was saved."),
        ),
        Transition(
            "sign",
            frozenset({S.DRAFT}),
            S.SIGNED,
            can_sign_agreement,
            signatory_errors,
            done_message=gettext_lazy("The agreement is signed."),
        ),
        Transition(
            "verify",
            frozenset({S.SIGNED}),
            S.VERIFIED,
            can_check_agreement,
            done_message=gettext_lazy("The agreement is verified."),
        ),
        Transition(
            "reject",
            frozenset({S.SIGNED, S.VERIFIED}),
            S.DRAFT,
            can_check_agreement,
            reason_errors,
            done_message=gettext_lazy("The agreement was sent back to draft with the reason."),
        ),
    )
}


def may(action, user, agreement):
    """Whether the user's role and unit allow this action on the agreement (its state aside)."""
    return bool(TRANSITIONS[action].permits(user, agreement))


def allowed_actions(agreement, user):
    """The actions this user may take on this agreement right now (for buttons and 409s)."""
    return [
        action
        for action, t in TRANSITIONS.items()
        if t.permits(user, agreement) and t.allows_now(agreement, user)
    ]
