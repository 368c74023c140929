"""/innovations/<id>/: profile, stage progress, evidence, history and the workflow buttons."""

import datetime

import pytest

from innovations.models import LabStageRecord, TransitionLog

from .detail_helpers import url
from .factories import (
    PDF_BYTES,
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)
from .pages import ROLES, page_client, redirects_to_login

pytestmark = pytest.mark.django_db


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
