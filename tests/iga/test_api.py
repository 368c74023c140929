"""The IID API: per-innovation readiness, the cycle report and export, catalogue and entries."""

import csv
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from iga.models import IgaEntry, Indicator

from .factories import IgaEntryFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

READERS = {"operator", "head", "curator", "lead_curator", "admin", "leader"}
EDITORS = {"operator", "head", "curator", "lead_curator", "admin"}
REGION = {"curator", "lead_curator", "admin", "leader"}


@pytest.fixture
def cycle():
    return cycle_of(2025)


@pytest.fixture
def innovation(cycle, unit):
    return give_levels(approved(cycle, unit), {16: 3, 35: 2})


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_innovation_iid_get_per_role(api_as, users_by_role, innovation, role):
    response = api_as(users_by_role[role]).get(f"/api/v1/innovations/{innovation.pk}/iid/")
    if role == "other_operator":
        assert response.status_code == 404
        return
    assert response.status_code == 200
    data = response.json()
    assert data["score"] == 17 and data["max_score"] == 111 and data["estimate"] is True
    assert data["can_edit"] is (role in EDITORS)
    row = next(r for r in data["indicators"] if r["number"] == 16)
    assert row["level"] == 3 and row["evidence"][0]["url"].endswith("/download/")


def test_innovation_iid_anonymous_401(api_as, innovation):
    assert api_as(None).get(f"/api/v1/innovations/{innovation.pk}/iid/").status_code == 401
    assert api_as(None).put(f"/api/v1/innovations/{innovation.pk}/iid/", {}).status_code == 401


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_innovation_iid_put_per_role(api_as, users_by_role, innovation, role):
    body = {"levels": [{"number": 20, "level": 2, "note": "Bimtek 2×"}]}
    response = api_as(users_by_role[role]).put(
        f"/api/v1/innovations/{innovation.pk}/iid/", body, format="json"
    )
    expected = 200 if role in EDITORS else 404 if role == "other_operator" else 403
    assert response.status_code == expected
    if expected == 200:
        row = next(r for r in response.json()["indicators"] if r["number"] == 20)
        assert row["level"] == 2 and row["proven"] is False and row["note"] == "Bimtek 2×"


def test_innovation_iid_put_rejects_bad_level(api_as, operator, innovation):
    response = api_as(operator).put(
        f"/api/v1/innovations/{innovation.pk}/iid/",
        {"levels": [{"number": 20, "level": 4}]},
        format="json",
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_report_per_role(api_as, users_by_role, cycle, innovation, role):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    response = api_as(users_by_role[role]).get("/api/v1/reports/iid/2025/")
    assert response.status_code == 200
    data = response.json()
    assert data["estimate"] is True
    listed = [row["id"] for row in data["innovations"]]
    if role == "other_operator":
        assert listed == [] and data["region"] is None
    elif role in REGION:
        assert listed == [innovation.pk]
        assert data["region"]["entries"] == 1 and data["region"]["divisor"] == 10
        assert data["region"]["estimate"] is True
    else:
        assert listed == [innovation.pk] and data["region"] is None


def test_report_anonymous_401(api_as, cycle):
    assert api_as(None).get("/api/v1/reports/iid/2025/").status_code == 401
    assert api_as(None).get("/api/v1/reports/iid/2025/export/?format=csv").status_code == 401


def test_report_what_if_for_region_roles(api_as, admin_user, cycle, innovation, unit):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    spare = give_levels(approved(cycle, unit), {31: 3})
    data = (
        api_as(admin_user)
        .get(f"/api/v1/reports/iid/2025/?add={spare.pk}&raise=33&exclude=999999")
        .json()
    )
    assert data["region"]["innovation_sum"] == 17
    assert data["what_if"]["entries"] == 2
    assert data["what_if"]["innovation_sum"] == 17 + 9 + 2 * 9


def make_entries(cycle, unit, count):
    for _n in range(count):
        innovation = give_levels(approved(cycle, unit), {16: 3, 17: 1})
        IgaEntryFactory(innovation=innovation, cycle=cycle)


def consume(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/reports/iid/2025/",
        "/api/v1/reports/iid/2025/?raise=33&exclude=1",
        "/api/v1/reports/iid/2025/export/?format=csv",
        "/api/v1/reports/iid/2025/export/?format=xlsx",
        "/api/v1/reports/iid/2025/export/?format=csv&scope=candidates",
        "/api/v1/reports/iid/2025/export/?format=xlsx&scope=candidates",
    ],
)
def test_report_and_export_query_count_constant(
    api_as, admin_user, cycle, unit, url, django_assert_num_queries
):
    client = api_as(admin_user)
    make_entries(cycle, unit, 1)
    with CaptureQueriesContext(connection) as one:
        consume(client.get(url))
    make_entries(cycle, unit, 9)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
        consume(response)
    assert response.status_code == 200


