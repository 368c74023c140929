"""The launch report's JSON body from the rows PostgreSQL keeps (`LaunchRow`).

At the national scale the body lists 48,000 innovations (15 MB). Built in Python, each row was a
tuple fetched through the ORM, a dict and then JSON again (700 ms beside 349 ms of SQL); written
by PostgreSQL at request time (`row_to_json`) and sorted there, 430 ms of SQL (issue 20). Now
each innovation's row is written when it changes (reports/launch_rows.py) and the request reads
the rows in the report's order from an index, one ordered scan per reported status merged by
PostgreSQL, and joins them there (`string_agg`) into one string. The breakdowns are counted from
the same rows in the same statement, so the totals and the list always agree: each row
contributes one character per breakdown, its value's place in the enumeration, and Python counts
characters. PostgreSQL escapes strings as Python's `json` does with `ensure_ascii=False` and
DRF's escaping of U+2028 and U+2029 is repeated here: `tests/reports/test_launch_json.py`
compares this body with the Python one (`launch.report_body`), byte for byte.
"""

from django.db import connection, transaction
from rest_framework.renderers import JSONRenderer

from accounts.models import Unit

from .launch import BREAKDOWNS, LaunchReport, _breakdowns, report_statuses

# `launch.report_rows`' order, as the kept rows name its columns (the index `launch_row_order`).
ORDER = '"source_category", "unit_name", "code"'
# Each breakdown's column and values: a row's character for it is chr(48 + the value's place in
# the enumeration), "0" for a value outside it (older data), which falls in `unspecified`.
COUNTED = tuple((name, list(enum.values)) for _key, (name, enum) in BREAKDOWNS.items())
PLACES = " || ".join(
    f'chr(48 + COALESCE(array_position(%s::text[], "{name}"::text), 0))' for name, _v in COUNTED
)
CHARS = {
    key: {value: chr(49 + place) for place, value in enumerate(values)}
    for key, (_name, values) in zip(BREAKDOWNS, COUNTED, strict=True)
}


def available(user):
    """Whether this body serves `user`: the rows are kept on PostgreSQL only, and they are read
    without `visible_to`, which hides no reported innovation from those who see the region (the
    only readers of the report; `tests/reports/test_launch_json.py` holds that)."""
    return connection.vendor == "postgresql" and user.sees_region


def report_json(*, cycle, user, include_approved=False) -> bytes:
    """The whole body as `LaunchReportView` would render it, its rows in one query."""
    statuses = report_statuses(include_approved)
    # Only the constants above go into the text; the values stay parameters. With two statuses,
    # PostgreSQL merges the two ordered scans (Merge Append) instead of sorting 48,000 rows.
    scan = (
        f'SELECT "body", "unit_id", {PLACES} AS "places", {ORDER} FROM "reports_launchrow" '  # noqa: S608
        f'WHERE "cycle_id" = %s AND "status" = %s ORDER BY {ORDER}'
    )
    merged = " UNION ALL ".join([f"({scan})"] * len(statuses)) + f" ORDER BY {ORDER}"
    rows = scan if len(statuses) == 1 else merged
    query = (
        "SELECT string_agg(\"body\", ','), string_agg(\"places\", ''), "  # noqa: S608
        f'count(DISTINCT "unit_id"), count(*) FROM ({rows} OFFSET 0) r'
    )
    enumerations = [values for _name, values in COUNTED]
    params = [param for status in statuses for param in (*enumerations, cycle.pk, str(status))]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        # The rows are stored in no particular order, so PostgreSQL's costs (random_page_cost 4)
        # favour sorting them, in parallel workers, over reading them through the index: 380-470
        # against 165-235 ms measured (docs/decisions.md). This query is there to read in order.
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute(query, params)
        listed, places, units, total = cursor.fetchone()
    places, width = places or "", len(COUNTED)
    # str.count scans in C: about 1.5 ms a breakdown, where a Counter of 48,000 characters took 6.
    column = {key: places[index::width] for index, key in enumerate(BREAKDOWNS)}
    report = LaunchReport(
        year=cycle.year,
        include_approved=include_approved,
        total=total,
        breakdowns=_breakdowns(lambda key, value: column[key].count(CHARS[key][value]), total),
        units_participating=units,
        units_total=Unit.objects.active().count(),
    )
    head = JSONRenderer().render(report.as_dict())
    # DRF escapes the two JavaScript line terminators JSON allows raw; so does this body.
    listed = (listed or "").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").encode()
    return b"".join((head[:-1], b',"innovations":[', listed, b"]}"))
