"""The innovation detail page: recording stage progress and adding or deleting evidence files."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations.checks import region_today
from innovations.models import Attachment, LabStageRecord

from .detail_helpers import url
from .factories import PDF_BYTES, AttachmentFactory
from .pages import page_client

pytestmark = pytest.mark.django_db


# ---- stage progress -------------------------------------------------------------------------


def test_record_a_stage(operator, innovation):
    reached = region_today() - datetime.timedelta(days=3)

    response = page_client(operator).post(
        url(innovation, "lab-stage/"), {"stage": "diagnose", "reached_on": reached.isoformat()}
    )

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.lab_stage == "diagnose"
    record = LabStageRecord.objects.get(innovation=innovation)
    assert (record.stage, record.reached_on, record.recorded_by) == ("diagnose", reached, operator)


def test_record_a_stage_in_the_future_refused(operator, innovation):
    tomorrow = region_today() + datetime.timedelta(days=1)

    response = page_client(operator).post(
        url(innovation, "lab-stage/"), {"stage": "diagnose", "reached_on": tomorrow.isoformat()}
    )

    assert response.status_code == 400
    assert "The date cannot be in the future." in response.content.decode()
    assert not LabStageRecord.objects.exists()


def test_operator_cannot_move_a_stage_back_admin_can(operator, admin_user, innovation):
    innovation.lab_stage = "design"
    innovation.save()

    refused = page_client(operator).post(url(innovation, "lab-stage/"), {"stage": "drum_up"})
    moved = page_client(admin_user).post(url(innovation, "lab-stage/"), {"stage": "drum_up"})

    assert refused.status_code == 400
    assert moved.status_code == 302
    innovation.refresh_from_db()
    assert innovation.lab_stage == "drum_up"
    assert LabStageRecord.objects.get().previous_stage == "design"


@pytest.mark.parametrize(
    ("role", "status"), [("leader", 403), ("curator", 403), ("other_operator", 404)]
)
def test_record_a_stage_by_others_refused(role, status, users_by_role, submitted):
    response = page_client(users_by_role[role]).post(
        url(submitted, "lab-stage/"), {"stage": "design"}
    )

    assert response.status_code == status
    assert not LabStageRecord.objects.exists()


# ---- evidence -------------------------------------------------------------------------------


def test_add_a_file_on_the_detail_page(operator, innovation):
    response = page_client(operator).post(
        url(innovation, "attachments/"),
        {"kind": "photo", "file": SimpleUploadedFile("foto.pdf", PDF_BYTES)},
    )

    assert response.status_code == 302
    assert Attachment.objects.get().kind == "photo"


def test_add_a_disguised_file_refused(operator, innovation):
    response = page_client(operator).post(
        url(innovation, "attachments/"),
        {"kind": "report", "file": SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00" + b"\x00" * 64)},
    )

    assert response.status_code == 400
    assert "This file type is not accepted." in response.content.decode()
    assert not Attachment.objects.exists()


def test_delete_a_file_while_editable(operator, innovation):
    attachment = AttachmentFactory(innovation=innovation)

    response = page_client(operator).post(url(innovation, f"attachments/{attachment.pk}/delete/"))

    assert response.status_code == 302
    assert not Attachment.objects.exists()


def test_delete_a_file_refused_after_submission(operator, submitted):
    attachment = AttachmentFactory(innovation=submitted)

    response = page_client(operator).post(url(submitted, f"attachments/{attachment.pk}/delete/"))

    assert response.status_code == 409
    assert Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize(("role", "status"), [("other_operator", 404), ("admin", 403)])
def test_delete_a_file_by_others_refused(role, status, users_by_role, innovation):
    attachment = AttachmentFactory(innovation=innovation)

    response = page_client(users_by_role[role]).post(
        url(innovation, f"attachments/{attachment.pk}/delete/")
    )

    assert response.status_code == status
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_delete_needs_post(operator, innovation):
    attachment = AttachmentFactory(innovation=innovation)

    response = page_client(operator).get(url(innovation, f"attachments/{attachment.pk}/delete/"))

    assert response.status_code == 405
    assert Attachment.objects.exists()


@pytest.mark.parametrize(
    ("role", "pointed"), [("operator", True), ("curator", True), ("leader", False)]
)
def test_a_submitted_profile_points_to_the_readiness_page_for_iga_evidence(
    users_by_role, innovation, role, pointed
):
    """Its own files are fixed past draft; IGA evidence still comes in on the readiness page."""
    innovation.status = "launched"
    innovation.save(update_fields=["status"])

    page = page_client(users_by_role[role]).get(url(innovation)).content.decode()

    assert (f'href="/iga/innovations/{innovation.pk}/#evidence-upload"' in page) is pointed


def test_a_draft_shows_its_own_upload_form_and_no_pointer(operator, innovation):
    page = page_client(operator).get(url(innovation)).content.decode()

    assert "data-iid-evidence-link" not in page
    assert 'class="row g-2 align-items-end upload-form"' in page
