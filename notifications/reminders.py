"""Reminder kinds: each says whom it selects, when, and which template it renders.

Adding a kind is one small class here (decorated with `@register`) plus its three templates in
templates/notifications/email/. Every kind selects its targets and their recipients in a fixed
number of queries, whatever the number of units or innovations.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, DateField, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from accounts.enums import Role
from accounts.models import Unit
from agreements.models import Agreement
from curation.models import Assignment
from innovations.enums import CURATION_QUEUE_STATUSES, SUBMITTED_STATUSES, Status
from innovations.models import DeadlineExtension, Innovation, TransitionLog

from .enums import Kind
from .outbox import Planned
from .recipients import lead_curators, unit_staff
from .rendering import innovation_url, portal_url

REGISTRY = {}


def register(cls):
    REGISTRY[cls.kind] = cls()
    return cls


def start_of_day(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


@dataclass
class Plan:
    planned: list = field(default_factory=list)
    # Units that should have been reminded but have nobody to receive it (told to admins).
    orphan_units: list = field(default_factory=list)


class ReminderKind:
    kind: str
    # A kind planned per cycle gets each swept cycle in turn; one that is not (its occasions are
    # not tied to a cycle's deadlines, e.g. a decree lapsing) is planned once a sweep, cycle=None.
    per_cycle = True

    def plan(self, cycle, today) -> Plan:
        raise NotImplementedError


class DeadlineReminder(ReminderKind):
    """A reminder to units at each of the cycle's offsets (days) before one of its deadlines."""

    deadline_field: str

    def target_deadlines(self, cycle, today):
        """Deadlines that are exactly one reminder offset away from today."""
        return sorted(
            {today + datetime.timedelta(days=o) for o in cycle.reminder_offsets_days or []}
        )

    def plan(self, cycle, today):
        if getattr(cycle, self.deadline_field, None) is None:
            return Plan()
        targets = self.target_deadlines(cycle, today)
        units = list(self.units(cycle, targets)) if targets else []
        staff = unit_staff([u["id"] for u in units])
        result = Plan()
        for unit in units:
            offset = (unit["deadline"] - today).days
            people = staff.get(unit["id"], [])
            if not people:
                result.orphan_units.append(unit["name"])
            for person in people:
                result.planned.append(
                    Planned(
                        kind=self.kind,
                        key=f"{self.kind}:unit:{unit['id']}:c{cycle.year}:d{offset}",
                        context={
                            "cycle": cycle,
                            "unit": unit,
                            "deadline": unit["deadline"],
                            "days_left": offset,
                        },
                        link=self.link(cycle),
                        recipient=person,
                        target_type="unit",
                        target_id=unit["id"],
                        cycle_year=cycle.year,
                    )
                )
        return result

    def units(self, cycle, targets):
        """Rows (id, code, name, deadline, ...) of the units to remind, one query."""
        raise NotImplementedError

    def link(self, cycle):
        raise NotImplementedError


@register
class SubmissionDue(DeadlineReminder):
    """Units that have submitted fewer innovations than they committed to.

    A unit with a deadline extension is reminded before its own, later deadline."""

    kind = Kind.SUBMISSION_DUE
    deadline_field = "submission_deadline"

    def units(self, cycle, targets):
        minimum = Value(cycle.min_innovations_per_unit, output_field=IntegerField())
        agreed = Agreement.objects.filter(unit=OuterRef("pk"), cycle=cycle).values(
            "committed_count"
        )[:1]
        committed = Greatest(Coalesce(Subquery(agreed), minimum), minimum)
        extended = (
            DeadlineExtension.objects.filter(unit=OuterRef("pk"), cycle=cycle)
            .order_by("-until")
            .values("until")[:1]
        )
        deadline = Coalesce(
            Subquery(extended), Value(cycle.submission_deadline, output_field=DateField())
        )
        submitted = Count(
            "innovations",
            filter=Q(innovations__cycle=cycle, innovations__status__in=sorted(SUBMITTED_STATUSES)),
        )
        return (
            Unit.objects.filter(active=True)
            .annotate(deadline=deadline)
            .filter(deadline__in=targets)
            .annotate(submitted=submitted, committed=committed)
            .filter(submitted__lt=F("committed"))
            .order_by("id")
            .values("id", "code", "name", "deadline", "submitted", "committed")
        )

    def link(self, cycle):
        return portal_url("innovations:list")


@register
class AgreementUnsigned(DeadlineReminder):
    """Active units whose head has not signed the cycle's agreement yet."""

    kind = Kind.AGREEMENT_UNSIGNED
    deadline_field = "agreement_deadline"

    def units(self, cycle, targets):
        if cycle.agreement_deadline not in targets:
            return []
        signed = Agreement.objects.filter(
            unit=OuterRef("pk"), cycle=cycle, status__in=["signed", "verified"]
        )
        return (
            Unit.objects.filter(active=True)
            .filter(~Exists(signed))
            .annotate(deadline=Value(cycle.agreement_deadline, output_field=DateField()))
            .order_by("id")
            .values("id", "code", "name", "deadline")
        )

    def link(self, cycle):
        return portal_url("agreements:list")


