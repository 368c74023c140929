"""Rows of the large exports (innovations, the launch list) read as tuples, not model objects.

An export of 100,000 innovations used to build 100,000 model instances, their prefetched
innovators and a Python call per cell: 12.6 s for the CSV (docs/decisions.md, issue 20). Here one
query returns the columns and the innovators' names (a correlated ARRAY subquery), choice values
become labels through dicts built once, and each row is one tuple in column order: the tabular
layer then picks cells with one `itemgetter` per row.
"""

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.utils.translation import gettext as _

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.models import Innovator

CHUNK = 2000


def innovator_names():
    """The innovators' names of the row's innovation, in their order on the form."""
    return ArraySubquery(
        Innovator.objects.filter(innovation=OuterRef("pk"))
        .order_by("position", "id")
        .values("name")
    )


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
