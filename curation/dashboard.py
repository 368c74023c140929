"""The curation dashboard of one cycle: a fixed handful of aggregate queries, whatever the size."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, TruncWeek
from django.utils import timezone

from accounts.enums import Role
from innovations.enums import CURATION_QUEUE_STATUSES, Action, Status
from innovations.models import Innovation, TransitionLog

from .models import Assignment, Review
from .queue import days_waiting

DECISIONS = (Action.APPROVE, Action.REJECT, Action.REQUEST_REVISION)
OVERDUE_SHOWN = 50


def _count_by(queryset, group):
    counted = queryset.order_by().values(group).annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def status_counts(user, cycle):
    rows = (
        Innovation.objects.counted_for(user)
        .filter(cycle=cycle)
        .order_by()
        .values("status")
        .annotate(n=Count("id"))
    )
    found = {row["status"]: row["n"] for row in rows}
    return [
        {"status": status.value, "label": status.label, "count": found.get(status.value, 0)}
        for status in Status
    ]


def curator_workload(cycle):
    """Per active curator: innovations assigned in the cycle, how many of them they reviewed in
    the current round, and how many still wait for them in the queue."""
    assignments = Assignment.objects.filter(curator=OuterRef("pk"), innovation__cycle=cycle)
    reviewed = Exists(
        Review.objects.filter(
            innovation=OuterRef("innovation"),
            curator=OuterRef("curator"),
            round=OuterRef("innovation__review_round"),
        )
    )
    return (
        get_user_model()
        .objects.filter(role=Role.CURATOR, is_active=True)
        .annotate(
            assigned=_count_by(assignments, "curator"),
            done=_count_by(assignments.filter(reviewed), "curator"),
            waiting=_count_by(
                assignments.filter(innovation__status__in=CURATION_QUEUE_STATUSES).exclude(
                    reviewed
                ),
                "curator",
            ),
            reviews_given=_count_by(
                Review.objects.filter(curator=OuterRef("pk"), innovation__cycle=cycle), "curator"
            ),
        )
        .order_by("-waiting", "full_name", "id")
    )


def overdue(user, cycle, now=None):
    """Queue items waiting longer than the cycle's `review_overdue_days`, oldest first."""
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=cycle.review_overdue_days)
    qs = (
        Innovation.objects.visible_to(user)
        .filter(cycle=cycle, status__in=CURATION_QUEUE_STATUSES, submitted_at__lt=limit)
        .select_related("unit")
        .order_by("submitted_at", "id")
    )
    today = timezone.localdate(now)
    items = list(qs[:OVERDUE_SHOWN])
    for item in items:
        item.days_waiting = days_waiting(item, today)
    total = len(items) if len(items) < OVERDUE_SHOWN else qs.count()
    return items, total


def decisions_per_week(cycle):
    rows = (
        TransitionLog.objects.filter(innovation__cycle=cycle, action__in=DECISIONS)
        .annotate(week=TruncWeek("at"))
        .order_by()
        .values("week")
        .annotate(
            approve=Count("id", filter=Q(action=Action.APPROVE)),
            reject=Count("id", filter=Q(action=Action.REJECT)),
            request_revision=Count("id", filter=Q(action=Action.REQUEST_REVISION)),
            total=Count("id"),
        )
        .order_by("week")
    )
    return [
        {
            **row,
            "week": timezone.localdate(row["week"])
            if timezone.is_aware(row["week"])
            else row["week"].date(),
        }
        for row in rows
    ]


def dashboard(user, cycle):
    items, overdue_total = overdue(user, cycle)
    weeks = decisions_per_week(cycle)
    return {
        "cycle": cycle,
        "status_counts": status_counts(user, cycle),
        "workload": list(curator_workload(cycle)),
        "overdue": items,
        "overdue_total": overdue_total,
        "overdue_days": cycle.review_overdue_days,
        "decisions_per_week": weeks,
        "decisions_max": max((w["total"] for w in weeks), default=0),
    }