class InnovationReminder(ReminderKind):
    """A reminder about single innovations that have waited too long in some state."""

    reports_orphans = False

    def innovations(self, cycle, today):
        raise NotImplementedError

    def period_key(self, innovation, today):
        raise NotImplementedError

    def recipients(self, innovations):
        """{innovation id: [users]} for the selected innovations, in a fixed number of queries."""
        raise NotImplementedError

    def plan(self, cycle, today):
        return self.plan_rows(list(self.innovations(cycle, today)), cycle, today)

    def plan_rows(self, rows, cycle, today):
        people = self.recipients(rows)
        result = Plan()
        for row in rows:
            base = f"{self.kind}:innovation:{row['id']}:c{cycle.year}:{self.period_key(row, today)}"
            context = {"cycle": cycle, "innovation": row, "today": today}
            link = innovation_url(row["id"])
            recipients = people.get(row["id"], [])
            if self.reports_orphans and not recipients and row["unit_id"]:
                result.orphan_units.append(row["unit__name"])
            for person in recipients:
                result.planned.append(
                    Planned(
                        kind=self.kind,
                        key=base,
                        context=context,
                        link=link,
                        recipient=person,
                        target_type="innovation",
                        target_id=row["id"],
                        cycle_year=cycle.year,
                    )
                )
            if row.get("submitter_email"):
                result.planned.append(
                    Planned(
                        kind=self.kind,
                        key=base,
                        context=context,
                        link=portal_url("katalog:list"),
                        email=row["submitter_email"],
                        target_type="innovation",
                        target_id=row["id"],
                        cycle_year=cycle.year,
                    )
                )
        return result


INNOVATION_FIELDS = ("id", "code", "title", "unit_id", "unit__name", "review_round")


@register
class RevisionPending(InnovationReminder):
    """Innovations sent back for revision more than `revision_pending_days` ago: once a round."""

    kind = Kind.REVISION_PENDING
    reports_orphans = True

    def innovations(self, cycle, today):
        requested = (
            TransitionLog.objects.filter(
                innovation=OuterRef("pk"), to_status=Status.REVISION_REQUESTED
            )
            .order_by("-at")
            .values("at")[:1]
        )
        cutoff = start_of_day(today - datetime.timedelta(days=cycle.revision_pending_days))
        return (
            Innovation.objects.filter(cycle=cycle, status=Status.REVISION_REQUESTED)
            .annotate(requested_at=Subquery(requested))
            .filter(requested_at__lt=cutoff)
            .annotate(submitter_email=F("community_submitter__email"))
            .order_by("id")
            .values(*INNOVATION_FIELDS, "requested_at", "submitter_email")
        )

    def period_key(self, innovation, today):
        return f"r{innovation['review_round']}"

    def recipients(self, innovations):
        staff = unit_staff({row["unit_id"] for row in innovations if row["unit_id"]})
        return {row["id"]: staff.get(row["unit_id"], []) for row in innovations}


@register
class ReviewOverdue(InnovationReminder):
    """Innovations waiting for curation too long, or past the curation deadline: weekly.

    Assigned curators hear of each of their innovations; lead curators, who would otherwise get
    one e-mail per waiting innovation of the whole region, get one weekly digest instead."""

    kind = Kind.REVIEW_OVERDUE
    digest_kind = Kind.REVIEW_OVERDUE_DIGEST
    digest_limit = 50

    def innovations(self, cycle, today):
        qs = Innovation.objects.filter(cycle=cycle, status__in=sorted(CURATION_QUEUE_STATUSES))
        late = Q(
            submitted_at__lt=start_of_day(
                today - datetime.timedelta(days=cycle.review_overdue_days)
            )
        )
        if cycle.curation_deadline and today > cycle.curation_deadline:
            late = Q()
        return (
            qs.filter(late)
            .annotate(submitter_email=Value(""))
            .order_by("submitted_at", "id")
            .values(*INNOVATION_FIELDS, "submitted_at", "status", "submitter_email")
        )

    def period_key(self, innovation, today):
        year, week, _ = today.isocalendar()
        return f"w{year}-{week:02d}"

    def recipients(self, innovations):
        return assigned_curators([row["id"] for row in innovations])

    def plan(self, cycle, today):
        rows = list(self.innovations(cycle, today))
        result = self.plan_rows(rows, cycle, today)
        if not rows:
            return result
        context = {
            "cycle": cycle,
            "innovations": rows[: self.digest_limit],
            "count": len(rows),
            "today": today,
        }
        link = portal_url("curation:queue")
        key = f"{self.digest_kind}:cycle:{cycle.year}:c{cycle.year}:{self.period_key(None, today)}"
        for lead in lead_curators():
            result.planned.append(
                Planned(
                    kind=self.digest_kind,
                    key=key,
                    context=context,
                    link=link,
                    recipient=lead,
                    target_type="cycle",
                    target_id=cycle.year,
                    cycle_year=cycle.year,
                )
            )
        return result


@register
class HeadApprovalPending(InnovationReminder):
    """Innovations an operator submitted that still wait for their unit head: weekly, to the
    head only, so nothing a unit meant to send stalls unseen before Bappedalitbang's deadline."""

    kind = Kind.HEAD_APPROVAL_PENDING
    reports_orphans = True

    def innovations(self, cycle, today):
        return (
            Innovation.objects.filter(cycle=cycle, status=Status.AWAITING_HEAD)
            .annotate(submitter_email=Value(""))
            .order_by("id")
            .values(*INNOVATION_FIELDS, "submitter_email")
        )

    def period_key(self, innovation, today):
        year, week, _ = today.isocalendar()
        return f"w{year}-{week:02d}"

    def recipients(self, innovations):
        heads = unit_staff(
            {row["unit_id"] for row in innovations if row["unit_id"]}, roles=[Role.HEAD]
        )
        return {row["id"]: heads.get(row["unit_id"], []) for row in innovations}


def assigned_curators(innovation_ids):
    """{innovation id: [curators]} from the curation app's assignments."""
    result = defaultdict(list)
    rows = Assignment.objects.filter(
        innovation_id__in=innovation_ids, curator__is_active=True
    ).select_related("curator")
    for row in rows:
        result[row.innovation_id].append(row.curator)
    return result
