import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.utils import translation

from accounts.enums import Role
from agreements import services
from agreements.enums import AgreementAction, AgreementStatus
from agreements.models import Agreement
from intan_banjar.exceptions import StateConflict
from tests.factories import UserFactory

from .factories import AgreementFactory

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf_upload(content=PDF_BYTES, name="scan.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_agreement_create_prefills_from_unit_and_cycle(cycle, operator, unit):
    cycle.min_innovations_per_unit = 2
    cycle.save()

    agreement = services.agreement_create(unit=unit, cycle=cycle, by=operator)

    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.committed_count == 2
    assert agreement.signatory_name == unit.head_name
    assert agreement.signatory_nip == unit.head_nip
    assert agreement.signatory_title == unit.head_title
    assert agreement.created_by == operator
    assert list(agreement.events.values_list("action", flat=True)) == [AgreementAction.CREATE]


def test_agreement_create_below_minimum_refused(cycle, operator, unit):
    cycle.min_innovations_per_unit = 3
    cycle.save()

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_create(unit=unit, cycle=cycle, by=operator, committed_count=2)

    assert "committed_count" in excinfo.value.message_dict
    assert not Agreement.objects.exists()


def test_agreement_create_second_for_unit_and_cycle_refused(cycle, operator, head, unit):
    services.agreement_create(unit=unit, cycle=cycle, by=operator)

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_create(unit=unit, cycle=cycle, by=head)

    assert "unit" in excinfo.value.message_dict
    assert Agreement.objects.count() == 1


def test_agreement_unique_constraint_at_database_level(cycle, unit):
    AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(IntegrityError):
        Agreement.objects.create(unit=unit, cycle=cycle, committed_count=1)


@pytest.mark.parametrize("role", ["curator", "leader", "other_operator"])
def test_agreement_create_by_others_refused(cycle, unit, users_by_role, role):
    with pytest.raises(PermissionDenied):
        services.agreement_create(unit=unit, cycle=cycle, by=users_by_role[role])


def test_agreement_create_by_admin_for_any_unit(cycle, unit, admin_user):
    agreement = services.agreement_create(unit=unit, cycle=cycle, by=admin_user)

    assert agreement.unit == unit


def test_agreement_create_for_inactive_unit_refused(cycle, unit, admin_user):
    unit.active = False
    unit.save()

    with pytest.raises(ValidationError):
        services.agreement_create(unit=unit, cycle=cycle, by=admin_user)


def test_agreement_update_changes_draft(cycle, unit, operator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    services.agreement_update(
        agreement=agreement, by=operator, committed_count=3, planned_titles=["A", "B"]
    )

    agreement.refresh_from_db()
    assert agreement.committed_count == 3
    assert agreement.planned_titles == ["A", "B"]


def test_agreement_update_nip_with_letters_refused(cycle, unit, operator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_update(
            agreement=agreement, by=operator, signatory_nip="19700101199003A001"
        )

    assert "signatory_nip" in excinfo.value.message_dict


def test_agreement_update_below_minimum_refused(cycle, unit, operator):
    cycle.min_innovations_per_unit = 2
    cycle.save()
    agreement = AgreementFactory(unit=unit, cycle=cycle, committed_count=2)

    with pytest.raises(ValidationError):
        services.agreement_update(agreement=agreement, by=operator, committed_count=1)


def test_agreement_update_signed_is_state_error(cycle, unit, operator, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)

    with pytest.raises(StateConflict) as excinfo:
        services.agreement_update(agreement=agreement, by=operator, committed_count=2)

    assert excinfo.value.allowed_actions == []


def test_agreement_sign_by_head_records_act(cycle, unit, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    agreement = services.agreement_sign(agreement=agreement, by=head, scan=pdf_upload())

    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_by == head
    assert agreement.signed_at is not None
    assert agreement.signed_on is not None
    assert agreement.signed_on_behalf is False
    assert agreement.scan.name.startswith("agreements/")
    assert "scan" not in agreement.scan.name
    assert agreement.events.last().action == AgreementAction.SIGN


def test_agreement_sign_by_admin_is_on_behalf(cycle, unit, admin_user):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    agreement = services.agreement_sign(agreement=agreement, by=admin_user)

    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_on_behalf is True
    assert agreement.signed_by == admin_user
    assert agreement.events.last().action == AgreementAction.SIGN_ON_BEHALF


@pytest.mark.parametrize("role", ["operator", "curator", "leader", "other_operator"])
def test_agreement_sign_by_others_refused(cycle, unit, users_by_role, role):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(PermissionDenied):
        services.agreement_sign(agreement=agreement, by=users_by_role[role])

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT


def test_agreement_sign_by_head_of_another_unit_refused(cycle, unit, other_unit):
    other_head = UserFactory(role=Role.HEAD, unit=other_unit)
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(PermissionDenied):
        services.agreement_sign(agreement=agreement, by=other_head)


def test_agreement_sign_scan_not_pdf_refused(cycle, unit, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_sign(agreement=agreement, by=head, scan=pdf_upload(png, "fake.pdf"))

    assert "scan" in excinfo.value.message_dict
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    assert not agreement.scan


def test_agreement_sign_scan_too_large_refused(cycle, unit, head, settings):
    settings.ATTACHMENT_MAX_BYTES = 20
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_sign(agreement=agreement, by=head, scan=pdf_upload())

    assert "scan" in excinfo.value.message_dict


def test_agreement_sign_without_signatory_nip_refused(cycle, unit, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle, signatory_nip="")

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_sign(agreement=agreement, by=head)

    assert "signatory_nip" in excinfo.value.message_dict


def test_agreement_sign_twice_is_state_error(cycle, unit, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)

    with pytest.raises(StateConflict):
        services.agreement_sign(agreement=agreement, by=head)


@pytest.mark.parametrize("role", ["curator", "admin"])
def test_agreement_verify_by_bappedalitbang(cycle, unit, head, users_by_role, role):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)

    agreement = services.agreement_verify(agreement=agreement, by=users_by_role[role])

    assert agreement.status == AgreementStatus.VERIFIED
    assert agreement.verified_by == users_by_role[role]
    assert agreement.verified_at is not None


@pytest.mark.parametrize("role", ["operator", "head", "leader", "other_operator"])
def test_agreement_verify_by_others_refused(cycle, unit, head, users_by_role, role):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)

    with pytest.raises(PermissionDenied):
        services.agreement_verify(agreement=agreement, by=users_by_role[role])


def test_agreement_verify_draft_is_state_error(cycle, unit, curator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(StateConflict):
        services.agreement_verify(agreement=agreement, by=curator)


@pytest.mark.parametrize("verified", [False, True])
def test_agreement_reject_back_to_draft_with_note(cycle, unit, head, curator, verified):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head, scan=pdf_upload())
    if verified:
        services.agreement_verify(agreement=agreement, by=curator)

    agreement = services.agreement_reject(agreement=agreement, by=curator, note="Scan terpotong")

    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.rejection_note == "Scan terpotong"
    assert agreement.signed_by is None and agreement.signed_at is None
    assert agreement.verified_by is None
    assert not agreement.scan
    assert agreement.events.last().note == "Scan terpotong"


def test_agreement_reject_without_note_refused(cycle, unit, head, curator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)

    with pytest.raises(ValidationError) as excinfo:
        services.agreement_reject(agreement=agreement, by=curator, note="  ")

    assert "note" in excinfo.value.message_dict


@pytest.mark.parametrize("role", ["operator", "head", "leader"])
def test_agreement_reject_by_others_refused(cycle, unit, head, users_by_role, role):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)

    with pytest.raises(PermissionDenied):
        services.agreement_reject(agreement=agreement, by=users_by_role[role], note="x")


def test_agreement_reject_draft_is_state_error(cycle, unit, curator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with pytest.raises(StateConflict):
        services.agreement_reject(agreement=agreement, by=curator, note="x")


def test_agreement_resigned_after_rejection(cycle, unit, head, curator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    services.agreement_sign(agreement=agreement, by=head)
    services.agreement_reject(agreement=agreement, by=curator, note="Tanggal salah")

    agreement = services.agreement_sign(agreement=agreement, by=head)

    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.rejection_note == ""
    assert list(agreement.events.values_list("action", flat=True)) == ["sign", "reject", "sign"]


def test_allowed_actions_follow_role_and_state(cycle, unit, users_by_role):
    agreement = AgreementFactory(unit=unit, cycle=cycle)
    by = users_by_role

    assert services.allowed_actions(agreement, by["operator"]) == ["edit"]
    assert services.allowed_actions(agreement, by["head"]) == ["edit", "sign"]
    assert services.allowed_actions(agreement, by["admin"]) == ["edit", "sign"]
    assert services.allowed_actions(agreement, by["curator"]) == []
    agreement.status = AgreementStatus.SIGNED
    assert services.allowed_actions(agreement, by["curator"]) == ["verify", "reject"]
    assert services.allowed_actions(agreement, by["head"]) == []


# --- signing date -------------------------------------------------------------------------


def test_agreement_sign_date_in_the_future_refused(cycle, unit, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        services.agreement_sign(agreement=agreement, by=head, signed_on=datetime.date(2025, 6, 3))

    assert excinfo.value.message_dict == {"signed_on": ["The date cannot be in the future."]}
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.DRAFT
    assert agreement.signed_on is None


def test_agreement_sign_date_today_in_martapura_accepted_while_utc_is_a_day_behind(
    cycle, unit, head, during_cycle
):
    during_cycle.move_to(datetime.datetime(2025, 6, 2, 16, 30, tzinfo=datetime.UTC))  # 00:30 WITA
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    agreement = services.agreement_sign(
        agreement=agreement, by=head, signed_on=datetime.date(2025, 6, 3)
    )

    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signed_on == datetime.date(2025, 6, 3)


def test_agreement_sign_date_in_the_past_accepted(cycle, unit, head):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    agreement = services.agreement_sign(
        agreement=agreement, by=head, signed_on=datetime.date(2025, 2, 6)
    )

    assert agreement.signed_on == datetime.date(2025, 2, 6)


# --- history ------------------------------------------------------------------------------


def test_agreement_update_notes_the_field_names_given(cycle, unit, operator):
    agreement = AgreementFactory(unit=unit, cycle=cycle)

    services.agreement_update(
        agreement=agreement, by=operator, signatory_title="Plt. Kepala", committed_count=2
    )

    event = agreement.events.last()
    assert event.action == AgreementAction.UPDATE
    assert event.note == "committed_count, signatory_title"


def test_agreement_update_notes_only_the_fields_that_changed(cycle, unit, operator):
    """The page's form sends every field; the history names the ones whose value changed."""
    agreement = AgreementFactory(
        unit=unit, cycle=cycle, committed_count=1, signatory_title="Kepala Dinas"
    )

    services.agreement_update(
        agreement=agreement, by=operator, signatory_title="Plt. Kepala", committed_count=1
    )
    services.agreement_update(
        agreement=agreement, by=operator, signatory_title="Plt. Kepala", committed_count=1
    )

    first, second = agreement.events.filter(action=AgreementAction.UPDATE).order_by("pk")
    assert first.note == "signatory_title"
    assert second.note == ""
