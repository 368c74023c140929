"""Demo agreements, so the compliance table and the head's signing journey have something to show.

Only the regency's own units (the reference list), never the benchmark's synthetic ones. Past
cycles get the spread Bappedalitbang saw on paper (most verified, some signed, a few drafts or
none); an open cycle leaves DINKES, the demo head's unit, a draft to sign.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.enums import Role
from accounts.models import Unit
from innovations.demo_dates import past_date, past_moment
from innovations.models import Cycle

from .enums import AgreementAction, AgreementStatus
from .models import Agreement, AgreementEvent, cycle_has_ended

DEMO_HEAD_UNIT = "DINKES"
SYNTHETIC_PREFIX = "SIM-"


def _nip(rng):
    return f"19{rng.randint(60, 90)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + "".join(
        str(rng.randint(0, 9)) for _ in range(10)
    )


# Cumulative shares: a past cycle mostly verified, an open one with many still in draft.
PAST_SPREAD = [
    (0.70, AgreementStatus.VERIFIED),
    (0.85, AgreementStatus.SIGNED),
    (0.93, AgreementStatus.DRAFT),
]
OPEN_SPREAD = [(0.40, AgreementStatus.SIGNED), (0.70, AgreementStatus.DRAFT)]


def _status(rng, ended):
    """A status for one unit, or None for a unit without an agreement."""
    roll = rng.random()
    return next(
        (status for share, status in (PAST_SPREAD if ended else OPEN_SPREAD) if roll < share), None
    )


@transaction.atomic
def seed_demo_agreements(cycle: Cycle):
    """Create the missing demo agreements of `cycle`; returns how many were created."""
    users = get_user_model().objects
    admin = users.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    verifier = users.filter(role=Role.CURATOR, is_lead=True, is_active=True).order_by("pk").first()
    if admin is None:
        return 0
    ended = cycle_has_ended(cycle)
    taken = set(Agreement.objects.filter(cycle=cycle).values_list("unit_id", flat=True))
    units = (
        Unit.objects.filter(active=True).exclude(code__startswith=SYNTHETIC_PREFIX).order_by("code")
    )
    # Ten days before the deadline, or today when that is still ahead (demo_dates).
    signed_on = past_date(cycle.agreement_deadline - datetime.timedelta(days=10))
    signed_at = past_moment(
        timezone.make_aware(datetime.datetime.combine(signed_on, datetime.time(10)))
    )
    created = 0
    for unit in units:
        # One generator per unit: the same unit gets the same agreement on every run.
        rng = random.Random(f"{cycle.year}-{unit.code}")  # noqa: S311 - demo data, not a secret
        status = _status(rng, ended)
        if unit.code == DEMO_HEAD_UNIT and not ended:
            status = AgreementStatus.DRAFT  # the demo head signs it
        if status is None or unit.pk in taken:
            continue
        signed = status != AgreementStatus.DRAFT
        agreement = Agreement.objects.create(
            unit=unit,
            cycle=cycle,
            status=status,
            committed_count=2 if rng.random() < 0.2 else 1,
            signatory_name=(unit.head_name or f"Kepala {unit.name}")[:200] if signed else "",
            signatory_nip=(unit.head_nip or _nip(rng)) if signed else "",
            signatory_title=(unit.head_title or "Kepala")[:200] if signed else "",
            signed_on=signed_on if signed else None,
            signed_by=admin if signed else None,
            signed_at=signed_at if signed else None,
            signed_on_behalf=signed,
            verified_by=verifier if status == AgreementStatus.VERIFIED else None,
            verified_at=signed_at if status == AgreementStatus.VERIFIED and verifier else None,
            created_by=admin,
        )
        events = [(AgreementAction.CREATE, admin)]
        if signed:
            events.append((AgreementAction.SIGN_ON_BEHALF, admin))
        if status == AgreementStatus.VERIFIED and verifier:
            events.append((AgreementAction.VERIFY, verifier))
        AgreementEvent.objects.bulk_create(
            AgreementEvent(agreement=agreement, actor=actor, action=action, at=signed_at)
            for action, actor in events
        )
        created += 1
    return created
