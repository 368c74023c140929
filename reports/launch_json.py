"""The launch report's JSON body written by PostgreSQL, row by row.

At the national scale the body lists 48,000 innovations (15 MB). Built in Python, each row was a
tuple fetched through the ORM, a dict and then JSON again: 700 ms beside 349 ms of SQL (issue 20).
Here PostgreSQL writes each row's JSON (`row_to_json`, compact, keys in API.md's order, the
innovators' names read from the trigger-kept `InnovatorNames`) and Python joins the rows into the
body unchanged; the breakdowns are counted from the same rows' values, so the totals and the list
always agree. PostgreSQL escapes strings as Python's `json` does with `ensure_ascii=False`
(`\\"`, `\\\\`, `\\n`, other control characters as `\\u00XX`) and DRF's escaping of U+2028 and
U+2029 is repeated here: `tests/reports/test_launch_json.py`
compares this body with the Python one, byte for byte, on awkward titles.
"""

from collections import Counter
from operator import itemgetter

from django.db import connection
from django.db.models import F, TextField, Value
from django.db.models.functions import Coalesce
from rest_framework.renderers import JSONRenderer

from accounts.models import Unit

from .launch import BREAKDOWNS, LaunchReport, _breakdowns, report_queryset

# The JSON row's columns in ROW_KEYS order, with the inner query's column for each.
ROW_COLUMNS = (
    ("id", "id"),
    ("code", "code"),
    ("title", "title"),
    ("unit", "unit__code"),
    ("unit_name", "unit__name"),
    ("source_category", "source_category"),
    ("innovators", "innovators_json"),
    ("origin", "origin"),
    ("form", "form"),
    ("maturity", "maturity"),
    ("lab_stage", "lab_stage"),
    ("status", "status"),
)
NAMES = Coalesce(F("innovator_names__names"), Value("[]"), output_field=TextField())
# Read beside each row's JSON: for each breakdown, the value's place in its enumeration (a
# small int: counting 48,000 of them costs a third of counting the strings), and the unit.
COUNTED = tuple((name, list(enum.values)) for _key, (name, enum) in BREAKDOWNS.items())


def available():
    return connection.vendor == "postgresql"


def report_json(*, cycle, user, include_approved=False) -> bytes:
    """The whole body as `LaunchReportView` would render it, in one query for the rows."""
    inner = (
        report_queryset(cycle=cycle, user=user, include_approved=include_approved)
        .order_by()
        .annotate(innovators_json=NAMES)
        .values(*(column for _key, column in ROW_COLUMNS))
    )
    sql, params = inner.query.sql_with_params()
    projection = ", ".join(
        f'r."{column}"::json AS "{key}"' if key == "innovators" else f'r."{column}" AS "{key}"'
        for key, column in ROW_COLUMNS
    )
    counted = ", ".join(f'array_position(%s::text[], x."{name}"::text)' for name, _v in COUNTED)
    # Only the constants above and Django's own SQL go into the text; the values stay parameters.
    # The rows are sorted before their JSON is written (OFFSET 0 keeps the sorted subquery
    # apart), so the sort moves the columns rather than 15 MB of text: 10 % less time.
    query = (
        f'SELECT row_to_json(x)::text, {counted}, x."unit" '  # noqa: S608
        f"FROM (SELECT {projection} FROM ({sql}) r "
        'ORDER BY "source_category", "unit_name", "code" OFFSET 0) x'
    )
    with connection.cursor() as cursor:
        cursor.execute(query, (*(values for _name, values in COUNTED), *params))
        rows = cursor.fetchall()
    # A value outside its enumeration (older data) has no place: it falls in `unspecified`.
    counters = {
        key: Counter(map(itemgetter(1 + index), rows)) for index, key in enumerate(BREAKDOWNS)
    }
    places = {
        key: {value: place for place, value in enumerate(values, start=1)}
        for key, (_name, values) in zip(BREAKDOWNS, COUNTED, strict=True)
    }
    units = set(map(itemgetter(1 + len(COUNTED)), rows)) - {None}
    report = LaunchReport(
        year=cycle.year,
        include_approved=include_approved,
        total=len(rows),
        breakdowns=_breakdowns(lambda key, value: counters[key][places[key][value]], len(rows)),
        units_participating=len(units),
        units_total=Unit.objects.active().count(),
    )
    head = JSONRenderer().render(report.as_dict())
    # DRF escapes the two JavaScript line terminators JSON allows raw; so does this body.
    listed = ",".join(map(itemgetter(0), rows))
    listed = listed.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()
    return b"".join((head[:-1], b',"innovations":[', listed, b"]}"))
