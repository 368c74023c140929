"""Writing a serializer's representation of `.values()` rows without DRF's field walk (issue 20).

DRF represents each row by walking the serializer's fields: for every field `get_attribute`, a
`None` check and `to_representation`, most of which hand back the column unchanged (text,
numbers, booleans, JSON), after deep-copying the serializer's built fields once a request. For
a list of 50 innovations of some 40 fields with nested innovators, partners and files, that walk
was most of the page's Python time.

A plan is made once per process from the serializer's own fields: a field whose
`to_representation` returns the column as it is (DRF's CharField, IntegerField, BooleanField,
ChoiceField of text keys, JSONField) reads the column; a date, a list field goes through the
field's own `to_representation` (None stays None, as DRF skips it); a nested list serializer
becomes a plan of its own over a list of child dicts. Any other field is refused at planning
time (a field that would read the request or the instance: the caller fills it per request).
`writer` turns a plan into one function building the row's dict literal, key order kept.
Steps that depend on the request's state (a datetime's time zone, read once a page rather than
once a value: `get_current_timezone` costs microseconds, 168 values a list page) are
`PerRequest`: made again each time the writer is made for a request.
"""

import datetime

from django.conf import settings
from django.utils.timezone import get_current_timezone
from rest_framework import ISO_8601, serializers
from rest_framework.relations import RelatedField
from rest_framework.settings import api_settings

_IDENTITY_METHODS = {
    serializers.CharField.to_representation,
    serializers.IntegerField.to_representation,
    serializers.BooleanField.to_representation,
    serializers.JSONField.to_representation,
}
# Fields whose `to_representation` reads nothing but the value (no context, no request).
_VALUE_ONLY = (
    serializers.DateTimeField,
    serializers.DateField,
    serializers.TimeField,
    serializers.ListField,
)


class Column(str):
    """A step that reads the row's column as it is."""


class PerRequest:
    """A step made when the writer is made for a request: `make()` returns fn(row)."""

    def __init__(self, make):
        self.make = make


def returns_value_unchanged(field):
    method = type(field).to_representation
    if method is serializers.ChoiceField.to_representation:
        return all(isinstance(key, str) for key in field.choices)
    if method is serializers.BigIntegerField.to_representation:
        return not getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)
    if isinstance(field, serializers.JSONField) and field.binary:
        return False
    return method in _IDENTITY_METHODS


def values_plan(serializer, keys=None, prefix="", replaced=()):
    """[(name, step)] writing `serializer`'s representation of a row dict, in field order.

    A field reads the column its source names (`prefix` + source, dots as `__`), or
    `keys[name]`, a column holding the field's final value (a related field's `unit__code`).
    A step is a `Column`, a function of the row, or None for the names in `replaced` (the
    caller gives those per request, see `writer`).
    """
    keys = keys or {}
    steps = []
    for field in serializer._readable_fields:
        name = field.field_name
        key = keys.get(name) or prefix + field.source.replace(".", "__")
        if name in replaced:
            step = None
        elif isinstance(field, serializers.ListSerializer) and _plain(field.child):
            step = _many(key, writer(values_plan(field.child)))
        elif name in keys or returns_value_unchanged(field):
            step = Column(key)
        elif _iso_datetime_field(field):
            step = _iso_datetime(key, field.to_representation)
        elif _iso_date_field(field):
            step = _iso_date(key, field.to_representation)
        elif isinstance(field, _VALUE_ONLY) and not isinstance(field, RelatedField):
            step = _represented(key, field.to_representation)
        else:
            raise TypeError(f"{type(field).__name__} {name!r}: no values plan for this field")
        steps.append((name, step))
    return steps


def _plain(serializer):
    """A nested serializer whose representation is DRF's field walk (no override)."""
    return type(serializer).to_representation is serializers.Serializer.to_representation


def _many(key, make_child):
    def make():
        write = make_child()
        return lambda row: [write(child) for child in row[key]]

    return PerRequest(make)


def _represented(key, represent):
    def value(row):
        column = row[key]
        return None if column is None else represent(column)

    return value


def _iso_datetime_field(field):
    """A DateTimeField writing ISO 8601 in the current time zone (DRF's default)."""
    output = getattr(field, "format", api_settings.DATETIME_FORMAT)
    return (
        type(field).to_representation is serializers.DateTimeField.to_representation
        and type(field).enforce_timezone is serializers.DateTimeField.enforce_timezone
        and not hasattr(field, "timezone")
        and isinstance(output, str)
        and output.lower() == ISO_8601
    )


def iso_datetime_writer(represent):
    """fn(value) -> DRF's DateTimeField.to_representation (`represent`, ISO 8601) of the value,
    None kept: an aware datetime with USE_TZ (the database's values) is written in the current
    time zone, read once here (make one a page), "Z" for UTC. Anything else goes to DRF."""
    zone = get_current_timezone() if settings.USE_TZ else None

    def value(column):
        if column is None:
            return None
        if zone is None or type(column) is not datetime.datetime or column.utcoffset() is None:
            return represent(column)
        text = column.astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return value


def _iso_datetime(key, represent):
    def make():
        write = iso_datetime_writer(represent)
        return lambda row: write(row[key])

    return PerRequest(make)


def _iso_date_field(field):
    output = getattr(field, "format", api_settings.DATE_FORMAT)
    return (
        type(field).to_representation is serializers.DateField.to_representation
        and isinstance(output, str)
        and output.lower() == ISO_8601
    )


def _iso_date(key, represent):
    def value(row):
        column = row[key]
        if column is None:
            return None
        return column.isoformat() if type(column) is datetime.date else represent(column)

    return value


def writer(steps):
    """make(**per_request) -> write(row) -> dict, for a plan; `make` takes one function per
    step left None (named after its field) and makes the plan's `PerRequest` steps.

    The row function is one dict display (`{"id": row["id"], ...}`) compiled from the plan:
    a loop over the steps would call a function per field and row. The generated source holds
    only the plan's field and column names as literals and calls to the plan's functions.
    """
    namespace, params, items, made = {}, [], [], []
    for index, (name, step) in enumerate(steps):
        if step is None:
            if not name.isidentifier():
                raise ValueError(f"{name!r} cannot be given per request")
            params.append(f"r_{name}")
            value = f"r_{name}(row)"
        elif isinstance(step, Column):
            value = f"row[{str(step)!r}]"
        elif isinstance(step, PerRequest):
            namespace[f"m{index}"] = step.make
            made.append(f"    s{index} = m{index}()\n")
            value = f"s{index}(row)"
        else:
            namespace[f"s{index}"] = step
            value = f"s{index}(row)"
        items.append(f"{str(name)!r}: {value}")
    source = (
        f"def make({', '.join(params)}):\n"
        f"{''.join(made)}"
        f"    def write(row):\n"
        f"        return {{{', '.join(items)}}}\n"
        f"    return write\n"
    )
    exec(compile(source, "<row_plans.writer>", "exec"), namespace)  # noqa: S102 - see above
    make = namespace["make"]
    return lambda **per_request: make(**{f"r_{k}": v for k, v in per_request.items()})
