"""When monitoring reports are due: the periods of a cycle and the status of each.

Every launched innovation of a cycle reports on the same dates: period k ends `k × interval`
months after the cycle's launch date, and its report is due that day. Before that a report is
"upcoming", from `lead_days` before it "due", the day after it "overdue" until filed.

An innovation continued into a later year hands its monitoring over once its successor is
launched: periods ending after the successor's launch are the successor's to report.
"""

import calendar
import datetime
from dataclasses import dataclass

from .enums import ObligationStatus
from .models import MonitoringSchedule


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def anchor(cycle):
    """The day monitoring starts: the cycle's launch (the innovations' Display)."""
    return cycle.launch_date or datetime.date(cycle.year, 12, 31)


def schedule_of(cycle, schedules=None):
    """The cycle's schedule: its row, or the defaults (an unsaved row) when it has none."""
    if schedules is not None:
        found = schedules.get(cycle.pk)
    else:
        found = MonitoringSchedule.objects.filter(cycle=cycle).first()
    return found or MonitoringSchedule(cycle=cycle)


def schedules_for(cycles):
    """{cycle id: schedule} of saved schedules, one query."""
    return {s.cycle_id: s for s in MonitoringSchedule.objects.filter(cycle__in=list(cycles))}


@dataclass(frozen=True)
class Period:
    number: int
    starts_on: datetime.date
    due_on: datetime.date


def periods(cycle, schedule=None):
    schedule = schedule or schedule_of(cycle)
    start = anchor(cycle)
    return [
        Period(
            number=k,
            starts_on=add_months(start, (k - 1) * schedule.interval_months),
            due_on=add_months(start, k * schedule.interval_months),
        )
        for k in range(1, schedule.periods + 1)
    ]


def status_on(period, today, *, lead_days, submitted=False):
    """The status of a period's report on `today`."""
    if submitted:
        return ObligationStatus.SUBMITTED
    if today > period.due_on:
        return ObligationStatus.OVERDUE
    if today >= period.due_on - datetime.timedelta(days=lead_days):
        return ObligationStatus.DUE
    return ObligationStatus.UPCOMING


def handed_over_on(successor_cycle):
    """The day a launched successor takes over: its own launch."""
    return anchor(successor_cycle)
