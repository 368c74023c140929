"""IGA pages: the readiness page per innovation and the regional page with its what-if."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iga.models import IgaEntry, IndicatorScore, RegionIndicator
from tests.innovations.factories import PDF_BYTES

from .factories import IgaEntryFactory, RegionIndicatorFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
EDITORS = {"operator", "head", "curator", "lead_curator", "admin"}
REGION = {"curator", "lead_curator", "admin", "leader"}


@pytest.fixture
def cycle():
    return cycle_of(2025)


@pytest.fixture
def innovation(cycle, unit):
    return give_levels(approved(cycle, unit), {16: 3, 35: 2})


@pytest.mark.parametrize("role", ROLES)
def test_readiness_page_per_role(client, users_by_role, innovation, role):
    client.force_login(users_by_role[role])
    response = client.get(f"/iga/innovations/{innovation.pk}/")
    if role == "other_operator":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    assert response.context["readiness"].score == 17
    assert b"data-estimate-notice" in response.content
    assert response.context["can_edit"] is (role in EDITORS)
    assert (b'name="level_16"' in response.content) is (role in EDITORS)


def test_readiness_page_anonymous_redirects_to_login(client, innovation):
    response = client.get(f"/iga/innovations/{innovation.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def level_post(readiness_rows, **changes):
    data = {f"level_{n}": 0 for n in range(16, 36)}
    data.update({f"level_{n}": level for n, level in readiness_rows.items()})
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ROLES)
def test_readiness_page_post_per_role(client, users_by_role, innovation, role):
    client.force_login(users_by_role[role])
    response = client.post(
        f"/iga/innovations/{innovation.pk}/",
        level_post({16: 3, 35: 2}, level_20="2", note_20="Bimtek dua kali"),
    )
    expected = 302 if role in EDITORS else 404 if role == "other_operator" else 403
    assert response.status_code == expected
    saved = IndicatorScore.objects.filter(innovation=innovation, indicator__number=20).first()
    assert (saved is not None and saved.level == 2) is (role in EDITORS)


@pytest.mark.parametrize("role", ROLES)
def test_region_page_per_role(client, users_by_role, cycle, innovation, role):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    client.force_login(users_by_role[role])
    response = client.get("/iga/2025/")
    assert response.status_code == (200 if role in REGION else 403)
    if role in REGION:
        assert response.context["estimate"].n == 1
        assert b"data-estimate-notice" in response.content
        assert (b"Mark as reported" in response.content) is False  # the only one is entered
        assert (response.context["region_form"] is not None) is (role == "admin")


def test_region_page_anonymous_redirects_to_login(client, cycle):
    response = client.get("/iga/2025/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_region_page_ranks_by_points_to_gain(client, leader, cycle, unit):
    strong = give_levels(approved(cycle, unit), {16: 3, 35: 3})
    weak = give_levels(approved(cycle, unit), {20: 1})
    client.force_login(leader)
    ranking = client.get("/iga/2025/").context["ranking"]
    assert [row["innovation"].pk for row in ranking] == [weak.pk, strong.pk]


def test_region_page_what_if_with_htmx(client, admin_user, cycle, innovation):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    client.force_login(admin_user)
    response = client.get(f"/iga/2025/?exclude={innovation.pk}", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.context["what_if_estimate"].n == 0
    assert b'id="estimate"' in response.content and b"<html" not in response.content


def make_ranked(cycle, unit, count):
    for _n in range(count):
        innovation = give_levels(approved(cycle, unit), {16: 3, 33: 1})
        IgaEntryFactory(innovation=innovation, cycle=cycle)


@pytest.mark.parametrize("query", ["", "?raise=33&exclude=1", "?edit=3"])
def test_region_page_query_count_constant(
    client, admin_user, cycle, unit, query, django_assert_num_queries
):
    client.force_login(admin_user)
    make_ranked(cycle, unit, 1)
    with CaptureQueriesContext(connection) as one:
        client.get(f"/iga/2025/{query}")
    make_ranked(cycle, unit, 9)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(f"/iga/2025/{query}")
    assert len(response.context["ranking"]) == 10


def test_region_page_offers_the_reported_and_every_candidate_for_download(client, curator, cycle):
    client.force_login(curator)
    client.cookies["django_language"] = "en"
    html = client.get("/iga/2025/").content.decode()
    export = "/api/v1/reports/iid/2025/export/"
    assert f'href="{export}?format=xlsx">Reported (XLSX)</a>' in html
    assert f'href="{export}?format=xlsx&amp;scope=candidates">All candidates (XLSX)</a>' in html
    assert 'data-export="reported"' in html and 'data-export="candidates"' in html


@pytest.mark.parametrize("role", ROLES)
def test_mark_as_reported_page_admin_only(client, users_by_role, cycle, innovation, role):
    client.force_login(users_by_role[role])
    response = client.post("/iga/2025/entries/", {"innovation": innovation.pk})
    assert response.status_code == (302 if role == "admin" else 403)
    assert IgaEntry.objects.filter(innovation=innovation).exists() is (role == "admin")


def test_mark_as_reported_page_shows_warnings_then_confirms(client, admin_user, cycle, unit):
    old = approved(cycle, unit, implementation_date=None)
    client.force_login(admin_user)
    response = client.post("/iga/2025/entries/", {"innovation": old.pk})
    assert response.status_code == 200
    assert b'data-warning="no_implementation_date"' in response.content
    assert not IgaEntry.objects.filter(innovation=old).exists()
    client.post("/iga/2025/entries/", {"innovation": old.pk, "confirm": "1"})
    assert IgaEntry.objects.get(innovation=old).warnings_confirmed == ["no_implementation_date"]


def test_entry_status_and_removal_by_admin(client, admin_user, leader, cycle, innovation):
    entry = IgaEntryFactory(innovation=innovation, cycle=cycle)
    client.force_login(leader)
    assert client.post(f"/iga/2025/entries/{entry.pk}/", {"action": "delete"}).status_code == 403
    client.force_login(admin_user)
    client.post(f"/iga/2025/entries/{entry.pk}/", {"national_status": "rejected_by_verification"})
    entry.refresh_from_db()
    assert entry.national_status == "rejected_by_verification"
    client.post(f"/iga/2025/entries/{entry.pk}/", {"action": "delete"})
    assert not IgaEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize("role", ROLES)
def test_region_indicator_form_admin_only(client, users_by_role, cycle, role):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(users_by_role[role])
    response = client.post(
        "/iga/2025/region-indicators/",
        {
            "number": 8,
            "level": "3",
            "note": "WTP 2024",
            "evidence_file": SimpleUploadedFile("lhp.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    assert response.status_code == (302 if role == "admin" else 403)
    saved = RegionIndicator.objects.filter(cycle=cycle, indicator__number=8).first()
    assert (saved is not None and saved.evidence_filename == "lhp.pdf") is (role == "admin")
    if saved is not None:
        assert (saved.level, saved.note) == (3, "WTP 2024")


def test_region_indicator_without_evidence_is_kept_as_claimed(client, admin_user, cycle):
    """Like an innovation's level: saved as claimed, counted 0 until its evidence comes."""
    client.force_login(admin_user)
    client.post("/iga/2025/region-indicators/", {"number": 8, "level": "3"})
    saved = RegionIndicator.objects.get(cycle=cycle, indicator__number=8)
    assert saved.level == 3 and not saved.has_evidence
    response = client.get("/iga/2025/")
    assert response.context["estimate"].spd == 0
    assert b'data-region="8" class="table-warning"' in response.content


