"""Creating and editing profiles, codes, lab stages, versions: the services' rules."""

import datetime
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from innovations.enums import EDITABLE_STATUSES, Status
from innovations.evidence_services import innovation_set_lab_stage
from innovations.models import (
    Innovation,
    InnovationCodeCounter,
    Innovator,
    LabStageRecord,
    allocate_codes,
)
from innovations.services import innovation_create, innovation_transition, innovation_update
from innovations.versions import profile_diff
from intan_banjar.exceptions import StateConflict

from .factories import InnovationFactory, design_text, open_cycle

pytestmark = pytest.mark.django_db

PROFILE = {
    "title": "Si Cepat",
    "origin": "mandiri",
    "form": "pelayanan_publik",
    "type": "digital",
    "initiator": "asn",
    "maturity": "uji_coba",
    "summary": "Ringkas.",
}


def test_create_by_operator_is_for_own_unit(operator, other_unit, cycle):
    innovation = innovation_create(by=operator, cycle=cycle, unit=other_unit, **PROFILE)

    assert innovation.unit == operator.unit
    assert innovation.status == Status.DRAFT
    assert innovation.source_category == operator.unit.kind
    assert innovation.created_by == operator


def test_create_code_format_and_sequence(operator, cycle):
    first = innovation_create(by=operator, cycle=cycle, **PROFILE)
    second = innovation_create(by=operator, cycle=cycle, **PROFILE)

    assert re.fullmatch(rf"INV-{cycle.year}-\d{{4}}", first.code)
    assert int(second.code[-4:]) == int(first.code[-4:]) + 1


def test_code_never_reuses_an_imported_code(cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit)  # INV-YYYY-0001
    InnovationFactory(cycle=cycle, unit=unit, code=f"INV-{cycle.year}-0041")

    assert allocate_codes(cycle.year, 2) == [f"INV-{cycle.year}-0042", f"INV-{cycle.year}-0043"]


def test_code_counter_starts_after_codes_already_there(cycle, unit):
    InnovationFactory(cycle=cycle, unit=unit, code=f"INV-{cycle.year}-0007")
    InnovationCodeCounter.objects.all().delete()

    assert allocate_codes(cycle.year) == [f"INV-{cycle.year}-0008"]


def test_code_is_stable_on_save(innovation):
    code = innovation.code
    innovation.title = "Nama baru"
    innovation.save()

    innovation.refresh_from_db()
    assert innovation.code == code


def test_codes_are_unique_across_many(unit, cycle):
    codes = {InnovationFactory(unit=unit, cycle=cycle).code for _ in range(25)}

    assert len(codes) == 25


def test_create_by_leader_refused(leader, cycle, unit):
    with pytest.raises(PermissionDenied):
        innovation_create(by=leader, cycle=cycle, unit=unit, **PROFILE)


def test_create_community_entry_needs_a_submitter(curator, cycle):
    with pytest.raises(ValidationError) as refused:
        innovation_create(by=curator, cycle=cycle, unit=None, **PROFILE)

    assert "community_submitter" in refused.value.message_dict
    assert not Innovation.objects.exists()


def test_create_community_entry(curator, cycle):
    innovation = innovation_create(
        by=curator,
        cycle=cycle,
        community_submitter={"name": "Pokdarwis Pengaron", "email": "p@contoh.id"},
        **PROFILE,
    )

    assert innovation.unit is None
    assert innovation.source_category == "masyarakat"
    assert innovation.community_submitter.name == "Pokdarwis Pengaron"


def test_create_script_title_stored_as_typed(operator, cycle):
    title = "<script>alert('x')</script> Inovasi"

    innovation = innovation_create(by=operator, cycle=cycle, **{**PROFILE, "title": title})

    innovation.refresh_from_db()
    assert innovation.title == title


def test_create_nip_of_17_digits_refused_and_nothing_saved(operator, cycle):
    with pytest.raises(ValidationError) as refused:
        innovation_create(
            by=operator,
            cycle=cycle,
            innovators=[{"name": "A", "nip": "19850214201001100"}],
            **PROFILE,
        )

    assert "18" in refused.value.message_dict["innovators"][0]
    assert not Innovation.objects.exists()
    assert not Innovator.objects.exists()


