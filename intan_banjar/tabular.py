"""Tabular files (CSV and XLSX) written one way for every export of the portal.

Every list the portal exports (innovations, compliance, launch report, reviews, IID, portfolio) is
a sequence of `Column`s applied to rows. Writing them here once keeps the safety rules in one
place: text cells that a spreadsheet would run as a formula are neutralised in CSV; XLSX is written
in constant-memory mode so a 100,000-row export does not grow with the number of rows.

Two CSV dialects, chosen by the caller (docs/decisions.md, "CSV for people, CSV for machines"):
`API_CSV` is RFC 4180 (comma, "." decimals), the contract of API.md for scripts; `EXCEL_ID` is
what a download button offers people: Excel with Indonesian regional settings splits a line on
";" and reads "1,5" as one and a half, so a comma file would open as one column of text.

Speed: a `Column` whose value is an integer reads that position of a tuple row, and when every
column does, a whole row is picked by one `itemgetter` call: the 100,000-row exports build their
rows with `values_list()` and never call Python per cell.
"""

import csv
import datetime
import decimal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import itemgetter

import xlsxwriter
from django.utils import timezone
from django.utils.formats import date_format
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
    # A callable of the row, or an integer: the row's item at that position (tuple rows).
    value: Callable | int
    width: int = 16


def row_reader(columns):
    """A function row -> the list of its cells, as fast as the columns allow."""
    if columns and all(isinstance(c.value, int) for c in columns):
        if len(columns) == 1:
            index = columns[0].value
            return lambda row: [row[index]]
        pick = itemgetter(*(c.value for c in columns))
        return lambda row: list(pick(row))
    getters = [itemgetter(c.value) if isinstance(c.value, int) else c.value for c in columns]
    return lambda row: [get(row) for get in getters]


@dataclass(frozen=True)
class CsvDialect:
    name: str
    delimiter: str
    # Decimals written "1,5" (Indonesian) rather than "1.5".
    decimal_comma: bool
    # Datetimes in the portal's time zone as "2026-12-06 14:30" (what Excel reads as a date and
    # time) rather than ISO 8601 with microseconds and offset.
    local_datetimes: bool


API_CSV = CsvDialect("api", ",", decimal_comma=False, local_datetimes=False)
EXCEL_ID = CsvDialect("excel-id", ";", decimal_comma=True, local_datetimes=True)
DIALECTS = {d.name: d for d in (API_CSV, EXCEL_ID)}


class _Echo:
    """A file-like object whose write returns the line, for streaming CSV responses."""

    def write(self, value):
        return value


def csv_lines(columns: list[Column], rows: Iterable, *, extra_rows: Iterable = (), dialect=API_CSV):
    """Encoded CSV lines (a UTF-8 BOM first, so Excel reads Indonesian names correctly):
    suitable for a StreamingHttpResponse or a file. Rows are batched into chunks of about 64 KB,
    so a streamed response is not 100,000 tiny writes.

    Everything translated (the headers, "Yes"/"No") is read now, in the request's language: a
    streamed body is iterated after the view has returned.
    """
    writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
    header = writer.writerow([str(c.header) for c in columns])
    return _csv_body(
        writer, header, row_reader(columns), _cell_formatter(dialect), rows, extra_rows
    )


def _csv_body(writer, header, read, cell, rows, extra_rows):
    yield "\ufeff".encode()
    yield header.encode("utf-8")
    chunk = []
    size = 0
    for row in rows:
        line = writer.writerow([cell(v) for v in read(row)])
        chunk.append(line)
        size += len(line)
        if size >= 65536:
            yield "".join(chunk).encode("utf-8")
            chunk, size = [], 0
    for extra in extra_rows:
        chunk.append(writer.writerow([cell(v) for v in extra]))
    if chunk:
        yield "".join(chunk).encode("utf-8")


def _cell_formatter(dialect):
    """The text of one cell: one function for the dialect, types checked cheapest first."""
    yes, no = gettext("Yes"), gettext("No")
    local = timezone.get_current_timezone()

    def cell(value):
        cls = value.__class__
        if cls is str:
            return "'" + value if value.startswith(FORMULA_STARTS) else value
        if value is None:
            return ""
        if cls is int:
            return value
        if cls is bool:
            return yes if value else no
        if cls is list or cls is tuple:
            return escape_formula("; ".join(str(v) for v in value))
        if cls is float or cls is decimal.Decimal:
            return str(value).replace(".", ",") if dialect.decimal_comma else str(value)
        if cls is datetime.datetime and dialect.local_datetimes:
            if timezone.is_aware(value):
                value = value.astimezone(local)
            return value.strftime("%Y-%m-%d %H:%M")
        return escape_formula(str(value))

    return cell


