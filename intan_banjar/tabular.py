"""Tabular files (CSV and XLSX) written one way for every export of the portal.

Every list the portal exports (innovations, compliance, launch report, reviews, open data) is a
sequence of `Column`s applied to rows. Writing them here once keeps the safety rules in one place:
CSV is UTF-8 with a BOM so Excel reads Indonesian names correctly, and text cells that a
spreadsheet would run as a formula are neutralised; XLSX is written in constant-memory mode so a
100,000-row export does not grow with the number of rows.
"""

import csv
import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import xlsxwriter
from django.utils.translation import gettext

# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Prefix a text cell that would start a formula with a quote, so it stays text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable
    width: int = 16


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV responses."""

    def write(self, value):
        return value


def csv_lines(columns: list[Column], rows: Iterable, *, extra_rows: Iterable = ()):
    """Yield encoded CSV lines (BOM first): suitable for a StreamingHttpResponse or a file."""
    writer = csv.writer(_Echo())
    yield "\ufeff".encode()
    yield writer.writerow([str(c.header) for c in columns]).encode("utf-8")
    for row in rows:
        yield writer.writerow([_csv_cell(c.value(row)) for c in columns]).encode("utf-8")
    for extra in extra_rows:
        yield writer.writerow([_csv_cell(v) for v in extra]).encode("utf-8")


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, list | tuple):
        value = "; ".join(str(v) for v in value)
    return escape_formula(value if isinstance(value, str) else str(value))


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: Iterable
    extra_rows: Iterable = ()
    # Columns kept in view when scrolling sideways (a row's name), and a filter on the header.
    freeze_columns: int = 0
    autofilter: bool = False


def write_xlsx(target, sheets: list[Sheet], *, on_row: Callable | None = None):
    """Write `sheets` to `target` (a path or a binary file object).

    Typed cells (numbers stay numbers, dates are dates), a bold header row, frozen panes below
    the header, column widths. `on_row(n)` is called every 1,000 rows for progress reports.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "in_memory": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    header = workbook.add_format(
        {
            "bold": True,
            "bg_color": "#0F5132",
            "font_color": "#FFFFFF",
            "text_wrap": True,
            "valign": "top",
        }
    )
    date_format = workbook.add_format({"num_format": "dd/mm/yyyy"})
    written = 0
    for sheet in sheets:
        ws = workbook.add_worksheet(sheet.name[:31])
        for col, column in enumerate(sheet.columns):
            ws.set_column(col, col, column.width)
            ws.write_string(0, col, str(column.header), header)
        ws.freeze_panes(1, sheet.freeze_columns)
        row_no = 0
        for row_no, row in enumerate(sheet.rows, start=1):
            for col, column in enumerate(sheet.columns):
                _write_cell(ws, row_no, col, column.value(row), date_format)
            written += 1
            if on_row and written % 1000 == 0:
                on_row(written)
        if sheet.autofilter:
            ws.autofilter(0, 0, max(row_no, 1), len(sheet.columns) - 1)
        for offset, extra in enumerate(sheet.extra_rows, start=row_no + 1):
            for col, value in enumerate(extra):
                _write_cell(ws, offset, col, value, date_format)
    workbook.close()
    return written


def _write_cell(ws, row, col, value, date_format):
    if value is None or value == "":
        return
    if isinstance(value, bool):
        ws.write_boolean(row, col, value)
    elif isinstance(value, int | float | decimal.Decimal):
        ws.write_number(row, col, value)
    elif isinstance(value, datetime.datetime):
        ws.write_datetime(row, col, value.replace(tzinfo=None), date_format)
    elif isinstance(value, datetime.date):
        ws.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), date_format)
    else:
        if isinstance(value, list | tuple):
            value = "; ".join(str(v) for v in value)
        # write_string stores text as text: a leading "=" is never run as a formula in XLSX.
        ws.write_string(row, col, str(value))
