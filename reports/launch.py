"""The launch report of a cycle, computed from the records so its parts always add up.

Every breakdown counts the same set of innovations, and every enumeration value appears (with 0
when empty), plus an `unspecified` bucket when some innovations lack the value: the sum of each
breakdown therefore equals the total, which the report's readers check first.
"""

from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter

from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.models import Unit
from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.models import Innovation

from .rows import innovator_names

BREAKDOWNS = {
    "by_source_category": ("source_category", SourceCategory),
    "by_origin": ("origin", Origin),
    "by_form": ("form", Form),
    "by_maturity": ("maturity", Maturity),
    "by_lab_stage": ("lab_stage", LabStage),
}
UNSPECIFIED = "unspecified"


@dataclass
class LaunchReport:
    year: int
    include_approved: bool
    total: int
    breakdowns: dict
    units_participating: int
    units_total: int
    innovations: list = field(default_factory=list)

    def as_dict(self, rows=None):
        data = {"year": self.year, "include_approved": self.include_approved, "total": self.total}
        data.update(self.breakdowns)
        data["units_participating"] = self.units_participating
        data["units_total"] = self.units_total
        if rows is not None:
            data["innovations"] = rows
        return data


def include_approved(value):
    """The `include` parameter: absent or empty is the report, "approved" the preview.

    Anything else is an error (API 400, page 400) rather than a preview silently not shown.
    """
    if value in (None, ""):
        return False
    if value == "approved":
        return True
    raise ValidationError({"include": [_("Use include=approved, or leave it out.")]})


def report_statuses(include_approved):
    return [Status.LAUNCHED, Status.APPROVED] if include_approved else [Status.LAUNCHED]


def report_queryset(*, cycle, user, include_approved=False):
    """The innovations the report counts, as this user may see them."""
    return Innovation.objects.visible_to(user).filter(
        cycle=cycle, status__in=report_statuses(include_approved)
    )


def launch_report(*, cycle, user, include_approved=False) -> LaunchReport:
    """Totals in two queries whatever the number of innovations."""
    qs = report_queryset(cycle=cycle, user=user, include_approved=include_approved)
    aggregates = {"total": Count("id"), "units_participating": Count("unit", distinct=True)}
    for key, (name, enum) in BREAKDOWNS.items():
        for value in enum.values:
            aggregates[f"{key}__{value}"] = Count("id", filter=Q(**{name: value}))
    counts = qs.aggregate(**aggregates)
    return LaunchReport(
        year=cycle.year,
        include_approved=include_approved,
        total=counts["total"],
        breakdowns=_breakdowns(lambda key, value: counts[f"{key}__{value}"], counts["total"]),
        units_participating=counts["units_participating"],
        units_total=Unit.objects.active().count(),
    )


def _breakdowns(count_of, total):
    """Every enumeration value with its count (`count_of(key, value)`), 0 included, and the
    `unspecified` rest when some innovations lack the value: each part sums to `total`."""
    breakdowns = {}
    for key, (_name, enum) in BREAKDOWNS.items():
        part = {value: count_of(key, value) for value in enum.values}
        missing = total - sum(part.values())
        if missing:
            part[UNSPECIFIED] = missing
        breakdowns[key] = part
    return breakdowns


def report_rows(*, cycle, user, include_approved=False):
    """The full list, ordered by category, unit and code, with what each row shows."""
    return (
        report_queryset(cycle=cycle, user=user, include_approved=include_approved)
        .select_related("unit")
        .prefetch_related("innovators")
        .order_by("source_category", "unit__name", "code")
    )


# The keys of a row of the JSON's `innovations`, in the order API.md shows them.
ROW_KEYS = (
    "id",
    "code",
    "title",
    "unit",
    "unit_name",
    "source_category",
    "innovators",
    "origin",
    "form",
    "maturity",
    "lab_stage",
    "status",
)


def report_body(*, cycle, user, include_approved=False):
    """The JSON of API.md (the totals, then `innovations`), from one read of the list.

    The JSON carries every innovation of the report, about 34,000 at the national scale (48,000
    with `include=approved`): the columns in key order and the innovators' names (an ARRAY
    subquery) come back as one tuple per row, and the breakdowns are counted from the same rows
    rather than by a second scan of the table (`launch_report`'s aggregate), with the same rule
    for `unspecified` (`_breakdowns`). The counting runs over the tuples with `itemgetter` (in
    C), and only then does `zip` turn each tuple into the row's dict.
    """
    rows = list(report_tuples(cycle=cycle, user=user, include_approved=include_approved))
    counters = {
        key: Counter(map(itemgetter(ROW_KEYS.index(name)), rows))
        for key, (name, _e) in BREAKDOWNS.items()
    }
    units = set(map(itemgetter(ROW_KEYS.index("unit")), rows))
    report = LaunchReport(
        year=cycle.year,
        include_approved=include_approved,
        total=len(rows),
        breakdowns=_breakdowns(lambda key, value: counters[key][value], len(rows)),
        units_participating=len(units - {None}),
        units_total=Unit.objects.active().count(),
    )
    return report.as_dict([dict(zip(ROW_KEYS, row, strict=True)) for row in rows])


def report_tuples(*, cycle, user, include_approved=False):
    """The list as tuples in `ROW_KEYS` order, in one query and without model objects."""
    queryset = report_queryset(cycle=cycle, user=user, include_approved=include_approved)
    return (
        queryset.order_by("source_category", "unit__name", "code")
        .annotate(innovators_list=innovator_names())
        .values_list(
            "id",
            "code",
            "title",
            "unit__code",
            "unit__name",
            "source_category",
            "innovators_list",
            "origin",
            "form",
            "maturity",
            "lab_stage",
            "status",
        )
    )
