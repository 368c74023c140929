"""Decision note templates (issue 16): kept by lead curators and admins, offered on the decision
form, through the page and the API alike."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from curation.models import NoteTemplate
from curation.note_templates import note_template_delete, note_template_save, note_templates_for

pytestmark = pytest.mark.django_db

API = "/api/v1/curation/note-templates/"


def _template(by, action="reject", title="Duplikat", body="Sama dengan inovasi lain."):
    return note_template_save(by=by, action=action, title=title, body=body)


@pytest.mark.parametrize("role", ["lead_curator", "admin"])
def test_keepers_save_change_and_delete(role, users_by_role):
    keeper = users_by_role[role]
    template = _template(keeper, title="  Duplikat  ")
    assert (template.title, template.created_by) == ("Duplikat", keeper)

    note_template_save(
        by=keeper, template=template, action="reject", title="Duplikat", body="Teks baru"
    )
    assert NoteTemplate.objects.get().body == "Teks baru"

    note_template_delete(by=keeper, template=template)
    assert not NoteTemplate.objects.exists()


@pytest.mark.parametrize("role", ["curator", "operator", "head", "leader"])
def test_others_cannot_keep_templates(role, users_by_role, lead_curator):
    with pytest.raises(PermissionDenied):
        _template(users_by_role[role])
    template = _template(lead_curator)
    with pytest.raises(PermissionDenied):
        note_template_delete(by=users_by_role[role], template=template)


def test_a_template_needs_a_known_decision_a_title_and_a_text(lead_curator):
    with pytest.raises(ValidationError) as refused:
        note_template_save(by=lead_curator, action="launch", title=" ", body="")

    assert set(refused.value.message_dict) == {"action", "title", "body"}


def test_templates_grouped_per_decision_for_curation_staff(lead_curator, curator, operator):
    revise = _template(lead_curator, action="request_revision", title="Lengkapi")
    reject = _template(lead_curator, action="reject")

    assert note_templates_for(curator) == {
        "request_revision": [revise],
        "approve": [],
        "reject": [reject],
    }
    assert note_templates_for(operator) == {"request_revision": [], "approve": [], "reject": []}


def test_decision_form_offers_the_templates(client, curator, lead_curator, queued):
    _template(lead_curator, action="request_revision", title="Lengkapi bukti", body="Mohon bukti.")
    _template(lead_curator, action="reject", title="Duplikat")
    client.force_login(curator)

    page = client.get(reverse("curation:review", args=[queued.pk])).content.decode()

    revise = page[page.index('data-note-template="note-request_revision"') :]
    assert (
        '<option value="Mohon bukti.">Lengkapi bukti</option>'
        in revise[: revise.index("</select>")]
    )
    # A plain curator cannot reject, so the reject templates are not offered to them.
    assert 'data-note-template="note-reject"' not in page


def test_edited_template_text_is_what_the_unit_gets(client, curator, lead_curator, queued):
    _template(lead_curator, action="request_revision", title="Lengkapi", body="Mohon bukti.")
    client.force_login(curator)

    client.post(
        reverse("curation:decide", args=[queued.pk]),
        {"action": "request_revision", "note": "Mohon bukti anggaran 2025."},
    )

    queued.refresh_from_db()
    assert queued.status == "revision_requested"
    assert queued.history.get(action="request_revision").note == "Mohon bukti anggaran 2025."


def test_page_lists_and_adds(client, lead_curator, curator):
    client.force_login(lead_curator)
    response = client.post(
        reverse("curation:note_templates"),
        {"action": "approve", "title": "Selamat", "body": "Selamat, inovasi disetujui."},
    )
    assert response.status_code == 302

    client.force_login(curator)
    page = client.get(reverse("curation:note_templates"))
    assert page.status_code == 200
    assert "Selamat, inovasi disetujui." in page.content.decode()
    assert 'name="title"' not in page.content.decode()  # curators read, they do not keep


def test_page_refuses_an_empty_template(client, lead_curator):
    client.force_login(lead_curator)

    response = client.post(
        reverse("curation:note_templates"), {"action": "approve", "title": "", "body": ""}
    )

    assert response.status_code == 400
    assert not NoteTemplate.objects.exists()


def test_page_delete(client, lead_curator, admin_user):
    template = _template(lead_curator)
    client.force_login(admin_user)

    response = client.post(reverse("curation:note_template_delete", args=[template.pk]))

    assert response.status_code == 302
    assert not NoteTemplate.objects.exists()


def test_api_round_trip(api_as, lead_curator, curator):
    created = api_as(lead_curator).post(
        API, {"action": "reject", "title": "Duplikat", "body": "Sama."}, format="json"
    )
    assert created.status_code == 201, created.json()
    template_id = created.json()["id"]
    assert created.json()["created_by"] == lead_curator.email

    changed = api_as(lead_curator).patch(f"{API}{template_id}/", {"body": "Sama persis."})
    assert changed.status_code == 200
    assert changed.json()["body"] == "Sama persis."

    listed = api_as(curator).get(API, {"action": "reject"}).json()
    assert [row["title"] for row in listed] == ["Duplikat"]
    assert api_as(curator).get(API, {"action": "approve"}).json() == []

    assert api_as(curator).delete(f"{API}{template_id}/").status_code == 403
    assert api_as(lead_curator).delete(f"{API}{template_id}/").status_code == 204


def test_api_refuses_before_reading_the_body(api_as, curator):
    assert api_as(curator).post(API, {}, format="json").status_code == 403


def test_api_bad_decision_is_400(api_as, admin_user):
    response = api_as(admin_user).post(
        API, {"action": "launch", "title": "x", "body": "y"}, format="json"
    )

    assert response.status_code == 400
    assert "action" in response.json()


@pytest.mark.parametrize("page", ["curation:queue", "curation:dashboard"])
@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin"])
def test_curation_pages_link_the_note_templates(page, role, client, users_by_role, queued):
    """Everyone who may open the note templates page (curation staff) finds it beside the
    rubric."""
    client.force_login(users_by_role[role])

    html = client.get(reverse(page)).content.decode()

    assert f'href="{reverse("curation:note_templates")}"' in html
    assert client.get(reverse("curation:note_templates")).status_code == 200


def test_lead_curators_guide_links_the_note_templates(client, lead_curator):
    client.force_login(lead_curator)

    html = client.get("/bantuan/kurator-utama/").content.decode()

    assert f'href="{reverse("curation:note_templates")}"' in html
