"""Printable innovation profiles: the staff's copy (visible_to) and the public catalogue's."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.enums import LabStage, Status
from innovations.models import LabStageRecord

from .factories import (
    AttachmentFactory,
    CommunitySubmitterFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)
from .public_helpers import SECRETS, launched_with_secrets

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


def print_url(innovation):
    return f"/innovations/{innovation.pk}/print/"


@pytest.fixture
def full_profile(innovation):
    """Submitted, so the region's roles see it too (a draft is its unit's only)."""
    innovation.lab_stage = LabStage.DIAGNOSE
    innovation.status = Status.SUBMITTED
    innovation.save()
    InnovatorFactory(innovation=innovation, name="Siti Aminah", nip="198502142010011003")
    PartnerFactory(innovation=innovation, name="Bank Kalsel", role="Sponsor")
    LabStageRecord.objects.create(
        innovation=innovation, stage=LabStage.DIAGNOSE, reached_on=datetime.date(2025, 5, 20)
    )
    AttachmentFactory(innovation=innovation, filename="sk-tim-inovasi.pdf")
    return innovation


@pytest.mark.parametrize(
    ("role", "code"), [(r, 404 if r == "other_operator" else 200) for r in ROLES]
)
def test_print_view_per_role(client, users_by_role, full_profile, role, code):
    client.force_login(users_by_role[role])
    assert client.get(print_url(full_profile)).status_code == code


def test_print_view_anonymous_goes_to_sign_in(client, full_profile):
    response = client.get(print_url(full_profile))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_print_view_has_every_part_and_no_menu_or_form(client, operator, full_profile):
    client.force_login(operator)
    client.cookies["django_language"] = "en"

    with time_machine.travel(datetime.datetime(2025, 6, 3, 2, 0, tzinfo=datetime.UTC)):
        html = client.get(print_url(full_profile)).content.decode()

    assert full_profile.title in html and full_profile.code in html
    assert full_profile.summary in html
    assert "Siti Aminah" in html and "198502142010011003" in html
    assert "Bank Kalsel" in html
    assert "20 May 2025" in html
    assert "sk-tim-inovasi.pdf" in html
    assert "/attachments/" not in html  # named, not linked
    assert "Printed on 3 June 2025" in html
    assert "<form" not in html and "<nav" not in html
    assert "css/print.css" in html


@pytest.mark.parametrize(("role", "shown"), [("curator", True), ("leader", False)])
def test_print_view_submitter_contact_for_curators_only(client, users_by_role, cycle, role, shown):
    submitter = CommunitySubmitterFactory(
        innovation__cycle=cycle, innovation__status=Status.SUBMITTED, phone="+6281277774242"
    )
    client.force_login(users_by_role[role])
    response = client.get(print_url(submitter.innovation))
    assert response.status_code == 200
    assert ("+6281277774242" in response.content.decode()) is shown


def test_print_view_same_queries_with_more_rows(client, operator, full_profile):
    client.force_login(operator)
    client.get(print_url(full_profile))  # sessions and caches warmed up
    with CaptureQueriesContext(connection) as one_row:
        client.get(print_url(full_profile))
    for n in range(10):
        InnovatorFactory(innovation=full_profile, name=f"Orang {n}")
        PartnerFactory(innovation=full_profile, name=f"Mitra {n}")
        AttachmentFactory(innovation=full_profile, filename=f"bukti-{n}.pdf")
    with CaptureQueriesContext(connection) as eleven_rows:
        client.get(print_url(full_profile))
    assert len(eleven_rows) == len(one_row)


def test_detail_page_links_the_print_view(client, operator, innovation):
    client.force_login(operator)
    assert (
        f'href="{print_url(innovation)}"'
        in client.get(f"/innovations/{innovation.pk}/").content.decode()
    )


# --- public catalogue ----------------------------------------------------------------------


def test_catalogue_print_shows_public_fields_only(client, cycle):
    innovation = launched_with_secrets(cycle)

    response = client.get(f"/katalog/{innovation.code}/print/")

    assert response.status_code == 200
    html = response.content.decode()
    assert innovation.title in html
    assert "Ibu Inovator Publik" in html
    assert "Origin" not in html and "Asal inovasi" not in html  # not a public field
    for secret in SECRETS:
        assert secret not in html
    assert "<form" not in html


@pytest.mark.parametrize("status", [Status.DRAFT, Status.APPROVED])
def test_catalogue_print_of_unlaunched_is_404_for_anonymous(client, cycle, status):
    innovation = InnovationFactory(cycle=cycle, status=status)
    assert client.get(f"/katalog/{innovation.code}/print/").status_code == 404


def test_catalogue_detail_links_its_print_view(client, cycle):
    innovation = launched_with_secrets(cycle)
    html = client.get(f"/katalog/{innovation.code}/").content.decode()
    assert f'href="/katalog/{innovation.code}/print/"' in html
