"""The launch report of a cycle, computed from the records so its parts always add up.

Every breakdown counts the same set of innovations, and every enumeration value appears (with 0
when empty), plus an `unspecified` bucket when some innovations lack the value: the sum of each
breakdown therefore equals the total, which the report's readers check first.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Count, F, Q
from django.utils.translation import gettext as _

from accounts.models import Unit
from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.models import Innovation

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
    breakdowns = {}
    for key, (_name, enum) in BREAKDOWNS.items():
        part = {value: counts[f"{key}__{value}"] for value in enum.values}
        missing = counts["total"] - sum(part.values())
        if missing:
            part[UNSPECIFIED] = missing
        breakdowns[key] = part
    return LaunchReport(
        year=cycle.year,
        include_approved=include_approved,
        total=counts["total"],
        breakdowns=breakdowns,
        units_participating=counts["units_participating"],
        units_total=Unit.objects.active().count(),
    )


def report_rows(*, cycle, user, include_approved=False):
    """The full list, ordered by category, unit and code, with what each row shows."""
    return (
        report_queryset(cycle=cycle, user=user, include_approved=include_approved)
        .select_related("unit")
        .prefetch_related("innovators")
        .order_by("source_category", "unit__name", "code")
    )


ROW_FIELDS = (
    "id",
    "code",
    "title",
    "source_category",
    "origin",
    "form",
    "maturity",
    "lab_stage",
    "status",
)


def report_dicts(*, cycle, user, include_approved=False):
    """The list as plain dicts for JSON, in two queries and without building model objects.

    The JSON carries every innovation of the report (API.md), thousands at a province's scale,
    so rows come straight from `values()`, and innovators' names from one second query.
    """
    from innovations.models import Innovator

    queryset = report_queryset(cycle=cycle, user=user, include_approved=include_approved)
    rows = list(
        queryset.order_by("source_category", "unit__name", "code").values(
            *ROW_FIELDS, unit_code=F("unit__code"), unit_name=F("unit__name")
        )
    )
    names = {}
    for innovation_id, name in (
        Innovator.objects.filter(innovation__in=queryset)
        .order_by("innovation_id", "position", "id")
        .values_list("innovation_id", "name")
    ):
        names.setdefault(innovation_id, []).append(name)
    return [
        {
            "id": row["id"],
            "code": row["code"],
            "title": row["title"],
            "unit": row["unit_code"],
            "unit_name": row["unit_name"],
            "source_category": row["source_category"],
            "innovators": names.get(row["id"], []),
            "origin": row["origin"],
            "form": row["form"],
            "maturity": row["maturity"],
            "lab_stage": row["lab_stage"],
            "status": row["status"],
        }
        for row in rows
    ]
