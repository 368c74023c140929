"""The fast exports (tuples, one query) say exactly what the model objects say: the innovation
CSV and the launch report JSON are compared with what is computed from the objects, row by row.
And the switches: the CSV dialect asked for, the XLSX title line with the filters used."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.utils import timezone, translation

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.models import Innovation
from reports.launch import launch_report
from tests.factories import CycleFactory
from tests.innovations.factories import (
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
)

pytestmark = pytest.mark.django_db


def label(enum, value):
    return str(enum(value).label) if value else ""


@pytest.fixture
def seeded(unit, other_unit):
    """Innovations with 0, 1 and 3 innovators (out of order), a community one, empty fields."""
    cycle = CycleFactory(year=2025)
    first = InnovationFactory(
        cycle=cycle, unit=unit, status=Status.LAUNCHED, lab_stage=LabStage.DIAGNOSE
    )
    for position, name in ((2, "Citra"), (0, "Ani"), (1, "Budi")):
        InnovatorFactory(innovation=first, name=name, position=position)
    second = InnovationFactory(
        cycle=cycle, unit=other_unit, status=Status.LAUNCHED, budget=None, trial_date=None
    )
    InnovatorFactory(innovation=second, name="=cmd")
    CommunityInnovationFactory(cycle=cycle, status=Status.LAUNCHED, maturity="")
    InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED, title="+Approved")
    Innovation.objects.filter(pk=first.pk).update(submitted_at=timezone.now())
    return cycle


def expected_innovation_rows():
    """The export's rows as the model objects give them (the columns before issue 20)."""
    rows = []
    for i in Innovation.objects.select_related("unit").order_by("year", "code"):
        rows.append(
            [
                i.code,
                i.year,
                i.title,
                i.unit.code if i.unit_id else "",
                i.unit.name if i.unit_id else "Community",
                label(SourceCategory, i.source_category),
                label(Status, i.status),
                label(Origin, i.origin),
                label(Form, i.form),
                label(Maturity, i.maturity),
                label(LabStage, i.lab_stage),
                [p.name for p in i.innovators.all()],
                i.trial_date,
                i.implementation_date,
                i.budget,
                i.submitted_at,
            ]
        )
    return rows


def as_csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list):
        value = "; ".join(value)
    text = str(value)
    return "'" + text if text.startswith(("=", "+", "-", "@")) else text


def test_innovation_csv_same_content_as_the_objects(api_as, admin_user, seeded):
    with translation.override("en"):
        response = api_as(admin_user).get(
            "/api/v1/innovations/export/?format=csv", HTTP_ACCEPT_LANGUAGE="en"
        )
        expected = [[as_csv_cell(v) for v in row] for row in expected_innovation_rows()]
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[1:] == expected
    assert any(row[11] == "Ani; Budi; Citra" for row in rows)  # innovators in form order


def test_innovation_xlsx_same_content_as_the_objects(api_as, admin_user, seeded):
    with translation.override("en"):
        response = api_as(admin_user).get(
            "/api/v1/innovations/export/?format=xlsx", HTTP_ACCEPT_LANGUAGE="en"
        )
        expected = expected_innovation_rows()
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    got = list(sheet.iter_rows(min_row=3, values_only=True))
    local = timezone.get_current_timezone()
    for row, want in zip(got, expected, strict=True):
        want = list(want)
        want[11] = "; ".join(want[11]) or None
        want[12:14] = [
            datetime.datetime.combine(d, datetime.time()) if d else None for d in want[12:14]
        ]
        if want[15]:
            want[15] = want[15].astimezone(local).replace(tzinfo=None, second=0, microsecond=0)
        got_row = list(row)
        if got_row[15]:
            got_row[15] = got_row[15].replace(second=0, microsecond=0)
        assert got_row == [None if v == "" else v for v in want]


