"""Monitoring and evaluation after the launch: who owes which report, and filing one.

A launched innovation owes a report for each period of its cycle's schedule, except periods
after a launched successor took over, and, for an entry of the legacy archive, periods that had
ended before it was imported (the portal did not follow it then).

`obligations()` lists the reports owed across innovations as one query (a UNION of one part per
cycle and period: every launched innovation of a cycle reports on the same dates), so the
dashboard, the unit's home page, the export and the reminder sweep read any number of
innovations in a fixed number of queries.
"""

import datetime

from django.db import transaction
from django.db.models import CharField, DateField, Exists, IntegerField, OuterRef, Q, Value
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.checks import region_today
from innovations.enums import AttachmentKind, Status
from innovations.models import Cycle, Innovation
from innovations.workflow import allowed_actions
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .enums import ObligationStatus
from .files import evidence_remove, evidence_store, validated
from .models import MonitoringReport
from .rules import may_record_portfolio
from .schedule import Period, handed_over_on, periods, schedule_of, schedules_for, status_on

# Monitoring evidence supports IID indicator 34 (monitoring dan evaluasi).
MONITORING_INDICATOR = 34
OBLIGATION_FIELDS = ("id", "code", "title", "year", "unit_id", "unit__name", "unit__code")
REPORT_FIELDS = (
    "reported_on",
    "method",
    "beneficiaries",
    "satisfaction_index",
    "budget_realised",
    "problems",
    "follow_up",
)


def _handed_over_before(due_on):
    """A launched successor took over before this date (its cycle's launch is earlier)."""
    launched_before = Q(cycle__launch_date__lt=due_on) | Q(
        cycle__launch_date__isnull=True, year__lt=due_on.year
    )
    return Exists(
        Innovation.objects.filter(predecessor=OuterRef("pk"), status=Status.LAUNCHED).filter(
            launched_before
        )
    )


def _end_of(day):
    """The moment a day ends in the portal's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.max))


def _part(base, cycle, period, state):
    filed = MonitoringReport.objects.filter(innovation=OuterRef("pk"), period=period.number)
    return (
        base.filter(cycle=cycle)
        .exclude(Exists(filed))
        .exclude(_handed_over_before(period.due_on))
        .exclude(import_key__isnull=False, created_at__gte=_end_of(period.due_on))
        .annotate(
            period=Value(period.number, output_field=IntegerField()),
            due_on=Value(period.due_on, output_field=DateField()),
            state=Value(str(state), output_field=CharField()),
        )
        .values(*OBLIGATION_FIELDS, "period", "due_on", "state")
        .order_by()
    )


def obligations(
    base,
    *,
    today=None,
    states=(ObligationStatus.DUE, ObligationStatus.OVERDUE),
    year=None,
    wanted=None,
):
    """Reports owed by the launched innovations of `base` (already scoped to the user), as rows
    {id, code, title, year, unit_id, unit__name, unit__code, period, due_on, state}, ordered by
    due date. `wanted(period, state, schedule)` replaces the filter on `states`."""
    today = today or region_today()
    base = base.filter(status=Status.LAUNCHED)
    cycles = Cycle.objects.order_by("year")
    if year:
        cycles = cycles.filter(year=year)
    cycles = list(cycles)
    schedules = schedules_for(cycles)
    parts = []
    for cycle in cycles:
        schedule = schedule_of(cycle, schedules)
        for period in periods(cycle, schedule):
            state = status_on(period, today, lead_days=schedule.lead_days)
            keep = wanted(period, state, schedule) if wanted else state in states
            if keep:
                parts.append(_part(base, cycle, period, state))
    if not parts:
        return _part(base.none(), None, Period(0, today, today), ObligationStatus.DUE)
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    return combined.order_by("due_on", "code", "period")


def innovation_schedule(innovation, today=None):
    """Every period of a launched innovation with its status and report (the innovation's page).

    Periods ending after a launched successor took over are left out, and so are those an
    archived entry ended before it was imported.
    """
    if innovation.status != Status.LAUNCHED:
        return []
    today = today or region_today()
    schedule = schedule_of(innovation.cycle)
    reports = {r.period: r for r in innovation.monitoring_reports.prefetch_related("evidence")}
    successor = (
        Innovation.objects.filter(predecessor=innovation, status=Status.LAUNCHED)
        .select_related("cycle")
        .order_by("year")
        .first()
    )
    cutoff = handed_over_on(successor.cycle) if successor else None
    imported_on = timezone.localdate(innovation.created_at) if innovation.is_imported else None
    rows = []
    for period in periods(innovation.cycle, schedule):
        if cutoff is not None and cutoff < period.due_on:
            continue
        if imported_on is not None and period.due_on < imported_on:
            continue  # an archived entry owes nothing for periods ended before its import
        report = reports.get(period.number)
        rows.append(
            {
                "period": period,
                "status": status_on(
                    period, today, lead_days=schedule.lead_days, submitted=report is not None
                ),
                "report": report,
            }
        )
    return rows


def _require_launched(innovation, by):
    if innovation.status != Status.LAUNCHED:
        raise StateConflict(
            _("Monitoring reports are filed for launched innovations."),
            status=innovation.status,
            allowed_actions=allowed_actions(innovation, by),
        )


def _period(innovation, number, today):
    schedule = schedule_of(innovation.cycle)
    found = next((p for p in periods(innovation.cycle, schedule) if p.number == number), None)
    if found is None:
        raise InvalidInput(
            {
                "period": [
                    _("The schedule of %(year)s has periods 1 to %(count)s.")
                    % {"year": innovation.cycle.year, "count": schedule.periods}
                ]
            }
        )
    if found.starts_on > today:
        raise InvalidInput(
            {
                "period": [
                    _("Period %(number)s starts on %(date)s: it cannot be reported yet.")
                    % {"number": number, "date": found.starts_on.isoformat()}
                ]
            }
        )
    return found


@transaction.atomic
def monitoring_report_save(*, innovation, period, by, files=(), today=None, **fields):
    """File (or correct) the report of one period, with evidence files; (report, created)."""
    if not may_record_portfolio(by, innovation):
        raise Refused(_("Only the innovation's own unit can file its monitoring reports."))
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"Not report fields: {', '.join(sorted(unknown))}")
    innovation = (
        Innovation.objects.select_for_update(of=("self",))
        .select_related("cycle")
        .get(pk=innovation.pk)
    )
    _require_launched(innovation, by)
    today = today or region_today()
    _period(innovation, period, today)
    report = MonitoringReport.objects.filter(innovation=innovation, period=period).first()
    created = report is None
    if created:
        report = MonitoringReport(innovation=innovation, period=period, recorded_by=by)
    for name, value in fields.items():
        setattr(report, name, value)
    if report.reported_on is None:
        report.reported_on = today
    if report.reported_on and report.reported_on > today:
        raise InvalidInput({"reported_on": [_("The date cannot be in the future.")]})
    validated(report, exclude=["innovation", "evidence"])
    report.save()
    for file in files or ():
        report.evidence.add(
            evidence_store(
                innovation=innovation,
                file=file,
                kind=AttachmentKind.REPORT,
                indicator=MONITORING_INDICATOR,
                by=by,
            )
        )
    return report, created


@transaction.atomic
def monitoring_report_delete(*, report, by):
    if not may_record_portfolio(by, report.innovation):
        raise Refused(_("Only the innovation's own unit can remove its monitoring reports."))
    attachments = list(report.evidence.all())
    report.delete()
    evidence_remove(attachments)
