"""Rows of the large exports (innovations, the launch list) read as tuples, not model objects.

An export of 100,000 innovations used to build 100,000 model instances, their prefetched
innovators and a Python call per cell: 12.6 s for the CSV (docs/decisions.md, issue 20). Here one
query returns the columns and the innovators' names (kept per innovation), choice values
become labels through dicts built once, and each row is one tuple in column order: the tabular
layer then picks cells with one `itemgetter` per row.
"""

from django.db import connections
from django.db.models import (
    Case,
    CharField,
    DateField,
    DateTimeField,
    F,
    Func,
    JSONField,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.filters import InnovationFilter
from intan_banjar.tabular import Column, csv_lines, form_filters

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


def tuples(queryset, fields, *, labelled=(), text_for=None):
    """`values_list(*fields)` of `queryset` as the files show it, streamed in chunks.

    `fields` name model fields (or "innovators": the names as one text, "Ani; Budi"); those in
    `labelled` are turned from a stored value into its label, "unit__name" into "Community"
    when the innovation has no unit. A value outside the enumeration (older data) is shown as
    stored. The database does all of it (a CASE per labelled column, labels as parameters), so
    each row arrives as the tuple the file writes: no Python per row. The labels are read now,
    in the request's language, since a streamed body is iterated after the view has returned.

    `text_for` (a CSV dialect, PostgreSQL only: `csv_text`): dates and times come as the text
    that dialect writes, so every cell is text, a whole number or None (`csv_lines(plain=True)`).
    """
    model = queryset.model
    shown = {
        f"shown_{i}": _shown(field, labelled) or (text_for and _as_text(model, field, text_for))
        for i, field in enumerate(fields)
    }
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


def csv_text(queryset, dialect):
    """`dialect` if the database can write the dates and times of `queryset`'s rows as that
    CSV dialect does (`tuples(text_for=...)`), else None: PostgreSQL, in a named time zone."""
    zone = getattr(timezone.get_current_timezone(), "key", None)
    if connections[queryset.db].vendor != "postgresql" or (dialect.local_datetimes and not zone):
        return None
    return dialect


def _as_text(model, field, dialect):
    """A date or datetime column as `intan_banjar.tabular`'s CSV cell formatter writes it."""
    if "__" in field or field == "innovators":
        return None
    kind = model._meta.get_field(field)
    if isinstance(kind, DateTimeField):
        if dialect.local_datetimes:  # local wall time, to the minute
            zone = timezone.get_current_timezone().key
            return LocalMinuteText(F(field), Value(zone))
        return UtcText(F(field))
    if isinstance(kind, DateField):
        return DateText(F(field))
    return None


class DateText(Func):
    """A date as `date.isoformat()` writes it."""

    output_field = TextField()
    template = "to_char(%(expressions)s, 'YYYY-MM-DD')"


class UtcText(Func):
    """A stored datetime as `str()` writes the aware datetime the driver returns (in UTC):
    "2026-07-01 01:30:00+00:00", the microseconds only when there are any."""

    output_field = TextField()
    template = (
        "to_char(%(expressions)s AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') || CASE WHEN "
        "mod(date_part('microseconds', %(expressions)s AT TIME ZONE 'UTC')::bigint, 1000000) = 0 "
        "THEN '' ELSE to_char(%(expressions)s AT TIME ZONE 'UTC', '.US') END || '+00:00'"
    )


class LocalMinuteText(Func):
    """A stored datetime in a time zone to the minute: "2026-07-01 09:30" (Excel's dialect)."""

    output_field = TextField()
    template = "to_char(%(expressions)s, 'YYYY-MM-DD HH24:MI')"
    arg_joiner = " AT TIME ZONE "


# The names between the array's first and last quotes, each '","' made "; ".
_JOINED = (
    "replace(substr(%(expressions)s, 3, greatest(length(%(expressions)s) - 4, 0)), '\",\"', '; ')"
)


class InnovatorsText(Func):
    """The innovators' names as the files show them, "Ani; Budi" ("" for none), from the JSON
    array the database keeps per innovation (`innovations.InnovatorNames`), in its order.

    Unpacking the JSON (a subquery per row) was a third of the 100,000-row export's SQL. Most
    arrays need no unpacking: without a backslash, JSON has no escapes, every quote delimits a
    name, and `["Ani","Budi"]` is the names joined by '","'. Such a text (checked: it opens with
    '["', closes with '"]', and no quote is left once the separators are replaced) is joined by
    replacing; any other (a name with a quote, a backslash or a control character, an empty
    array, no row) is unpacked as JSON.
    """

    output_field = TextField()
    template = (
        "CASE WHEN strpos(%(expressions)s, '\\') = 0 AND left(%(expressions)s, 2) = '[\"' "
        "AND right(%(expressions)s, 2) = '\"]' AND length(%(expressions)s) >= 4 "
        f"AND strpos({_JOINED}, '\"') = 0 THEN {_JOINED} "
        "ELSE array_to_string(ARRAY(SELECT json_array_elements_text("
        "COALESCE(%(expressions)s, '[]')::json)), '; ') END"
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


def innovation_rows(queryset, *, text_for=None):
    ordered = queryset.order_by("year", "code")
    return tuples(ordered, INNOVATION_FIELDS, labelled=CHOICES, text_for=text_for)


def innovation_csv_lines(queryset, dialect):
    """The innovation list's CSV lines: on PostgreSQL every cell comes from the database as
    the file shows it, and the rows go to csv.writer as they are (`csv_lines(plain=True)`)."""
    text_for = csv_text(queryset, dialect)
    rows = innovation_rows(queryset, text_for=text_for)
    return csv_lines(innovation_columns(), rows, dialect=dialect, plain=text_for is not None)


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
