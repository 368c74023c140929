"""Monitoring and evaluation: the schedule, due and overdue on both sides of the date, what is
owed, filing reports, the reminders (once), the unit's home page and the dashboard."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from innovations.enums import Status
from innovations.models import Innovation
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict
from notifications.enums import Kind
from notifications.models import Notification
from notifications.services import reminders_sweep
from portfolio.enums import ObligationStatus
from portfolio.models import MonitoringReport, MonitoringSchedule
from portfolio.monitoring import innovation_schedule, monitoring_report_save, obligations
from portfolio.schedule import Period, add_months, periods, status_on
from tests.factories import CycleFactory
from tests.innovations.factories import PDF_BYTES, InnovationFactory

from .factories import LaunchedFactory, MonitoringReportFactory

pytestmark = pytest.mark.django_db

# The 2025 cycle launches on 11 December 2025: reports are due 11 June and 11 December 2026, ...
FIRST_DUE = datetime.date(2026, 6, 11)
SECOND_DUE = datetime.date(2026, 12, 11)


@pytest.fixture
def cycle_2025(db):
    return CycleFactory(year=2025)


@pytest.fixture
def launched_2025(unit, cycle_2025):
    return LaunchedFactory(unit=unit, cycle=cycle_2025)


def day(date, offset=0):
    return date + datetime.timedelta(days=offset)


def test_add_months_keeps_the_day_or_the_end_of_the_month():
    assert add_months(datetime.date(2025, 12, 11), 6) == datetime.date(2026, 6, 11)
    assert add_months(datetime.date(2025, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert add_months(datetime.date(2024, 2, 29), 12) == datetime.date(2025, 2, 28)


def test_schedule_of_a_cycle(cycle_2025):
    found = periods(cycle_2025)
    assert [p.due_on for p in found] == [
        FIRST_DUE,
        SECOND_DUE,
        datetime.date(2027, 6, 11),
        datetime.date(2027, 12, 11),
    ]
    assert found[0].starts_on == datetime.date(2025, 12, 11)
    MonitoringSchedule.objects.create(cycle=cycle_2025, interval_months=12, periods=2)
    assert [p.due_on for p in periods(cycle_2025)] == [
        datetime.date(2026, 12, 11),
        datetime.date(2027, 12, 11),
    ]


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (day(FIRST_DUE, -31), ObligationStatus.UPCOMING),
        (day(FIRST_DUE, -30), ObligationStatus.DUE),
        (FIRST_DUE, ObligationStatus.DUE),
        (day(FIRST_DUE, 1), ObligationStatus.OVERDUE),
    ],
)
def test_due_and_overdue_on_both_sides_of_the_date(today, status):
    period = Period(1, datetime.date(2025, 12, 11), FIRST_DUE)
    assert status_on(period, today, lead_days=30) == status
    assert status_on(period, today, lead_days=30, submitted=True) == ObligationStatus.SUBMITTED


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (day(FIRST_DUE, -31), []),
        (day(FIRST_DUE, -30), [(1, "due")]),
        (FIRST_DUE, [(1, "due")]),
        (day(FIRST_DUE, 1), [(1, "overdue")]),
        (day(SECOND_DUE, -1), [(1, "overdue"), (2, "due")]),
    ],
)
def test_obligations_on_both_sides_of_the_date(launched_2025, today, expected):
    rows = obligations(Innovation.objects.all(), today=today)
    assert [(r["period"], r["state"]) for r in rows] == expected


def test_a_filed_report_is_no_longer_owed(launched_2025):
    MonitoringReportFactory(innovation=launched_2025, period=1)
    rows = obligations(Innovation.objects.all(), today=day(SECOND_DUE, -1))
    assert [(r["period"], r["state"]) for r in rows] == [(2, "due")]


def test_only_launched_innovations_owe_reports(unit, cycle_2025):
    LaunchedFactory(unit=unit, cycle=cycle_2025, status=Status.APPROVED)
    assert list(obligations(Innovation.objects.all(), today=day(FIRST_DUE, 1))) == []


def test_a_launched_successor_takes_the_reports_over(unit, cycle_2025, launched_2025):
    cycle_2026 = CycleFactory(year=2026)  # launched on 11 December 2026
    LaunchedFactory(unit=unit, cycle=cycle_2026, predecessor=launched_2025)
    today = datetime.date(2027, 7, 1)

    mine = obligations(Innovation.objects.filter(pk=launched_2025.pk), today=today)

    # Periods ending after 11 December 2026 belong to the 2026 entry.
    assert [r["period"] for r in mine] == [1, 2]
    rows = innovation_schedule(launched_2025, today)
    assert [r["period"].number for r in rows] == [1, 2]


def test_an_archived_entry_owes_nothing_before_its_import(unit, cycle_2025):
    archived = LaunchedFactory(unit=unit, cycle=cycle_2025, import_key="k1")
    Innovation.objects.filter(pk=archived.pk).update(
        created_at=datetime.datetime(2026, 9, 1, tzinfo=datetime.UTC)
    )
    archived.refresh_from_db()
    today = day(SECOND_DUE, -1)

    assert [r["period"] for r in obligations(Innovation.objects.all(), today=today)] == [2]
    assert [r["period"].number for r in innovation_schedule(archived, today)][0] == 2


def test_a_cycle_without_monitoring(launched_2025, cycle_2025):
    MonitoringSchedule.objects.create(cycle=cycle_2025, periods=0)
    assert list(obligations(Innovation.objects.all(), today=day(FIRST_DUE, 1))) == []


def test_obligations_are_scoped_to_the_user(operator, other_operator, launched_2025):
    today = day(FIRST_DUE, 1)
    assert obligations(Innovation.objects.visible_to(operator), today=today).count() == 1
    assert obligations(Innovation.objects.visible_to(other_operator), today=today).count() == 0


# --- filing ------------------------------------------------------------------------------------


def report_fields(**changes):
    return {
        "beneficiaries": 320,
        "satisfaction_index": 84.5,
        "budget_realised": 12_000_000,
        "problems": "Sinyal lemah di desa.",
        "follow_up": "Mode luring.",
        **changes,
    }


def test_file_and_correct_a_report_with_evidence(operator, launched_2025):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("monev.pdf", PDF_BYTES, content_type="application/pdf")
    report, created = monitoring_report_save(
        innovation=launched_2025,
        period=1,
        by=operator,
        today=FIRST_DUE,
        files=[pdf],
        **report_fields(),
    )
    again, created_again = monitoring_report_save(
        innovation=launched_2025, period=1, by=operator, today=FIRST_DUE, beneficiaries=400
    )

    assert created and not created_again and again.pk == report.pk
    assert again.beneficiaries == 400 and again.reported_on == FIRST_DUE
    (evidence,) = report.evidence.all()
    assert (evidence.innovation, evidence.indicator) == (launched_2025, 34)


def test_report_rules(users_by_role, unit, cycle_2025, launched_2025):
    operator = users_by_role["operator"]
    with pytest.raises(InvalidInput):  # the period has not started
        monitoring_report_save(
            innovation=launched_2025,
            period=2,
            by=operator,
            today=day(FIRST_DUE, -1),
            **report_fields(),
        )
    with pytest.raises(InvalidInput):  # beyond the schedule
        monitoring_report_save(
            innovation=launched_2025, period=9, by=operator, today=FIRST_DUE, **report_fields()
        )
    with pytest.raises(InvalidInput):  # a date in the future
        monitoring_report_save(
            innovation=launched_2025,
            period=1,
            by=operator,
            today=FIRST_DUE,
            **report_fields(reported_on=day(FIRST_DUE, 1)),
        )
    with pytest.raises(StateConflict):  # not launched
        monitoring_report_save(
            innovation=LaunchedFactory(unit=unit, cycle=cycle_2025, status=Status.APPROVED),
            period=1,
            by=operator,
            today=FIRST_DUE,
            **report_fields(),
        )
    for role in ("other_operator", "curator", "leader"):
        with pytest.raises(Refused):
            monitoring_report_save(
                innovation=launched_2025,
                period=1,
                by=users_by_role[role],
                today=FIRST_DUE,
                **report_fields(),
            )
    assert not MonitoringReport.objects.exists()


def test_latest_figures_feed_the_iid_indicators(launched_2025):
    from iga.readiness import readiness_of

    MonitoringReportFactory(innovation=launched_2025, period=1, beneficiaries=150)
    MonitoringReportFactory(innovation=launched_2025, period=2, beneficiaries=650, method="survey")

    rows = {r.number: r for r in readiness_of(launched_2025).rows}

    assert rows[33].suggested_level == 3 and "650" in rows[33].facts[0].text
    assert rows[34].suggested_level == 2


# --- reminders ---------------------------------------------------------------------------------


def monitoring_reminders():
    return Notification.objects.filter(kind=Kind.MONITORING_DUE)


@pytest.mark.parametrize(
    ("today", "sent"),
    [
        (day(FIRST_DUE, -15), 0),
        (day(FIRST_DUE, -14), 1),
        (day(FIRST_DUE, -13), 0),
        (day(FIRST_DUE, -1), 1),
        (FIRST_DUE, 0),
        (day(FIRST_DUE, 1), 1),  # overdue: once
        (day(FIRST_DUE, 30), 1),
        (day(FIRST_DUE, 31), 0),
    ],
)
def test_monitoring_reminder_days(operator, launched_2025, today, sent):
    reminders_sweep(today=today)
    assert monitoring_reminders().count() == sent


def test_monitoring_reminders_are_sent_once(operator, head, launched_2025):
    for today in (day(FIRST_DUE, 1), day(FIRST_DUE, 1), day(FIRST_DUE, 2), day(FIRST_DUE, 20)):
        reminders_sweep(today=today)

    assert monitoring_reminders().count() == 2  # the overdue report, to the operator and the head
    assert {n.recipient for n in monitoring_reminders()} == {operator, head}
    assert launched_2025.code in monitoring_reminders().first().subject


def test_no_reminder_for_a_filed_report(operator, launched_2025):
    MonitoringReportFactory(innovation=launched_2025, period=1)
    reminders_sweep(today=day(FIRST_DUE, 1))
    assert not monitoring_reminders().exists()


def test_dry_run_sweep_plans_without_sending(operator, launched_2025):
    result = reminders_sweep(today=day(FIRST_DUE, 1), dry_run=True)
    assert len(result.by_kind[Kind.MONITORING_DUE]) == 1
    assert not monitoring_reminders().exists()


# --- pages -------------------------------------------------------------------------------------


def test_unit_home_page_shows_due_and_overdue_reports(client, operator, unit, cycle_2025):
    overdue = LaunchedFactory(unit=unit, cycle=cycle_2025)
    MonitoringReportFactory(innovation=LaunchedFactory(unit=unit, cycle=cycle_2025), period=1)
    client.force_login(operator)

    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        page = client.get("/").content.decode()

    assert "data-home-monitoring" in page
    assert page.count('data-status="overdue"') == 1 and page.count('data-status="due"') == 2
    assert overdue.code in page


def test_unit_home_page_without_reports_owed(client, operator, launched_2025):
    client.force_login(operator)
    with time_machine.travel(datetime.datetime(2026, 1, 20, 9, tzinfo=datetime.UTC)):
        assert "data-home-monitoring" not in client.get("/").content.decode()


def test_dashboard_lists_and_counts_what_is_owed(client, curator, unit, other_unit, cycle_2025):
    LaunchedFactory(unit=unit, cycle=cycle_2025)
    LaunchedFactory(unit=other_unit, cycle=cycle_2025)
    client.force_login(curator)

    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        page = client.get(reverse("portfolio:monitoring")).content.decode()
        only_due = client.get(reverse("portfolio:monitoring"), {"state": "due"}).content.decode()
        one_unit = client.get(reverse("portfolio:monitoring"), {"unit": unit.code}).content.decode()

    assert 'data-count="overdue">2<' in page and 'data-count="due">2<' in page
    assert page.count("data-period=") == 4
    assert only_due.count("data-period=") == 2
    assert one_unit.count("data-period=") == 2


@pytest.mark.parametrize("count", [1, 10])
def test_dashboard_query_count_constant(
    client, curator, unit, cycle_2025, count, django_assert_num_queries
):
    for _ in range(count):
        LaunchedFactory(unit=unit, cycle=cycle_2025)
    client.force_login(curator)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        client.get(reverse("portfolio:monitoring"))
        # session, user; the list (cycles, schedules, count, page) and the two counts (cycles,
        # schedules, count each); the current cycle and its schedule
        with django_assert_num_queries(14):
            client.get(reverse("portfolio:monitoring"))


@pytest.mark.parametrize("count", [1, 10])
def test_obligations_api_query_count_constant(
    api_as, curator, unit, cycle_2025, count, django_assert_num_queries
):
    for _ in range(count):
        LaunchedFactory(unit=unit, cycle=cycle_2025)
    api = api_as(curator)
    moment = datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)
    with time_machine.travel(moment), django_assert_num_queries(4):
        body = api.get("/api/v1/monitoring/").json()
    assert body["count"] == 2 * count


@pytest.mark.parametrize("params", [{"status": "overdue"}, {"state": "overdue"}])
def test_obligations_api_filters_by_status(api_as, curator, unit, cycle_2025, params):
    LaunchedFactory(unit=unit, cycle=cycle_2025)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        body = api_as(curator).get("/api/v1/monitoring/", params).json()
    assert [(r["period"], r["status"]) for r in body["results"]] == [(1, "overdue")]


def test_obligations_api_unknown_status_is_400(api_as, curator):
    response = api_as(curator).get("/api/v1/monitoring/", {"status": "late"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_obligations_status_filter_in_the_schema(api_as, admin_user):
    schema = api_as(admin_user).get("/api/schema/?format=json").json()
    parameters = schema["paths"]["/api/v1/monitoring/"]["get"]["parameters"]
    assert {p["name"] for p in parameters} >= {"status", "state"}


def test_dashboard_filters_by_status(client, curator, unit, cycle_2025):
    LaunchedFactory(unit=unit, cycle=cycle_2025)
    client.force_login(curator)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        page = client.get(reverse("portfolio:monitoring"), {"status": "overdue"}).content.decode()
    assert page.count("data-period=") == 1 and 'data-status="overdue"' in page
    assert 'name="status"' in page


def test_report_filed_on_the_page(client, operator, launched_2025):
    client.force_login(operator)
    url = reverse("portfolio:monitoring-report", args=[launched_2025.pk, 1])
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"reported_on": "2026-06-10", "method": "survey", "beneficiaries": 210}
        )
    assert response.status_code == 302
    assert MonitoringReport.objects.get().beneficiaries == 210


def test_report_api_files_then_corrects(api_as, operator, launched_2025):
    api = api_as(operator)
    url = f"/api/v1/innovations/{launched_2025.pk}/monitoring/"
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        first = api.post(url, {"period": 1, "beneficiaries": 100}, format="json")
        second = api.post(url, {"period": 1, "beneficiaries": 150}, format="json")
        schedule = api.get(url).json()
        patched = api.patch(f"{url}1/", {"follow_up": "Pelatihan kader."}, format="json")
        too_early = api.post(url, {"period": 3, "beneficiaries": 1}, format="json")

    assert (first.status_code, second.status_code) == (201, 200)
    assert [(p["period"], p["status"]) for p in schedule][:2] == [(1, "submitted"), (2, "due")]
    assert patched.json()["beneficiaries"] == 150 and patched.json()["follow_up"]
    assert too_early.status_code == 400


def test_report_api_not_launched_is_409(api_as, operator, unit, cycle_2025):
    draft = InnovationFactory(unit=unit, cycle=cycle_2025)
    response = api_as(operator).post(
        f"/api/v1/innovations/{draft.pk}/monitoring/",
        {"period": 1, "beneficiaries": 1},
        format="json",
    )
    assert response.status_code == 409
    assert response.json()["status"] == "draft"
