"""Reads of curation: the queue with its per-row numbers, "save and next", the innovation score.

Every number of a row comes from a subquery, so a page of 10 rows costs what a page of 1 does.
"""

import functools

import django_filters
from django.db.models import (
    Avg,
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import UnitKind
from innovations.enums import CURATION_QUEUE_STATUSES, Form, LabStage, Maturity, Origin
from innovations.models import Innovation
from innovations.similarity import annotate_has_similar
from intan_banjar.filtersets import PortalFilterSet
from intan_banjar.prepared_reads import PreparedRows

from .models import Assignment, Review


def _count(queryset):
    """A correlated COUNT(*) usable as an annotation."""
    counted = queryset.order_by().values("innovation").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _current_round_reviews():
    return Review.objects.filter(innovation=OuterRef("pk"), round=OuterRef("review_round"))


# The row numbers that do not depend on the user, built once: an expression is copied each time
# a queryset resolves it, and building these subqueries per request cost more than running them.
SCORE = Subquery(
    _current_round_reviews()
    .order_by()
    .values("innovation")
    .annotate(mean=Avg("weighted_score"))
    .values("mean"),
    output_field=FloatField(),
)
REVIEWS_DONE = _count(_current_round_reviews())
REVIEWERS_ASSIGNED = _count(Assignment.objects.filter(innovation=OuterRef("pk")))


def annotate_score(queryset):
    """`score`: the mean weighted score of the current round's reviews (null without one)."""
    return queryset.annotate(score=SCORE)


def queue_queryset(user, *, cycle):
    """Innovations waiting for curation in `cycle` that `user` may see, with the row numbers
    (model instances with `assignment_list`: "save and next", auto-assignment)."""
    queryset = _user_numbers(_queue_base().filter(cycle=cycle).visible_to(user), user)
    return (
        queryset.select_related("unit")
        .only(*QUEUE_COLUMNS)
        .prefetch_related(
            # A plain list per row (to_attr): no QuerySet built per innovation.
            Prefetch(
                "assignments",
                queryset=Assignment.objects.select_related("curator")
                .only("innovation", "curator__email", "curator__full_name")
                .order_by("assigned_at"),
                to_attr="assignment_list",
            )
        )
    )


# What a queue row shows (page and API); the long texts and JSON columns are not read.
QUEUE_COLUMNS = [
    "code",
    "title",
    "status",
    "unit__code",
    "unit__name",
    "unit__kind",
    "source_category",
    "origin",
    "form",
    "maturity",
    "lab_stage",
    "review_round",
    "submitted_at",
]
# A row of the queue page and API as a dict: no model instances for the 50 innovations, their
# units and their assignments (a third of the page's fixed cost went into building them).
# `assigned_to_me` and `reviewed_by_me` (`_user_numbers`) are added to each dict after these.
ROW_FIELDS = [
    "id",
    *QUEUE_COLUMNS,
    "score",
    "reviews_done",
    "reviewers_assigned",
    "held_action",
    "has_similar",
]


def queue_rows_queryset(user, *, cycle):
    """`queue_queryset` as dicts of ROW_FIELDS; `with_curators` adds the assigned curators."""
    return _user_numbers(_queue_rows_base().filter(cycle=cycle).visible_to(user), user)


def queue_innovations(user, *, cycle):
    """The queue's innovations without the row numbers: what a page counts."""
    return Innovation.objects.visible_to(user).filter(
        cycle=cycle, status__in=CURATION_QUEUE_STATUSES
    )


class CountedRows:
    """Rows for a paginator (Django's or DRF's) that count over `counted`, the same filtered
    innovations without the row numbers.

    Counting the rows queryset itself made Django resolve, hash and strip its seven subqueries
    and keep the decision join: half a millisecond a page before the COUNT even ran.
    """

    def __init__(self, rows, counted):
        self.rows = rows
        self.counted = counted

    @property
    def ordered(self):
        return self.rows.ordered

    def count(self):
        return self.counted.count()

    def __getitem__(self, key):
        return self.rows[key]

    def __iter__(self):
        return iter(self.rows)


def filtered_rows(data, *, user, cycle, request):
    """(the filter set, its rows as `CountedRows`) of the queue page and API for `data`."""
    filterset = QueueFilter(data, queryset=queue_rows_queryset(user, cycle=cycle), request=request)
    rows = filterset.qs  # validates the form: `filter_queryset` then reads its cleaned data
    counted = queue_innovations(user, cycle=cycle)
    if filterset.is_bound:
        counted = filterset.filter_queryset(counted)
    return filterset, CountedRows(rows, counted)


def with_curators(rows):
    """The evaluated `rows` (a page), each with `curators`: [(email, full name)] in the order
    of assignment, from one query (none for an empty page), like the prefetch of the model
    path."""
    rows = list(rows)
    by_innovation = {}
    for row in rows:
        row["curators"] = by_innovation[row["id"]] = []
    if by_innovation:
        for innovation_id, email, name in _CURATORS_OF.rows(ids=list(by_innovation)):
            by_innovation[innovation_id].append((email, name))
    return rows


# SQL compiled once per page length (intan_banjar/prepared_reads.py).
_CURATORS_OF = PreparedRows(
    Assignment,
    lambda ids: (
        Assignment.objects.filter(innovation_id__in=ids)
        .order_by("assigned_at")
        .values_list("innovation_id", "curator__email", "curator__full_name")
    ),
    ids=list,
)


def _row_has(queryset):
    """True where the correlated `queryset` has a row, probed once per row shown.

    A scalar subquery rather than EXISTS: PostgreSQL turns an EXISTS in the select list into a
    hashed subplan that first reads every row the user ever had (measured with two curators
    sharing 100,000 innovations: 58,000 assignments and 50,000 reviews each, 24 ms a page)
    instead of probing the unique index for the 50 rows of the page (2 ms).
    """
    return IsNull(Subquery(queryset.values("pk")[:1]), False)


def _mine(user):
    return Assignment.objects.filter(innovation=OuterRef("pk"), curator_id=user.pk)


@functools.cache
def _queue_base():
    """The queue's innovations with the row numbers that do not depend on the user, and
    `has_similar` (another innovation looks like it), in the page's one query.

    Built and resolved once per process, then cloned per request: resolving these subqueries
    into a fresh queryset cost about 2 ms a request, more than running them. Never evaluated
    itself (every use adds the cycle first).
    """
    return annotate_has_similar(
        Innovation.objects.filter(status__in=CURATION_QUEUE_STATUSES).annotate(
            score=SCORE,
            reviews_done=REVIEWS_DONE,
            reviewers_assigned=REVIEWERS_ASSIGNED,
            # A decision waiting for the cycle's publication (one join, no query per row).
            held_action=F("held_decision__action"),
        )
    )


@functools.cache
def _queue_rows_base():
    """`_queue_base` as dicts of ROW_FIELDS, resolved once too (the joins of unit__code etc.)."""
    return _queue_base().values(*ROW_FIELDS)


def _user_numbers(queryset, user):
    return queryset.annotate(
        assigned_to_me=_row_has(_mine(user)),
        reviewed_by_me=_row_has(_current_round_reviews().filter(curator_id=user.pk)),
    )


def days_since(moment, today, zone=None):
    """Whole days since `moment` (null: 0), in the region's calendar: `zone`, the current time
    zone read once by a caller with many rows (`localdate` reads it per call, a sixth of a
    queue page's row work)."""
    if moment is None:
        return 0
    if zone is None or moment.utcoffset() is None:
        return max((today - timezone.localdate(moment)).days, 0)
    return max((today - moment.astimezone(zone).date()).days, 0)


def days_waiting(innovation, today=None):
    """Whole days since the (last) submission, in the region's calendar."""
    return days_since(innovation.submitted_at, today or timezone.localdate())


ORDERINGS = {
    "waiting": ("submitted_at", "id"),
    "-waiting": ("-submitted_at", "-id"),
    "score": (F("score").desc(nulls_last=True), "submitted_at", "id"),
    # "Lowest score first" means the weakest scored ones: unscored innovations come last.
    "-score": (F("score").asc(nulls_last=True), "submitted_at", "id"),
    "unit": ("unit__name", "submitted_at", "id"),
    "-unit": ("-unit__name", "submitted_at", "id"),
}
DEFAULT_ORDERING = "waiting"


class QueueFilter(PortalFilterSet):
    """The queue's filters, named like the API's innovation filters."""

    unit = django_filters.CharFilter(field_name="unit__code", label=_("Unit"))
    unit_kind = django_filters.ChoiceFilter(
        field_name="unit__kind", choices=UnitKind.choices, label=_("Unit kind")
    )
    origin = django_filters.ChoiceFilter(choices=Origin.choices, label=_("Origin"))
    form = django_filters.ChoiceFilter(choices=Form.choices, label=_("Form"))
    maturity = django_filters.ChoiceFilter(choices=Maturity.choices, label=_("Maturity"))
    lab_stage = django_filters.ChoiceFilter(choices=LabStage.choices, label=_("Laboratorium stage"))
    assigned = django_filters.CharFilter(method="filter_assigned", label=_("Assigned curator"))
    search = django_filters.CharFilter(method="filter_search", label=_("Search"))
    ordering = django_filters.ChoiceFilter(
        method="filter_ordering",
        label=_("Order by"),
        empty_label=None,
        choices=[
            ("waiting", _("Waiting longest")),
            ("-waiting", _("Most recent")),
            ("score", _("Highest score")),
            ("-score", _("Lowest score")),
            ("unit", _("Unit")),
        ],
    )

    class Meta:
        model = Innovation
        fields = []

    def filter_assigned(self, queryset, name, value):
        """`me` (the requesting user) or a curator's e-mail address."""
        value = (value or "").strip()
        if not value:
            return queryset
        if value == "me":
            # A semi-join in WHERE: the planner may start from the user's few assignments.
            return queryset.filter(Exists(_mine(self.request.user)))
        return queryset.filter(
            Exists(
                Assignment.objects.filter(innovation=OuterRef("pk"), curator__email__iexact=value)
            )
        )

    def filter_search(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(title__icontains=value)
            | Q(code__icontains=value)
            | Q(summary__icontains=value)
            | Q(unit__name__icontains=value)
        )

    def filter_ordering(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        ordering = self.form.cleaned_data.get("ordering") if self.is_valid() else None
        key = ordering if ordering in ORDERINGS else DEFAULT_ORDERING
        return super().qs.order_by(*ORDERINGS[key])


def next_for(user, *, cycle, after=None):
    """The next innovation for "save and next": assigned to me first, then the fewest reviews.

    Skips what this user already reviewed in the current round and the innovation just saved.
    """
    qs = queue_queryset(user, cycle=cycle).filter(reviewed_by_me=False)
    if user.unit_id:
        qs = qs.exclude(unit_id=user.unit_id)
    if after is not None:
        qs = qs.exclude(pk=after.pk)
    return qs.order_by(F("assigned_to_me").desc(), "reviews_done", "submitted_at", "id").first()


def _progress(user_id, cycle_id):
    """One row (done, assigned) grouped by the one curator, none without assignments."""
    mine = Assignment.objects.filter(
        curator_id=user_id,
        innovation__cycle_id=cycle_id,
        innovation__status__in=CURATION_QUEUE_STATUSES,
    )
    done = Exists(
        Review.objects.filter(
            innovation=OuterRef("innovation"),
            curator_id=user_id,
            round=OuterRef("innovation__review_round"),
        )
    )
    return (
        mine.order_by()
        .values("curator_id")
        .annotate(done=Count("id", filter=done), assigned=Count("id"))
        .values_list("done", "assigned")
    )


# Built and compiled once: the aggregate's Python cost 1.7 ms a page, its SQL a tenth of it.
_PROGRESS = PreparedRows(Assignment, _progress, user_id=int, cycle_id=int)


def progress_for(user, *, cycle):
    """(reviewed by me, assigned to me) among the queue's innovations of `cycle`."""
    rows = _PROGRESS.rows(user_id=user.pk, cycle_id=cycle.pk)
    return rows[0] if rows else (0, 0)
