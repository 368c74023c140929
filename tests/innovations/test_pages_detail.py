"""/innovations/<id>/: profile, stage progress, evidence, history and the workflow buttons."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations import workflow
from innovations.checks import region_today
from innovations.enums import Action, Status
from innovations.models import Attachment, LabStageRecord, TransitionLog
from reports.models import LaunchEvent

from .factories import (
    PDF_BYTES,
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovatorFactory,
    PartnerFactory,
    words,
)
from .guards import unregister_guard
from .pages import ROLES, page_client, redirects_to_login

pytestmark = pytest.mark.django_db


def url(innovation, suffix=""):
    return f"/innovations/{innovation.pk}/{suffix}"


def button(action):
    return f'name="action" value="{action}"'


@pytest.fixture
def submitted(innovation):
    innovation.status = Status.SUBMITTED
    innovation.submitted_at = innovation.created_at
    innovation.save()
    return innovation


@pytest.fixture
def without_approve_guards():
    """Curation plugs "approve needs a review" into the table; these tests are about the page."""
    saved = list(workflow._guards[Action.APPROVE])
    for guard in saved:
        unregister_guard(Action.APPROVE, guard)
    yield
    for guard in saved:
        workflow.register_guard(Action.APPROVE, guard)


# ---- who may see it -------------------------------------------------------------------------

DETAIL_STATUS = {role: 200 for role in ROLES} | {"other_operator": 404}


@pytest.mark.parametrize("role", ROLES)
def test_detail_per_role(role, users_by_role, submitted):
    response = page_client(users_by_role[role]).get(url(submitted))

    assert response.status_code == DETAIL_STATUS[role]


@pytest.mark.parametrize(
    ("role", "status"),
    [("operator", 200), ("head", 200), ("admin", 200)]
    + [(role, 404) for role in ("curator", "lead_curator", "leader", "other_operator")],
)
def test_detail_of_a_draft_per_role(role, status, users_by_role, innovation):
    assert page_client(users_by_role[role]).get(url(innovation)).status_code == status


def test_detail_anonymous_redirected_to_login(submitted):
    assert redirects_to_login(page_client().get(url(submitted)))


def test_detail_unknown_is_not_found(admin_user, cycle):
    assert page_client(admin_user).get("/innovations/999999/").status_code == 404


# ---- what it shows --------------------------------------------------------------------------


def test_detail_shows_profile_people_evidence_and_stages(operator, innovation):
    InnovatorFactory(innovation=innovation, name="Rahmat Hidayat")
    PartnerFactory(innovation=innovation, name="Universitas Lambung Mangkurat")
    attachment = AttachmentFactory(innovation=innovation, filename="sk-bupati.pdf")
    LabStageRecord.objects.create(
        innovation=innovation, stage="drum_up", reached_on=datetime.date(2025, 5, 12)
    )
    innovation.lab_stage = "drum_up"
    innovation.save()

    html = page_client(operator).get(url(innovation)).content.decode()

    assert '<span class="status-badge status-draft">Draft</span>' in html
    assert innovation.code in html
    assert "Trial" in html  # maturity uji_coba
    for stage in ("drum_up", "diagnose", "design", "deliver", "display"):
        assert f'data-stage="{stage}"' in html
    assert "12 May 2025" in html
    assert "Rahmat Hidayat" in html
    assert "Universitas Lambung Mangkurat" in html
    assert "Rp 25,000,000" in html or "Rp 25.000.000" in html
    assert innovation.problem in html
    download = f"/api/v1/innovations/{innovation.pk}/attachments/{attachment.pk}/download/"
    assert f'href="{download}"' in html
    assert url(innovation, f"attachments/{attachment.pk}/delete/") in html  # editable: removable
    assert f'href="/innovations/{innovation.pk}/edit/"' in html


def test_detail_download_link_serves_the_file(operator, innovation):
    attachment = AttachmentFactory(innovation=innovation)
    client = page_client(operator)

    response = client.get(
        f"/api/v1/innovations/{innovation.pk}/attachments/{attachment.pk}/download/"
    )

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES


def test_detail_not_editable_has_no_delete_or_edit(operator, submitted):
    attachment = AttachmentFactory(innovation=submitted)

    html = page_client(operator).get(url(submitted)).content.decode()

    assert f"attachments/{attachment.pk}/delete/" not in html
    assert "/edit/" not in html
    assert 'name="file"' not in html


def test_detail_history_lists_who_when_from_to_note(operator, curator, submitted):
    TransitionLog.objects.create(
        innovation=submitted,
        actor=curator,
        action="request_revision",
        from_status="submitted",
        to_status="revision_requested",
        note="Lengkapi anggaran.",
    )

    html = page_client(operator).get(url(submitted)).content.decode()

    assert 'data-history="request_revision"' in html
    assert curator.full_name in html
    assert "Lengkapi anggaran." in html
    assert "status-badge status-revision_requested" in html


def test_detail_community_contact_only_for_curators_and_admins(curator, leader, cycle):
    innovation = CommunityInnovationFactory(created_by=curator, cycle=cycle, status="submitted")
    email = innovation.community_submitter.email

    assert email in page_client(curator).get(url(innovation)).content.decode()
    assert email not in page_client(leader).get(url(innovation)).content.decode()


def test_detail_title_with_script_is_escaped(operator, innovation):
    innovation.title = "<script>alert(1)</script>"
    innovation.save()

    html = page_client(operator).get(url(innovation)).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# ---- the workflow buttons -------------------------------------------------------------------

BUTTONS = {
    ("operator", Status.DRAFT): {"submit", "withdraw"},
    ("curator", Status.SUBMITTED): {"start_review", "request_revision"},
    ("lead_curator", Status.IN_REVIEW): {"request_revision", "approve", "reject"},
    ("admin", Status.APPROVED): {"launch"},
    ("leader", Status.SUBMITTED): set(),
}


@pytest.mark.parametrize(("role", "status"), list(BUTTONS))
def test_detail_shows_the_allowed_actions_as_buttons(role, status, users_by_role, innovation):
    innovation.status = status
    innovation.save()

    html = page_client(users_by_role[role]).get(url(innovation)).content.decode()

    shown = {action for action in Action.values if button(action) in html}
    assert shown == BUTTONS[(role, status)]


MOVES = [
    ("submit", Status.DRAFT, "operator", "", Status.SUBMITTED),
    ("submit", Status.REVISION_REQUESTED, "head", "", Status.SUBMITTED),
    ("withdraw", Status.DRAFT, "head", "", Status.WITHDRAWN),
    ("start_review", Status.SUBMITTED, "curator", "", Status.IN_REVIEW),
    ("request_revision", Status.IN_REVIEW, "curator", "Lengkapi data.", Status.REVISION_REQUESTED),
    ("approve", Status.IN_REVIEW, "lead_curator", "", Status.APPROVED),
    ("reject", Status.SUBMITTED, "admin", "Tidak memenuhi.", Status.REJECTED),
    ("launch", Status.APPROVED, "admin", "", Status.LAUNCHED),
    ("reopen", Status.REJECTED, "admin", "", Status.DRAFT),
]


@pytest.mark.parametrize(("action", "source", "role", "note", "target"), MOVES)
def test_every_action_button_moves_the_status(
    action, source, role, note, target, users_by_role, innovation, without_approve_guards
):
    innovation.status = source
    if source != Status.DRAFT:
        innovation.submitted_at = innovation.created_at
    innovation.save()
    if action == Action.LAUNCH:  # launching adds the innovation to its cycle's launch event
        LaunchEvent.objects.create(cycle=innovation.cycle, name="Launching", date=region_today())
    client = page_client(users_by_role[role])
    assert button(action) in client.get(url(innovation)).content.decode()

    response = client.post(url(innovation), {"action": action, "note": note})

    assert response.status_code == 302
    innovation.refresh_from_db()
    assert innovation.status == target
    log = TransitionLog.objects.get(innovation=innovation)
    assert (log.action, log.from_status, log.to_status, log.note) == (action, source, target, note)
    page = client.get(response["Location"]).content.decode()
    assert "Done:" in page


@pytest.mark.parametrize("action", ["request_revision", "reject"])
def test_note_actions_have_a_required_note(action, lead_curator, submitted):
    html = page_client(lead_curator).get(url(submitted)).content.decode()

    assert f'id="note-{action}" rows="2" required' in html


def test_request_revision_without_note_shows_the_error(curator, submitted):
    response = page_client(curator).post(url(submitted), {"action": "request_revision"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please give a reason." in html
    assert 'data-errors="request_revision"' in html
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED
    assert not TransitionLog.objects.exists()


def test_submit_incomplete_profile_shows_reasons(operator, innovation):
    innovation.design = words(299)
    innovation.goals = ""
    innovation.save()

    response = page_client(operator).post(url(innovation), {"action": "submit"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "at least 300 words; it has 299 words" in html
    assert "This field is required before the innovation is submitted." in html
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_guard_refusal_shows_as_message(lead_curator, submitted):
    def needs_review(innovation, user, note):
        return {"reviews": ["A review is needed first."]}

    submitted.status = Status.IN_REVIEW
    submitted.save()
    workflow.register_guard(Action.APPROVE, needs_review)
    try:
        response = page_client(lead_curator).post(url(submitted), {"action": "approve"})
    finally:
        unregister_guard(Action.APPROVE, needs_review)

    assert response.status_code == 400
    assert "A review is needed first." in response.content.decode()


def test_action_in_wrong_state_shows_conflict(admin_user, innovation):
    response = page_client(admin_user).post(url(innovation), {"action": "launch"})

    assert response.status_code == 409
    assert "is not possible while the innovation is" in response.content.decode()
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_action_of_another_role_is_forbidden(operator, submitted):
    response = page_client(operator).post(url(submitted), {"action": "start_review"})

    assert response.status_code == 403
    assert "You are not allowed to do this." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_action_the_role_may_never_take_is_forbidden_in_any_status(operator, submitted):
    """API.md's precedence: 403, not 409, although a submitted innovation cannot be approved yet."""
    response = page_client(operator).post(url(submitted), {"action": "approve"})

    assert response.status_code == 403
    assert "You are not allowed to do this." in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_action_of_the_role_in_another_status_is_a_conflict(lead_curator, submitted):
    response = page_client(lead_curator).post(url(submitted), {"action": "approve"})

    assert response.status_code == 409
    assert "is not possible while the innovation is" in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == Status.SUBMITTED


def test_unknown_action_is_refused(operator, innovation):
    response = page_client(operator).post(url(innovation), {"action": "publish"})

    assert response.status_code == 400
    assert "Unknown action" in response.content.decode()


def test_action_on_other_units_innovation_not_found(other_operator, innovation):
    response = page_client(other_operator).post(url(innovation), {"action": "withdraw"})

    assert response.status_code == 404
    innovation.refresh_from_db()
    assert innovation.status == Status.DRAFT


def test_action_anonymous_redirected_to_login(innovation):
    assert redirects_to_login(page_client().post(url(innovation), {"action": "withdraw"}))


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