def test_create_dates_out_of_order_refused(operator, cycle):
    with pytest.raises(ValidationError) as refused:
        innovation_create(
            by=operator,
            cycle=cycle,
            trial_date=datetime.date(2025, 6, 1),
            implementation_date=datetime.date(2025, 5, 31),
            **PROFILE,
        )

    assert list(refused.value.message_dict) == ["implementation_date"]
    assert not Innovation.objects.exists()


def test_create_same_trial_and_implementation_date_accepted(operator, cycle):
    day = datetime.date(2025, 6, 1)

    innovation = innovation_create(
        by=operator, cycle=cycle, trial_date=day, implementation_date=day, **PROFILE
    )

    assert innovation.pk


def test_source_category_follows_unit_not_input(operator, cycle):
    innovation = innovation_create(by=operator, cycle=cycle, **PROFILE)
    innovation.source_category = "masyarakat"
    innovation.save()

    innovation.refresh_from_db()
    assert innovation.source_category == operator.unit.kind


@pytest.mark.parametrize("status", sorted(EDITABLE_STATUSES))
def test_update_allowed_in_editable_status(status, innovation, operator):
    innovation.status = status
    innovation.save()

    innovation_update(
        innovation=innovation, by=operator, title="Baru", innovators=[{"name": "B", "nip": ""}]
    )

    innovation.refresh_from_db()
    assert innovation.title == "Baru"
    assert list(innovation.innovators.values_list("name", flat=True)) == ["B"]


@pytest.mark.parametrize("status", sorted(set(Status.values) - EDITABLE_STATUSES))
def test_update_refused_outside_editable_status(status, innovation, operator):
    innovation.status = status
    innovation.save()

    with pytest.raises(StateConflict) as refused:
        innovation_update(innovation=innovation, by=operator, title="Baru")

    assert refused.value.status == status
    innovation.refresh_from_db()
    assert innovation.title != "Baru"


@pytest.mark.parametrize("role", ["curator", "admin", "leader", "other_operator"])
def test_update_of_unit_innovation_refused_for_others(role, users_by_role, innovation):
    with pytest.raises(PermissionDenied):
        innovation_update(innovation=innovation, by=users_by_role[role], title="Baru")


def test_update_refused_leaves_lists_untouched(innovation, operator):
    innovation.innovators.create(name="Lama", nip="")

    with pytest.raises(ValidationError):
        innovation_update(
            innovation=innovation,
            by=operator,
            title="Baru",
            innovators=[{"name": "X", "nip": "123"}],
        )

    innovation.refresh_from_db()
    assert innovation.title != "Baru"
    assert list(innovation.innovators.values_list("name", flat=True)) == ["Lama"]


def test_revision_round_trip_keeps_versions_and_diff(innovation, operator, curator):
    old_design = innovation.design
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(innovation=innovation, action="start_review", by=curator)
    innovation_transition(
        innovation=innovation, action="request_revision", by=curator, note="Perjelas anggaran."
    )
    new_design = design_text(340)
    innovation_update(innovation=innovation, by=operator, design=new_design, budget=30_000_000)
    innovation_transition(innovation=innovation, action="submit", by=operator)

    innovation.refresh_from_db()
    assert innovation.review_round == 2
    assert list(innovation.versions.values_list("review_round", flat=True)) == [1, 2]
    changes = {c["field"]: (c["before"], c["after"]) for c in profile_diff(innovation)}
    assert changes == {"design": (old_design, new_design), "budget": (25_000_000, 30_000_000)}
    history = list(innovation.history.values_list("action", "from_status", "to_status", "note"))
    assert history == [
        ("submit", "draft", "submitted", ""),
        ("start_review", "submitted", "in_review", ""),
        ("request_revision", "in_review", "revision_requested", "Perjelas anggaran."),
        ("submit", "revision_requested", "submitted", ""),
    ]


def test_profile_diff_empty_before_resubmission(innovation, operator):
    innovation_transition(innovation=innovation, action="submit", by=operator)

    assert profile_diff(innovation) == []


# Laboratorium Inovasi stages