def test_region_indicator_unknown_number_is_refused(client, admin_user, cycle):
    client.force_login(admin_user)
    response = client.post("/iga/2025/region-indicators/", {"number": 16, "level": "1"})
    assert response.status_code == 400
    assert response.context["region_form"].errors["number"]
    assert not RegionIndicator.objects.filter(cycle=cycle).exists()


def test_readiness_page_of_another_units_innovation_404(client, operator, cycle, other_unit):
    foreign = approved(cycle, other_unit)
    client.force_login(operator)
    assert client.get(f"/iga/innovations/{foreign.pk}/").status_code == 404


def test_region_indicator_refusal_message_names_the_field(client, admin_user, cycle):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    response = client.post("/iga/2025/region-indicators/", {"number": 16, "level": "1"})
    html = response.content.decode()
    assert 'data-focus-field="id_number">Indicator</a>: ' in html


def test_region_indicator_refused_file_shows_the_form_again_with_what_was_typed(
    client, admin_user, cycle
):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    response = client.post(
        "/iga/2025/region-indicators/",
        {
            "number": "12",
            "level": "3",
            "note": "Perbup penghargaan inovator 2025",
            "evidence_file": SimpleUploadedFile("fake.pdf", b"just text", "application/pdf"),
        },
    )
    assert response.status_code == 400
    form = response.context["region_form"]
    assert list(form.errors) == ["evidence_file"]
    html = response.content.decode()
    assert "data-error-summary" in html
    assert '<option value="12" selected>' in html
    assert '<option value="3" selected>' in html
    assert 'value="Perbup penghargaan inovator 2025"' in html
    assert "files are not kept after an error: please choose them again." in html
    assert not RegionIndicator.objects.filter(cycle=cycle).exists()


