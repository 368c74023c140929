"""The agreement's transition table: every action from every status, for every role (PRODUCT.md §6).

Written out independently of agreements.workflow.TRANSITIONS. API.md's precedence: a role that may
never take the action is refused (403) whatever the status; a role that may, in a status that does
not allow it, gets a conflict (409) naming the status and what it can do instead.
"""

import pytest
from django.core.exceptions import PermissionDenied

from agreements import services
from agreements.enums import AgreementStatus
from agreements.models import AgreementEvent
from intan_banjar.exceptions import StateConflict

from .factories import AgreementFactory

pytestmark = pytest.mark.django_db

PREPARERS = {"operator", "head", "admin"}
SIGNERS = {"head", "admin"}
CHECKERS = {"curator", "lead_curator", "admin"}
EXPECTED = {
    "edit": ({"draft"}, "draft", PREPARERS),
    "sign": ({"draft"}, "signed", SIGNERS),
    "verify": ({"signed"}, "verified", CHECKERS),
    "reject": ({"signed", "verified"}, "draft", CHECKERS),
}
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
CASES = [
    (action, status, role)
    for action in EXPECTED
    for status in AgreementStatus.values
    for role in ROLES
]
CALLS = {
    "edit": lambda agreement, user: services.agreement_update(
        agreement=agreement, by=user, committed_count=2
    ),
    "sign": lambda agreement, user: services.agreement_sign(agreement=agreement, by=user),
    "verify": lambda agreement, user: services.agreement_verify(agreement=agreement, by=user),
    "reject": lambda agreement, user: services.agreement_reject(
        agreement=agreement, by=user, note="Scan terpotong"
    ),
}


def expected_allowed(status, role):
    return [a for a, (src, _, who) in EXPECTED.items() if status in src and role in who]


@pytest.mark.parametrize(("action", "status", "role"), CASES)
def test_agreement_table_for_every_role(action, status, role, users_by_role, cycle, unit):
    sources, target, who = EXPECTED[action]
    agreement = AgreementFactory(unit=unit, cycle=cycle, status=status)
    user = users_by_role[role]

    if role not in who:
        with pytest.raises(PermissionDenied):
            CALLS[action](agreement, user)
    elif status not in sources:
        with pytest.raises(StateConflict) as refused:
            CALLS[action](agreement, user)
        assert refused.value.status == status
        assert refused.value.allowed_actions == expected_allowed(status, role)
    else:
        CALLS[action](agreement, user)

    agreement.refresh_from_db()
    moved = role in who and status in sources
    assert agreement.status == (target if moved else status)
    assert AgreementEvent.objects.filter(agreement=agreement).exists() is moved
    assert services.allowed_actions(agreement, user) == expected_allowed(agreement.status, role)


def test_a_curator_signing_a_signed_agreement_is_refused_not_a_conflict(cycle, unit, curator):
    """Signing is never a curator's: 403 although a signed agreement cannot be signed anyway."""
    agreement = AgreementFactory(unit=unit, cycle=cycle, status=AgreementStatus.SIGNED)

    with pytest.raises(PermissionDenied):
        services.agreement_sign(agreement=agreement, by=curator)