def expected_launch_rows(cycle, statuses):
    """The JSON's `innovations` as a serializer of model objects would give them."""
    return [
        {
            "id": i.id,
            "code": i.code,
            "title": i.title,
            "unit": i.unit.code if i.unit_id else None,
            "unit_name": i.unit.name if i.unit_id else None,
            "source_category": i.source_category,
            "innovators": [p.name for p in i.innovators.all()],
            "origin": i.origin,
            "form": i.form,
            "maturity": i.maturity,
            "lab_stage": i.lab_stage,
            "status": i.status,
        }
        for i in Innovation.objects.filter(cycle=cycle, status__in=statuses)
        .select_related("unit")
        .order_by("source_category", "unit__name", "code")
    ]


@pytest.mark.parametrize("include", ["", "approved"])
def test_launch_json_same_body_as_the_objects(api_as, admin_user, seeded, include):
    response = api_as(admin_user).get(f"/api/v1/reports/launch/2025/?include={include}")
    statuses = [Status.LAUNCHED, Status.APPROVED] if include else [Status.LAUNCHED]
    body = response.json()
    assert body["innovations"] == expected_launch_rows(seeded, statuses)
    assert list(body) == [
        "year",
        "include_approved",
        "total",
        "by_source_category",
        "by_origin",
        "by_form",
        "by_maturity",
        "by_lab_stage",
        "units_participating",
        "units_total",
        "innovations",
    ]
    assert list(body["innovations"][0]) == list(expected_launch_rows(seeded, statuses)[0])
    # The totals counted from the rows are the aggregate's (the page, PDF and files use it).
    report = launch_report(cycle=seeded, user=admin_user, include_approved=bool(include))
    assert {k: v for k, v in body.items() if k != "innovations"} == report.as_dict()
    assert body["by_maturity"]["unspecified"] == 1  # the community innovation has none


def test_innovation_csv_excel_dialect(api_as, admin_user, seeded):
    response = api_as(admin_user).get("/api/v1/innovations/export/?format=csv&dialect=excel-id")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert len(rows) == 5 and len(rows[0]) == 16


def test_export_unknown_dialect_is_400(api_as, admin_user, seeded):
    response = api_as(admin_user).get("/api/v1/innovations/export/?format=csv&dialect=tsv")
    assert response.status_code == 400
    assert "dialect" in response.json()


def test_innovation_xlsx_title_names_the_filters(api_as, admin_user, seeded):
    response = api_as(admin_user).get(
        "/api/v1/innovations/export/?format=xlsx&year=2025&status=launched&search=layanan",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    title = openpyxl.load_workbook(io.BytesIO(response.content)).active["A1"].value
    assert title.startswith("Innovation list — Year: 2025 — Status: Launched — Search: layanan")
    today = timezone.localdate()
    assert title.endswith(f"printed {today.day} {today:%B %Y}")


def test_launch_page_offers_excel_csv(client, admin_user, seeded):
    client.force_login(admin_user)
    html = client.get("/reports/launch/2025/").content.decode()
    assert "format=csv&amp;dialect=excel-id" in html
    assert "format=xlsx&amp;dialect" not in html


def test_background_job_keeps_dialect_and_filters(admin_user, seeded):
    """A large export runs later in a worker: the file is the one the button asked for."""
    from reports.models import ExportJob
    from reports.runner import run_export

    params = {"filters": {"status": "launched"}, "language": "en", "dialect": "excel-id"}
    job = ExportJob.objects.create(user=admin_user, kind="innovations", format="csv", params=params)
    buffer = io.BytesIO()
    name, total = run_export(job, buffer)
    rows = list(csv.reader(io.StringIO(buffer.getvalue().decode("utf-8-sig")), delimiter=";"))
    assert total == 3 and len(rows) == 4 and rows[0][0] == "Code"
    job = ExportJob.objects.create(
        user=admin_user, kind="innovations", format="xlsx", params=params
    )
    buffer = io.BytesIO()
    run_export(job, buffer)
    title = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active["A1"].value
    assert title.startswith("Innovation list — Status: Launched — printed ")
