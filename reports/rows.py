"""Rows of the large exports (innovations, the launch list) read as tuples, not model objects.

An export of 100,000 innovations used to build 100,000 model instances, their prefetched
innovators and a Python call per cell: 12.6 s for the CSV (docs/decisions.md, issue 20). Here one
query returns the columns and the innovators' names (a correlated ARRAY subquery), choice values
become labels through dicts built once, and each row is one tuple in column order: the tabular
layer then picks cells with one `itemgetter` per row.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import JSONField, OuterRef, Subquery
from django.utils.translation import gettext as _

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.filters import InnovationFilter
from innovations.models import Innovator
from intan_banjar.tabular import Column, form_filters

CHUNK = 2000


def innovator_names():
    """The innovators' names of the row's innovation, in their order on the form: an ARRAY on
    PostgreSQL, a JSON array on SQLite (the embedded default, which has no ARRAY)."""
    names = Innovator.objects.filter(innovation=OuterRef("pk")).order_by("position", "id")
    if connection.vendor == "postgresql":
        return ArraySubquery(names.values("name"))
    return JSONArraySubquery(names.values("name"))


class JSONArraySubquery(Subquery):
    """`json_group_array` over a one-column subquery, decoded to a list by the JSON field."""

    template = "(SELECT json_group_array(name) FROM (%(subquery)s))"
    output_field = JSONField()


def labels_of(enum):
    """{value: label} in the active language, read once per export, not once per cell."""
    return {value: str(label) for value, label in enum.choices}


# (field, enum): the choice columns shown by their labels.
CHOICES = {
    "source_category": SourceCategory,
    "status": Status,
    "origin": Origin,
    "form": Form,
    "maturity": Maturity,
    "lab_stage": LabStage,
}


def tuples(queryset, fields, *, labelled=()):
    """`values_list(*fields)` of `queryset` with an `innovators` list, streamed in chunks.

    `fields` name model fields (or "innovators"); those in `labelled` are turned from a stored
    value into its label, "unit__name" into "Community" when the innovation has no unit.
    A value outside the enumeration (older data) is shown as stored. The labels are read now,
    in the request's language, since a streamed body is iterated after the view has returned.
    """
    maps = {i: labels_of(CHOICES[f]) for i, f in enumerate(fields) if f in labelled}
    unit_name = fields.index("unit__name") if "unit__name" in fields else None
    rows = (
        queryset.annotate(innovators_list=innovator_names())
        .values_list(*("innovators_list" if f == "innovators" else f for f in fields))
        .iterator(chunk_size=CHUNK)
    )
    if not maps and unit_name is None:
        return rows
    return _labelled(rows, maps, unit_name, _("Community"))


def _labelled(rows, maps, unit_name, community):
    for row in rows:
        row = list(row)
        for i, labels in maps.items():
            value = row[i]
            if value:
                row[i] = labels.get(value, value)
        if unit_name is not None and row[unit_name] is None:
            row[unit_name] = community
        yield row


# --- the innovation list (reports.exporters' `innovations` exports) ---------------------------


INNOVATION_FIELDS = (
    "code",
    "year",
    "title",
    "unit__code",
    "unit__name",
    "source_category",
    "status",
    "origin",
    "form",
    "maturity",
    "lab_stage",
    "innovators",
    "trial_date",
    "implementation_date",
    "budget",
    "submitted_at",
)


def innovation_columns():
    """Positions in `INNOVATION_FIELDS` (rows from `reports.rows.tuples`)."""
    return [
        Column(_("Code"), 0, 16),
        Column(_("Year"), 1, 8),
        Column(_("Innovation"), 2, 48),
        Column(_("Unit code"), 3, 20),
        Column(_("Unit"), 4, 36),
        Column(_("Category"), 5, 20),
        Column(_("Status"), 6, 16),
        Column(_("Origin"), 7, 22),
        Column(_("Form"), 8, 18),
        Column(_("Maturity"), 9, 16),
        Column(_("Stage"), 10, 14),
        Column(_("Innovators"), 11, 36),
        Column(_("Trial date"), 12, 12),
        Column(_("Implementation date"), 13, 12),
        Column(_("Budget (Rp)"), 14, 14),
        Column(_("Submitted at"), 15, 14),
    ]


def innovation_rows(queryset):
    return tuples(queryset.order_by("year", "code"), INNOVATION_FIELDS, labelled=CHOICES)


def innovation_filters(params):
    """(label, value) of the list filters and search in `params` (already validated), for the
    title line; the year is not among them (`Exporter.sheet_title` puts it first)."""
    form = InnovationFilter(params).form
    if not form.is_valid():
        return []
    pairs = form_filters(form, leave_out=("year",))
    if params.get("search"):
        pairs.append((_("Search"), params["search"]))
    return pairs