def test_lab_stage_forward_recorded(innovation, operator):
    innovation_set_lab_stage(
        innovation=innovation, stage="drum_up", reached_on=datetime.date(2025, 5, 19), by=operator
    )
    innovation_set_lab_stage(
        innovation=innovation, stage="design", reached_on=datetime.date(2025, 6, 2), by=operator
    )

    innovation.refresh_from_db()
    assert innovation.lab_stage == "design"
    records = list(innovation.stage_records.values_list("stage", "previous_stage", "reached_on"))
    assert records == [
        ("drum_up", "", datetime.date(2025, 5, 19)),
        ("design", "drum_up", datetime.date(2025, 6, 2)),
    ]


def test_lab_stage_back_refused_for_operator(innovation, operator):
    innovation_set_lab_stage(innovation=innovation, stage="deliver", by=operator)

    with pytest.raises(PermissionDenied):
        innovation_set_lab_stage(innovation=innovation, stage="diagnose", by=operator)

    innovation.refresh_from_db()
    assert innovation.lab_stage == "deliver"
    assert innovation.stage_records.count() == 1


def test_lab_stage_back_by_admin_recorded(innovation, operator, admin_user):
    innovation_set_lab_stage(innovation=innovation, stage="deliver", by=operator)

    innovation_set_lab_stage(
        innovation=innovation, stage="diagnose", by=admin_user, note="Salah input"
    )

    innovation.refresh_from_db()
    assert innovation.lab_stage == "diagnose"
    back = innovation.stage_records.last()
    assert (back.stage, back.previous_stage, back.recorded_by, back.is_move_back) == (
        "diagnose",
        "deliver",
        admin_user,
        True,
    )


@pytest.mark.parametrize("role", ["curator", "leader", "other_operator"])
def test_lab_stage_refused_for_others(role, users_by_role, innovation):
    with pytest.raises(PermissionDenied):
        innovation_set_lab_stage(innovation=innovation, stage="drum_up", by=users_by_role[role])


def test_lab_stage_future_date_refused(innovation, operator):
    with pytest.raises(ValidationError) as refused:
        innovation_set_lab_stage(
            innovation=innovation,
            stage="drum_up",
            reached_on=datetime.date.today() + datetime.timedelta(days=5),
            by=operator,
        )

    assert "reached_on" in refused.value.message_dict
    assert not LabStageRecord.objects.exists()


def test_lab_stage_continues_after_approval(innovation, operator):
    innovation.status = Status.APPROVED
    innovation.save()

    innovation_set_lab_stage(innovation=innovation, stage="display", by=operator)

    assert innovation.lab_stage == "display"


def test_lab_stage_move_back_via_profile_edit_refused(innovation, operator):
    innovation_set_lab_stage(innovation=innovation, stage="design", by=operator)

    with pytest.raises(PermissionDenied):
        innovation_update(innovation=innovation, by=operator, title="Baru", lab_stage="drum_up")

    innovation.refresh_from_db()
    assert innovation.title != "Baru"


def test_open_cycle_factory_is_open(db):
    cycle = open_cycle()
    assert cycle.submission_deadline > datetime.date.today()


def test_innovation_year_copied_from_cycle_and_kept_in_step(unit):
    from tests.factories import CycleFactory
    from tests.innovations.factories import InnovationFactory

    cycle = CycleFactory(year=2023)
    innovation = InnovationFactory(unit=unit, cycle=cycle)
    assert innovation.year == 2023
    cycle.year = 2022  # an admin corrects a mistyped year
    cycle.save()
    innovation.refresh_from_db()
    assert innovation.year == 2022


def test_create_reads_no_row_it_already_has(operator, cycle, django_assert_max_num_queries):
    """The cycle and the unit are in hand (no existence queries for them) and a new innovation
    has no innovators to delete before its own are inserted."""
    innovation_create(by=operator, cycle=cycle, **PROFILE)  # the year's code counter exists
    with django_assert_max_num_queries(6) as captured:
        innovation = innovation_create(
            by=operator, cycle=cycle, innovators=[{"name": "Ani", "nip": ""}], **PROFILE
        )
    sqls = [q["sql"] for q in captured.captured_queries]
    assert not any(s.startswith("DELETE") for s in sqls)
    # the code in one UPDATE ... RETURNING, no savepoint and locking read around it
    assert not any("innovationcodecounter" in s for s in sqls if not s.startswith("UPDATE"))
    assert not any('FROM "accounts_unit" WHERE "accounts_unit"."id"' in s for s in sqls)
    assert list(innovation.innovators.values_list("name", flat=True)) == ["Ani"]
    assert innovation.unit == operator.unit
