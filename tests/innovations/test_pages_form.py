"""/innovations/new/ and /innovations/<id>/edit/: the IID form, saved through the services."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations.enums import Status
from innovations.models import Attachment, Innovation, LabStageRecord

from .factories import PDF_BYTES, InnovationFactory
from .form_helpers import edit_url, field_value, profile, rows
from .pages import ROLES, page_client, redirects_to_login

pytestmark = pytest.mark.django_db

NEW = "/innovations/new/"
API_FIELDS = [
    "title",
    "origin",
    "form",
    "type",
    "initiator",
    "maturity",
    "trial_date",
    "implementation_date",
    "summary",
    "problem",
    "design",
    "goals",
    "benefits",
    "results",
    "budget",
    "budget_source",
    "video_url",
    "lab_stage",
    "affairs",
    "tags",
]


# ---- who may open the pages -----------------------------------------------------------------

CREATE_STATUS = {
    "operator": 200,
    "head": 200,
    "curator": 200,
    "lead_curator": 200,
    "admin": 200,
    "leader": 403,
    "other_operator": 200,
}


@pytest.mark.parametrize("role", ROLES)
def test_create_page_per_role(role, users_by_role, cycle):
    response = page_client(users_by_role[role]).get(NEW)

    assert response.status_code == CREATE_STATUS[role]


def test_create_page_anonymous_redirected_to_login(cycle):
    assert redirects_to_login(page_client().get(NEW))


def test_create_post_by_leader_forbidden(leader, cycle):
    response = page_client(leader).post(NEW, profile(cycle))

    assert response.status_code == 403
    assert not Innovation.objects.exists()


EDIT_STATUS = {
    "operator": 200,
    "head": 200,
    "curator": 404,  # a draft is the unit's workspace
    "lead_curator": 404,
    "admin": 403,  # sees it, but it is not the admin's to change
    "leader": 404,
    "other_operator": 404,
}


@pytest.mark.parametrize("role", ROLES)
def test_edit_page_per_role_on_a_draft(role, users_by_role, innovation):
    response = page_client(users_by_role[role]).get(edit_url(innovation))

    assert response.status_code == EDIT_STATUS[role]


@pytest.mark.parametrize(("role", "status"), [("curator", 403), ("leader", 403), ("admin", 403)])
def test_edit_page_region_roles_forbidden_on_revision(role, status, users_by_role, innovation):
    innovation.status = Status.REVISION_REQUESTED
    innovation.save()

    assert page_client(users_by_role[role]).get(edit_url(innovation)).status_code == status


def test_edit_page_anonymous_redirected_to_login(innovation):
    assert redirects_to_login(page_client().get(edit_url(innovation)))


# ---- the form itself ------------------------------------------------------------------------


def test_form_carries_the_api_field_names_and_sections(operator, cycle):
    html = page_client(operator).get(NEW).content.decode()

    for name in [*API_FIELDS, "year", "kind", "file"]:
        assert f'name="{name}"' in html, name
    assert 'name="innovators-0-name"' in html
    assert 'name="innovators-0-nip"' in html
    assert 'name="partners-0-actor"' in html
    for section in ("identity", "classification", "maturity", "substance", "budget", "lab"):
        assert f'id="section-{section}"' in html
    assert 'id="section-innovators"' in html
    assert 'id="section-partners"' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'name="unit"' not in html  # an operator's unit is always their own
    assert "community_submitter-name" not in html


def test_form_word_counter_script_and_element(operator, innovation):
    html = page_client(operator).get(edit_url(innovation)).content.decode()

    assert 'src="/static/innovations/innovation-form.js"' in html
    assert 'id="design-word-count"' in html
    assert 'data-word-count="design-word-count"' in html
    assert 'data-word-target="300"' in html
    # The server's own count is there before the script runs (the factory writes 320 words).
    assert "<strong data-word-number>320</strong>" in html
    assert "<script>" not in html  # CSP: no inline script


@pytest.mark.parametrize(
    ("language", "help_text"),
    [
        ("en", "At least 300 words before the innovation can be submitted."),
        ("id", "Sekurang-kurangnya 300 kata sebelum inovasi dapat diajukan."),
    ],
)
def test_form_design_help_text_in_the_readers_language(language, help_text, operator, innovation):
    client = page_client(operator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    html = client.get(edit_url(innovation)).content.decode()

    assert help_text in html


def test_form_curator_may_pick_a_unit_or_none(curator, cycle):
    html = page_client(curator).get(NEW).content.decode()

    assert 'name="unit"' in html
    assert 'name="community_submitter-name"' in html


# ---- create ---------------------------------------------------------------------------------


def test_create_by_operator_then_detail_shows_it(operator, other_unit, cycle):
    data = {
        **profile(cycle, unit=other_unit.code, lab_stage="diagnose"),
        **rows("innovators", [{"name": "Siti Aminah", "nip": "198502142010012003"}, {}]),
        **rows("partners", [{"actor": "akademisi", "name": "ULM", "role": "Pendamping"}]),
    }
    client = page_client(operator)

    response = client.post(NEW, data)

    innovation = Innovation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/innovations/{innovation.pk}/"
    assert innovation.unit == operator.unit  # whatever was sent
    assert innovation.status == Status.DRAFT
    assert innovation.affairs == ["kesehatan", "komunikasi dan informatika"]
    assert innovation.tags == ["SDGs 3", "Asta Cita"]
    assert innovation.budget == 15_000_000
    assert innovation.lab_stage == "diagnose"
    assert LabStageRecord.objects.filter(innovation=innovation, stage="diagnose").exists()
    assert [(i.name, i.nip) for i in innovation.innovators.all()] == [
        ("Siti Aminah", "198502142010012003")
    ]
    assert [(p.actor, p.name) for p in innovation.partners.all()] == [("akademisi", "ULM")]
    html = client.get(response["Location"]).content.decode()
    assert "Sistem Antrean Puskesmas" in html
    assert innovation.code in html
    assert "Siti Aminah" in html
    assert "ULM" in html


def test_create_plain_post_without_rows(head, cycle):
    response = page_client(head).post(NEW, {"year": cycle.year, "title": "Cukup Judul"})

    assert response.status_code == 302
    innovation = Innovation.objects.get()
    assert (innovation.title, innovation.unit, innovation.created_by) == (
        "Cukup Judul",
        head.unit,
        head,
    )


def test_create_curator_for_a_unit(curator, other_unit, cycle):
    response = page_client(curator).post(NEW, profile(cycle, unit=other_unit.code))

    assert response.status_code == 302
    assert Innovation.objects.get().unit == other_unit


def test_create_curator_community_entry_with_submitter(curator, cycle):
    data = profile(
        cycle,
        unit="",
        **{
            "community_submitter-name": "Kelompok Tani Maju",
            "community_submitter-email": "tani@contoh.id",
            "community_submitter-phone": "0812 3456 7890",
            "community_submitter-village": "Sungai Tabuk",
        },
    )

    response = page_client(curator).post(NEW, data)

    assert response.status_code == 302
    innovation = Innovation.objects.get()
    assert innovation.unit is None
    assert innovation.source_category == "masyarakat"
    assert innovation.community_submitter.name == "Kelompok Tani Maju"
    assert innovation.created_by == curator


def test_create_community_entry_needs_submitter(curator, cycle):
    response = page_client(curator).post(NEW, profile(cycle, unit=""))

    assert response.status_code == 400
    assert "A community innovation needs its submitter." in response.content.decode()
    assert not Innovation.objects.exists()


def test_create_refused_upload_keeps_what_was_typed(operator, cycle):
    html_file = SimpleUploadedFile(
        "laporan.pdf", b"<!doctype html><html><script>x()</script></html>", "application/pdf"
    )
    data = {
        **profile(cycle, title="Judul Yang Diketik"),
        **rows("innovators", [{"name": "Budi", "nip": ""}]),
        "kind": "report",
        "file": html_file,
    }

    response = page_client(operator).post(NEW, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "This file type is not accepted." in html
    assert "Nothing was saved: the file was refused." in html
    assert field_value(html, "title") == "Judul Yang Diketik"
    assert field_value(html, "innovators-0-name") == "Budi"
    assert "Waktu tunggu turun 60%." in html
    assert not Innovation.objects.exists()
    assert not Attachment.objects.exists()


def test_create_with_an_accepted_upload(operator, cycle):
    data = {
        **profile(cycle),
        "kind": "report",
        "file": SimpleUploadedFile("sk.pdf", PDF_BYTES, "application/pdf"),
    }

    response = page_client(operator).post(NEW, data)

    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.filename, attachment.kind, attachment.content_type) == (
        "sk.pdf",
        "report",
        "application/pdf",
    )


def test_create_refusals_shown_next_to_fields(operator, cycle):
    data = {
        **profile(cycle, trial_date="2025-06-01", implementation_date="2025-01-01"),
        **rows("innovators", [{"name": "Budi", "nip": "123456789012345678"}]),
    }

    response = page_client(operator).post(NEW, data)

    html = response.content.decode()
    assert response.status_code == 400
    assert "The implementation date cannot be before the trial date." in html
    # A NIP of the wrong length is refused by the form itself, next to its row
    # (tests/innovations/test_nip_phone.py).
    assert not Innovation.objects.exists()


def test_create_title_with_script_stored_as_typed_and_shown_escaped(operator, cycle):
    title = '<script>alert("x")</script> Layanan'
    client = page_client(operator)

    response = client.post(NEW, profile(cycle, title=title))

    innovation = Innovation.objects.get()
    assert innovation.title == title
    html = client.get(response["Location"]).content.decode()
    assert '<script>alert("x")</script>' not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Layanan" in html


def test_create_page_without_a_cycle_sends_back_to_list(operator):
    response = page_client(operator).get(NEW)

    assert response.status_code == 302
    assert response["Location"] == "/innovations/"
    assert InnovationFactory._meta.model.objects.count() == 0


@pytest.mark.parametrize(
    ("typed", "stored"), [("Rp 25.000.000", 25_000_000), ("1,250,000", 1_250_000), ("", None)]
)
def test_create_budget_as_people_write_it(typed, stored, operator, cycle):
    response = page_client(operator).post(NEW, profile(cycle, budget=typed))

    assert response.status_code == 302
    assert Innovation.objects.get().budget == stored


def test_create_budget_not_a_number_refused(operator, cycle):
    response = page_client(operator).post(NEW, profile(cycle, budget="dua juta"))

    assert response.status_code == 400
    assert field_value(response.content.decode(), "budget") == "dua juta"
    assert not Innovation.objects.exists()
