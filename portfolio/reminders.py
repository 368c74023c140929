"""Reminder kinds of the portfolio, registered with the daily sweep (`notifications.reminders`).

- `monitoring_due`: a launched innovation's monitoring report, at each of its cycle's reminder
  offsets before the due date, and once in the month after it when still not filed;
- `decree_expiring`: a decree in force, at each of `DECREE_REMINDER_DAYS` before it lapses,
  unless a newer decree of the same kind replaced it.

Both go to the innovation's unit (for a community entry, the curator or admin who entered it).
Their occasions are not tied to a cycle's deadlines, so the sweep plans them once a day
(`per_cycle = False`); the idempotency key names the innovation or decree, its cycle, the
period and the offset, so a second sweep the same day, or any later day, sends nothing twice.
"""

import datetime

from django.db.models import Exists, F, OuterRef
from django.urls import reverse

from innovations.enums import CLOSED_STATUSES
from innovations.models import Innovation
from notifications.enums import Kind
from notifications.outbox import Planned
from notifications.recipients import unit_staff
from notifications.reminders import Plan, ReminderKind
from notifications.rendering import absolute_url

from .enums import ObligationStatus
from .models import Decree
from .monitoring import obligations

OVERDUE_REMINDER_WITHIN_DAYS = 30
DECREE_REMINDER_DAYS = (60, 30, 7, 1)


def recipients(rows):
    """{innovation id: [users]}: the unit's staff, or the community entry's creator."""
    staff = unit_staff({row["unit_id"] for row in rows if row["unit_id"]})
    creators = {}
    community = [row["id"] for row in rows if not row["unit_id"]]
    if community:
        for innovation in Innovation.objects.filter(pk__in=community).select_related("created_by"):
            creator = innovation.created_by
            creators[innovation.pk] = [creator] if creator and creator.is_active else []
    return {
        row["id"]: staff.get(row["unit_id"], []) if row["unit_id"] else creators.get(row["id"], [])
        for row in rows
    }


def _page(innovation_id, anchor):
    return absolute_url(reverse("portfolio:innovation", args=[innovation_id]) + f"#{anchor}")


def _planned(kind, key, context, link, people, *, cycle_year, target_type, target_id):
    return [
        Planned(
            kind=kind,
            key=key,
            context=context,
            link=link,
            recipient=person,
            target_type=target_type,
            target_id=target_id,
            cycle_year=cycle_year,
        )
        for person in people
    ]


class MonitoringDue(ReminderKind):
    kind = Kind.MONITORING_DUE
    per_cycle = False

    def plan(self, cycle, today):
        def wanted(period, state, schedule):
            days = (period.due_on - today).days
            if state == ObligationStatus.OVERDUE:
                return -days <= OVERDUE_REMINDER_WITHIN_DAYS
            return days in (schedule.reminder_offsets_days or [])

        rows = list(obligations(Innovation.objects.all(), today=today, states=(), wanted=wanted))
        people = recipients(rows)
        result = Plan()
        for row in rows:
            days = (row["due_on"] - today).days
            occasion = "overdue" if days < 0 else f"d{days}"
            key = f"{self.kind}:innovation:{row['id']}:c{row['year']}:p{row['period']}:{occasion}"
            context = {
                "innovation": row,
                "period": row["period"],
                "due_on": row["due_on"],
                "days_left": days,
                "overdue": days < 0,
            }
            result.planned += _planned(
                self.kind,
                key,
                context,
                _page(row["id"], "monitoring"),
                people.get(row["id"], []),
                cycle_year=row["year"],
                target_type="innovation",
                target_id=row["id"],
            )
        return result


class DecreeExpiring(ReminderKind):
    kind = Kind.DECREE_EXPIRING
    per_cycle = False

    def decrees(self, today):
        targets = [today + datetime.timedelta(days=d) for d in DECREE_REMINDER_DAYS]
        renewed = Decree.objects.filter(
            innovation=OuterRef("innovation"),
            kind=OuterRef("kind"),
            issued_on__gt=OuterRef("issued_on"),
        )
        return (
            Decree.objects.filter(valid_until__in=targets)
            .exclude(innovation__status__in=sorted(CLOSED_STATUSES))
            .exclude(Exists(renewed))
            .annotate(
                unit_id=F("innovation__unit_id"),
                year=F("innovation__year"),
                code=F("innovation__code"),
                title=F("innovation__title"),
            )
            .order_by("valid_until", "id")
        )

    def plan(self, cycle, today):
        decrees = list(self.decrees(today))
        rows = [{"id": d.innovation_id, "unit_id": d.unit_id} for d in decrees]
        people = recipients(rows)
        result = Plan()
        for decree in decrees:
            days = (decree.valid_until - today).days
            key = f"{self.kind}:decree:{decree.pk}:c{decree.year}:d{days}"
            context = {
                "decree": decree,
                "days_left": days,
                "innovation": {"code": decree.code, "title": decree.title},
            }
            result.planned += _planned(
                self.kind,
                key,
                context,
                _page(decree.innovation_id, "decrees"),
                people.get(decree.innovation_id, []),
                cycle_year=decree.year,
                target_type="decree",
                target_id=decree.pk,
            )
        return result
