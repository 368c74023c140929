"""Demo agreements: valid records, only real units, idempotent, a draft for the demo head."""

from django.core.management import call_command

from accounts.enums import Role
from agreements.demo import DEMO_HEAD_UNIT, seed_demo_agreements
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tests.factories import CycleFactory, UnitFactory, UserFactory


def test_past_cycle_gets_valid_agreements_for_real_units_only(db):
    UserFactory(role=Role.ADMIN)
    UserFactory(role=Role.CURATOR, is_lead=True)
    synthetic = UnitFactory(code="SIM-00001")
    past = CycleFactory(year=2020)

    made = seed_demo_agreements(past)

    agreements = list(Agreement.objects.filter(cycle=past))
    assert made == len(agreements) > 0
    assert not any(a.unit_id == synthetic.pk for a in agreements)
    for agreement in agreements:
        agreement.full_clean()
        signed = agreement.status != AgreementStatus.DRAFT
        assert (agreement.signed_on is not None) == signed
        assert agreement.events.exists()
    statuses = {a.status for a in agreements}
    assert AgreementStatus.VERIFIED in statuses


def test_open_cycle_leaves_the_demo_heads_unit_a_draft(db):
    UserFactory(role=Role.ADMIN)
    open_cycle = CycleFactory(year=2025)

    seed_demo_agreements(open_cycle)

    assert Agreement.objects.get(cycle=open_cycle, unit__code=DEMO_HEAD_UNIT).status == "draft"


def test_seeding_twice_adds_nothing(db):
    UserFactory(role=Role.ADMIN)
    cycle = CycleFactory(year=2020)
    call_command("seed_demo_agreements", "--year", "2020")
    count = Agreement.objects.count()

    assert seed_demo_agreements(cycle) == 0
    assert Agreement.objects.count() == count