def test_export_csv_in_national_order(api_as, admin_user, cycle, innovation):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    response = api_as(admin_user).get(
        "/api/v1/reports/iid/2025/export/?format=csv", HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 200
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    header = rows[0]
    assert header[:3] == ["Innovation name", "Maturity (tahapan)", "Initiator"]
    assert header.index("Video") < header.index("Indicator 16 level")
    assert header.index("Indicator 16 level") + 1 == header.index("Indicator 16 evidence")
    row = dict(zip(header, rows[1], strict=True))
    assert row["Innovation name"] == innovation.title
    assert row["Indicator 16 level"] == "3"
    assert "/attachments/" in row["Indicator 16 evidence"]
    assert len(rows) == 2


def test_export_xlsx_unit_sees_own_only(api_as, operator, other_operator, cycle, innovation):
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    response = api_as(operator).get("/api/v1/reports/iid/2025/export/?format=xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    # Row 1 is the title line, row 2 the header.
    assert sheet.max_row == 3 and sheet.cell(3, 1).value == innovation.title
    other = api_as(other_operator).get("/api/v1/reports/iid/2025/export/?format=xlsx")
    assert openpyxl.load_workbook(io.BytesIO(other.content)).active.max_row == 2


def test_export_unknown_format_400(api_as, admin_user, cycle):
    assert api_as(admin_user).get("/api/v1/reports/iid/2025/export/?format=pdf").status_code == 400


def csv_records(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content)))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def xlsx_records(response):
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))  # row 1 is the title line
    return sheet.cell(1, 1).value, [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def reported_and_not(cycle, unit, innovation):
    """The innovation marked as reported, and a candidate beside it that is not."""
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    return innovation, give_levels(approved(cycle, unit), {16: 1})


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_holds_only_the_reported_innovations_by_default(
    api_as, admin_user, reported_and_not, fmt
):
    reported, _waiting = reported_and_not
    client = api_as(admin_user)
    client.cookies["django_language"] = "en"
    response = client.get(f"/api/v1/reports/iid/2025/export/?format={fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="iid-2025.{fmt}"'
    if fmt == "csv":
        records = csv_records(response)
    else:
        title, records = xlsx_records(response)
        assert "Innovations: Reported innovations" in title
    assert [(r["Code"], r["Reported to the IGA"]) for r in records] == [(reported.code, "Yes")]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_of_every_candidate_says_which_are_reported(
    api_as, admin_user, reported_and_not, fmt
):
    reported, waiting = reported_and_not
    client = api_as(admin_user)
    client.cookies["django_language"] = "en"
    response = client.get(f"/api/v1/reports/iid/2025/export/?format={fmt}&scope=candidates")
    assert response["Content-Disposition"] == f'attachment; filename="iid-kandidat-2025.{fmt}"'
    if fmt == "csv":
        records = csv_records(response)
    else:
        title, records = xlsx_records(response)
        assert "Innovations: All candidates, reported or not" in title
    shown = {r["Code"]: r["Reported to the IGA"] for r in records}
    assert shown == {reported.code: "Yes", waiting.code: "No"}
    header = list(records[0])
    assert header[-5:] == [
        "Code",
        "Unit",
        "Reported to the IGA",
        "Score (estimate)",
        "Maximum score",
    ]


def test_export_reported_column_in_indonesian_same_in_csv_and_xlsx(
    api_as, admin_user, reported_and_not
):
    client = api_as(admin_user)
    url = "/api/v1/reports/iid/2025/export/?scope=candidates&format="
    csv_cells = [list(r.values())[-3] for r in csv_records(client.get(url + "csv"))]
    _title, xlsx_rows = xlsx_records(client.get(url + "xlsx"))
    assert sorted(csv_cells) == ["Tidak", "Ya"]
    assert [list(r.values())[-3] for r in xlsx_rows] == csv_cells


def test_export_unknown_scope_400(api_as, admin_user, cycle):
    response = api_as(admin_user).get("/api/v1/reports/iid/2025/export/?format=csv&scope=all")
    assert response.status_code == 400 and "scope" in response.json()


def test_export_scope_in_the_schema(api_as, admin_user):
    schema = api_as(admin_user).get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/reports/iid/{year}/export/"]["get"]["parameters"]
    scope = next(p for p in parameters if p["name"] == "scope")
    assert sorted(scope["schema"]["enum"]) == ["candidates", "reported"]


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_catalogue_put_admin_only(api_as, users_by_role, cycle, role):
    client = api_as(users_by_role[role])
    assert client.get("/api/v1/cycles/2025/iid-indicators/").status_code == 200
    response = client.put(
        "/api/v1/cycles/2025/iid-indicators/",
        [{"number": 35, "weight": "5", "mandatory": False}],
        format="json",
    )
    assert response.status_code == (200 if role == "admin" else 403)
    indicator = Indicator.objects.get(cycle=cycle, number=35)
    assert (indicator.weight == 5) is (role == "admin")


def test_catalogue_anonymous_401_and_unknown_number_400(api_as, admin_user, cycle):
    assert api_as(None).get("/api/v1/cycles/2025/iid-indicators/").status_code == 401
    response = api_as(admin_user).put(
        "/api/v1/cycles/2025/iid-indicators/", [{"number": 99, "weight": 1}], format="json"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "role", ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]
)
def test_entries_per_role(api_as, users_by_role, cycle, innovation, role):
    client = api_as(users_by_role[role])
    listed = client.get("/api/v1/reports/iid/2025/entries/")
    assert listed.status_code == (200 if role in REGION else 403)
    created = client.post(
        "/api/v1/reports/iid/2025/entries/", {"innovation": innovation.pk}, format="json"
    )
    assert created.status_code == (201 if role == "admin" else 403)


def test_entries_anonymous_401(api_as, cycle):
    assert api_as(None).get("/api/v1/reports/iid/2025/entries/").status_code == 401


def test_entry_warnings_then_confirm(api_as, admin_user, cycle, unit):
    innovation = approved(cycle, unit, implementation_date=None)
    client = api_as(admin_user)
    refused = client.post(
        "/api/v1/reports/iid/2025/entries/", {"innovation": innovation.pk}, format="json"
    )
    assert refused.status_code == 400
    assert [w["code"] for w in refused.json()["warnings"]] == ["no_implementation_date"]
    assert refused.json()["confirm"]
    created = client.post(
        "/api/v1/reports/iid/2025/entries/",
        {"innovation": innovation.pk, "confirm": True},
        format="json",
    )
    assert created.status_code == 201
    entry_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/reports/iid/2025/entries/{entry_id}/",
        {"national_status": "rejected_by_verification"},
        format="json",
    )
    assert patched.status_code == 200
    assert IgaEntry.objects.get(pk=entry_id).national_status == "rejected_by_verification"
    assert client.delete(f"/api/v1/reports/iid/2025/entries/{entry_id}/").status_code == 204
