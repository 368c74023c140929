"""Rows of the large exports (innovations, the launch list) read as tuples, not model objects.

An export of 100,000 innovations used to build 100,000 model instances, their prefetched
innovators and a Python call per cell: 12.6 s for the CSV (docs/decisions.md, issue 20). Here one
query returns the columns and the innovators' names (kept per innovation), choice values
become labels through dicts built once, and each row is one tuple in column order: the tabular
layer then picks cells with one `itemgetter` per row.
"""

from django.db.models import Case, CharField, F, Func, JSONField, TextField, Value, When
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.filters import InnovationFilter
from intan_banjar.tabular import Column, form_filters

CHUNK = 2000


def innovator_names():
    """The innovators' names of the row's innovation, in their order on the form, as a list:
    the JSON array the database keeps per innovation (`innovations.InnovatorNames`, on
    PostgreSQL and SQLite alike), read through a join. A correlated subquery per row cost 1.3 s
    of SQL for 100,000 innovations; the join costs a hash (docs/decisions.md, issue 20)."""
    return Coalesce(F("innovator_names__names"), Value("[]"), output_field=JSONField())


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
    """`values_list(*fields)` of `queryset` as the files show it, streamed in chunks.

    `fields` name model fields (or "innovators": the names as one text, "Ani; Budi"); those in
    `labelled` are turned from a stored value into its label, "unit__name" into "Community"
    when the innovation has no unit. A value outside the enumeration (older data) is shown as
    stored. The database does all of it (a CASE per labelled column, labels as parameters), so
    each row arrives as the tuple the file writes: no Python per row. The labels are read now,
    in the request's language, since a streamed body is iterated after the view has returned.
    """
    shown = {f"shown_{i}": _shown(field, labelled) for i, field in enumerate(fields)}
    shown = {name: expression for name, expression in shown.items() if expression is not None}
    names = [f"shown_{i}" if f"shown_{i}" in shown else f for i, f in enumerate(fields)]
    return queryset.annotate(**shown).values_list(*names).iterator(chunk_size=CHUNK)


def _shown(field, labelled):
    """The expression that reads `field` as a file shows it, or None for the stored value."""
    if field == "innovators":
        return InnovatorsText(F("innovator_names__names"))
    if field == "unit__name":
        return Coalesce(F("unit__name"), Value(_("Community")))
    if field in labelled:
        labels = labels_of(CHOICES[field]).items()  # a blank value stays blank
        whens = [When(**{field: value}, then=Value(label)) for value, label in labels if value]
        return Case(*whens, default=F(field), output_field=CharField())
    return None


class InnovatorsText(Func):
    """The innovators' names as the files show them, "Ani; Budi" ("" for none), from the JSON
    array the database keeps per innovation (`innovations.InnovatorNames`), in its order."""

    output_field = TextField()
    template = (
        "array_to_string(ARRAY(SELECT json_array_elements_text("
        "COALESCE(%(expressions)s, '[]')::json)), '; ')"
    )

    def as_sqlite(self, compiler, connection, **extra):
        template = (
            "(SELECT COALESCE(group_concat(value, '; '), '') "
            "FROM json_each(COALESCE(%(expressions)s, '[]')))"
        )
        return self.as_sql(compiler, connection, template=template, **extra)


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