def form_values(form):
    """What the browser sends back from the form as the page shows it, the file left empty."""
    return {
        name: form[name].value() or ""
        for name in form.fields
        if name != "evidence_file" and form[name].value() is not None
    }


def test_region_indicator_edit_opens_the_form_on_its_current_values(client, admin_user, cycle):
    RegionIndicatorFactory(cycle=cycle, number=3, level=2, note="Perbup 12/2024")
    client.force_login(admin_user)
    page = client.get("/iga/2025/")
    assert 'href="?edit=3#region-form"' in page.content.decode()
    response = client.get("/iga/2025/?edit=3")
    html = response.content.decode()
    assert form_values(response.context["region_form"]) == {
        "number": 3,
        "level": 2,
        "note": "Perbup 12/2024",
        "evidence_link": "https://example.org/bukti.pdf",
    }
    assert 'id="region-form"' in html and 'value="Perbup 12/2024"' in html


def test_region_indicator_saved_from_its_edit_form_keeps_what_was_not_changed(
    client, admin_user, cycle
):
    client.force_login(admin_user)
    client.post(
        "/iga/2025/region-indicators/",
        {
            "number": 3,
            "level": 2,
            "note": "Perbup 12/2024",
            "evidence_file": SimpleUploadedFile("izin.pdf", PDF_BYTES, "application/pdf"),
        },
    )
    shown = form_values(client.get("/iga/2025/?edit=3").context["region_form"])
    response = client.post(
        "/iga/2025/region-indicators/",
        {**shown, "evidence_link": "https://example.org/izin"},
    )
    assert response.status_code == 302
    saved = RegionIndicator.objects.get(cycle=cycle, indicator__number=3)
    assert (saved.level, saved.note, saved.evidence_link, saved.evidence_filename) == (
        2,
        "Perbup 12/2024",
        "https://example.org/izin",
        "izin.pdf",
    )


@pytest.mark.parametrize("edit", ["", "99", "x"])
def test_region_indicator_form_without_a_known_indicator_to_edit_starts_empty(
    client, admin_user, cycle, edit
):
    RegionIndicatorFactory(cycle=cycle, number=1, level=2, note="LPPD")
    client.force_login(admin_user)
    form = client.get(f"/iga/2025/?edit={edit}").context["region_form"]
    assert form.initial == {}


def test_removing_an_iga_entry_asks_first(client, admin_user, cycle, innovation):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    html = client.get("/iga/2025/").content.decode()
    button = html.index('value="delete"')
    form_tag = html[html.rindex("<form", 0, button) : button]
    assert f'data-confirm="Remove the IGA entry of {innovation.code}?"' in form_tag
    assert 'name="national_status"' not in form_tag  # saving the status asks nothing


def test_distance_to_the_next_bands_writes_their_minimum_with_two_decimals(
    client, admin_user, cycle
):
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"
    html = client.get("/iga/2025/").content.decode()
    assert re.search(r"Inovatif from 35\.00: [0-9.]+ points\.", html)
    assert "Kurang Inovatif from 0.01:" in html