def export_title(name, filters=(), *, today=None):
    """The title line of an XLSX sheet: what the list is, the filters used and the print date.

    "Daftar Inovasi — Tahun: 2025 — Status: Diajukan — dicetak 6 Desember 2026": a printed or
    forwarded file says which part of the data it holds. `filters` are (label, value) pairs;
    empty values are left out.
    """
    parts = [str(name)]
    parts += [f"{label}: {value}" for label, value in filters if value not in (None, "")]
    day = today or timezone.localdate()
    parts.append(gettext("printed %(date)s") % {"date": date_format(day, "j F Y")})
    return " — ".join(parts)


def form_filters(form, *, leave_out=()):
    """(label, shown value) of every filled field of a validated filter form: a choice by its
    label, a yes/no by "Yes"/"No", so a title line never shows a stored value."""
    if not form.is_bound or not form.is_valid():
        return []
    pairs = []
    for name, field in form.fields.items():
        value = None if name in leave_out else form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        if isinstance(value, bool):
            shown = gettext("Yes") if value else gettext("No")
        else:
            choices = dict(getattr(field, "choices", ()) or ())
            shown = choices.get(value, value)
        pairs.append((str(field.label or name), str(shown)))
    return pairs


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: Iterable
    extra_rows: Iterable = ()
    # Columns kept in view when scrolling sideways (a row's name), and a filter on the header.
    freeze_columns: int = 0
    autofilter: bool = False
    # The line above the header (`export_title`): what the list is, its filters, the print date.
    title: str = ""


def write_xlsx(target, sheets: list[Sheet], *, on_row: Callable | None = None):
    """Write `sheets` to `target` (a path or a binary file object).

    Typed cells (numbers stay numbers, dates are dates), the title line, a bold header row,
    frozen panes below the header, column widths. `on_row(n)` is called every 1,000 rows for
    progress reports.
    """
    workbook = xlsxwriter.Workbook(
        target,
        {
            "constant_memory": True,
            "in_memory": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    formats = _Formats(workbook)
    written = 0
    for sheet in sheets:
        ws = workbook.add_worksheet(sheet.name[:31])
        top = 0
        if sheet.title:
            ws.set_row(0, 20)
            ws.write_string(0, 0, str(sheet.title), formats.title)
            top = 1
        for col, column in enumerate(sheet.columns):
            ws.set_column(col, col, column.width)
            ws.write_string(top, col, str(column.header), formats.header)
        ws.freeze_panes(top + 1, sheet.freeze_columns)
        write = _cell_writer(ws, formats)
        read = row_reader(sheet.columns)
        row_no = top
        for row_no, row in enumerate(sheet.rows, start=top + 1):
            for col, value in enumerate(read(row)):
                if value is not None:
                    write(row_no, col, value)
            written += 1
            if on_row and written % 1000 == 0:
                on_row(written)
        if sheet.autofilter:
            ws.autofilter(top, 0, max(row_no, top + 1), len(sheet.columns) - 1)
        for offset, extra in enumerate(sheet.extra_rows, start=row_no + 1):
            for col, value in enumerate(extra):
                if value is not None:
                    write(offset, col, value)
    workbook.close()
    return written


class _Formats:
    def __init__(self, workbook):
        self.title = workbook.add_format({"bold": True, "font_size": 12})
        self.header = workbook.add_format(
            {
                "bold": True,
                "bg_color": "#0F5132",
                "font_color": "#FFFFFF",
                "text_wrap": True,
                "valign": "top",
            }
        )
        self.date = workbook.add_format({"num_format": "dd/mm/yyyy"})
        self.datetime = workbook.add_format({"num_format": "dd/mm/yyyy hh:mm"})


def _cell_writer(ws, formats):
    """write(row, col, value) for one sheet: the type decides the cell, cheapest checks first.

    write_string stores text as text: a leading "=" is never run as a formula in XLSX. Aware
    datetimes are shown in the portal's time zone (a spreadsheet has no time zones).
    """
    write_string, write_number = ws.write_string, ws.write_number
    write_datetime, write_boolean = ws.write_datetime, ws.write_boolean
    local = timezone.get_current_timezone()

    def write(row, col, value):
        cls = value.__class__
        if cls is str:
            if value:
                write_string(row, col, value)
        elif cls is int or cls is float or cls is decimal.Decimal:
            write_number(row, col, value)
        elif cls is datetime.date:
            write_datetime(
                row, col, datetime.datetime(value.year, value.month, value.day), formats.date
            )
        elif cls is datetime.datetime:
            if timezone.is_aware(value):
                value = value.astimezone(local).replace(tzinfo=None)
            write_datetime(row, col, value, formats.datetime)
        elif cls is bool:
            write_boolean(row, col, value)
        elif cls is list or cls is tuple:
            if value:
                write_string(row, col, "; ".join(str(v) for v in value))
        else:
            text = str(value)
            if text:
                write_string(row, col, text)

    return write
