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
from itertools import islice
from operator import itemgetter

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext

from . import xlsx

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


def csv_lines(
    columns: list[Column],
    rows: Iterable,
    *,
    extra_rows: Iterable = (),
    dialect=API_CSV,
    plain=False,
):
    """Encoded CSV lines (a UTF-8 BOM first, so Excel reads Indonesian names correctly):
    suitable for a StreamingHttpResponse or a file. Rows are batched into chunks of about 64 KB,
    so a streamed response is not 100,000 tiny writes.

    `plain`: the caller promises that every cell is already what the file shows, text, a whole
    number or None (dates and times written as text in `dialect`'s way, e.g. by the database:
    `reports.rows.tuples`), so the rows go to csv.writer as they are (`_plain_csv_body`).

    Everything translated (the headers, "Yes"/"No") is read now, in the request's language: a
    streamed body is iterated after the view has returned.
    """
    writer = csv.writer(_Echo(), delimiter=dialect.delimiter)
    header = writer.writerow([str(c.header) for c in columns])
    read, cell = row_reader(columns), _cell_formatter(dialect)
    if plain:
        return _plain_csv_body(writer, header, columns, cell, rows, extra_rows, dialect.delimiter)
    return _csv_body(writer, header, read, cell, rows, extra_rows)


def _csv_body(writer, header, read, cell, rows, extra_rows):
    """The lines, each row's cells as `_exact_cells` gives them (text and whole numbers, most
    cells, as they are: csv.writer writes None as an empty field and an int as its digits)."""
    yield "\ufeff".encode()
    yield header.encode("utf-8")
    chunk = []
    size = 0
    for row in rows:
        line = writer.writerow(_exact_cells(read(row), cell))
        chunk.append(line)
        size += len(line)
        if size >= 65536:
            yield "".join(chunk).encode("utf-8")
            chunk, size = [], 0
    for extra in extra_rows:
        chunk.append(writer.writerow([cell(v) for v in extra]))
    if chunk:
        yield "".join(chunk).encode("utf-8")


def _exact_cells(cells, cell):
    """The cells of a row as the file shows them, each one looked at (`_csv_body`'s rule)."""
    for i, value in enumerate(cells):
        cls = value.__class__
        if cls is str:
            if value.startswith(FORMULA_STARTS):
                cells[i] = "'" + value
        elif value is not None and cls is not int:
            cells[i] = cell(value)
    return cells


PLAIN_BATCH = 250


def _plain_csv_body(writer, header, columns, cell, rows, extra_rows, delimiter):
    """The lines of rows of text, whole numbers and None, a batch at a time.

    The per-cell look of `_csv_body` (type, then formula) cost as much Python as writing the
    lines (docs/decisions.md, "The public catalogue at 100,000 innovations"): here csv.writer
    writes a batch of rows in one call, and the batch's text is searched for a field that starts
    like a formula (`_formula_search`). A batch where one may start is written again row by row,
    each cell looked at as `_csv_body` does, so the file is the same byte for byte.
    """
    yield "\ufeff".encode()
    yield header.encode("utf-8")
    read = row_reader(columns)
    positions, width = [c.value for c in columns], len(columns)
    lines = []
    batch_writer = csv.writer(_Appender(lines.append), delimiter=delimiter)
    whole = {width} if positions == list(range(width)) else None
    may_start_formula = _formula_search(delimiter)
    rows = iter(rows)
    while batch := list(islice(rows, PLAIN_BATCH)):
        # Rows that are exactly the columns in their order are written as they are.
        batch_writer.writerows(
            batch if whole and set(map(len, batch)) == whole else map(read, batch)
        )
        text = "".join(lines)
        lines.clear()
        if may_start_formula(text):
            text = "".join(writer.writerow(_exact_cells(read(row), cell)) for row in batch)
        yield text.encode("utf-8")
    tail = [writer.writerow([cell(v) for v in extra]) for extra in extra_rows]
    if tail:
        yield "".join(tail).encode("utf-8")


class _Appender:
    """A file-like object whose write appends to a list (csv.writer's `writerows` target)."""

    def __init__(self, append):
        self.write = append


def _formula_search(delimiter):
    """text -> whether a field of these CSV lines may start with a formula character.

    csv.writer writes a field as it is or in quotes, at the start of a line or after the
    delimiter, so a text cell starting with "=" shows as `,=`, `,"=`, or the same after a line
    break: those are looked for (a plain substring search), never missed. They may also show
    inside a quoted text with a line break or a delimiter in it: then the batch is only written
    again, cell by cell. "\r" ends every line, so only its quoted form counts (csv.writer
    quotes every field with a line break in it).
    """
    searches = []
    for char in FORMULA_STARTS:
        # (the character, its unquoted forms, the mark of a quoted one, its quoted forms)
        plain = () if char == "\r" else tuple(f"{start}{char}" for start in (delimiter, "\n"))
        quoted = tuple(f'{start}"{char}' for start in (delimiter, "\n"))
        searches.append((char, plain, f'"{char}', quoted))

    def may_start_formula(text):
        text = "\n" + text
        for char, plain, mark, quoted in searches:
            if char in text and (
                any(form in text for form in plain)
                or (mark in text and any(form in text for form in quoted))
            ):
                return True
        return False

    return may_start_formula


def _cell_formatter(dialect):
    """The text of one cell: one function for the dialect, types checked cheapest first."""
    yes, no = gettext("Yes"), gettext("No")
    local = timezone.get_current_timezone()

    def cell(value):
        cls = value.__class__
        if cls is str:
            return "'" + value if value.startswith(FORMULA_STARTS) else value
        if cls is datetime.date:  # a third of the cells of the innovation list
            return value.isoformat()
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
        pairs.append((str(form[name].label), str(shown)))  # as the form shows it
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
    """Write `sheets` to `target` (a path or a binary file object), in constant memory.

    Typed cells (numbers stay numbers, dates are dates, text is text: a leading "=" is never run
    as a formula), the title line, a bold header row, frozen panes below the header, column
    widths (`intan_banjar.xlsx`). `on_row(n)` is called every 1,000 rows for progress reports.
    """
    written = 0
    writers = []
    for sheet in sheets:
        out = xlsx.SheetWriter(sheet.name[:31], [c.width for c in sheet.columns])
        writers.append(out)
        number = 1
        if sheet.title:
            out.write_row(1, [str(sheet.title)], style=xlsx.TITLE, height=20)
            number = 2
        header = number
        out.write_row(header, [str(c.header) for c in sheet.columns], style=xlsx.HEADER)
        out.freeze = (header, sheet.freeze_columns)
        read = row_reader(sheet.columns)
        write_row = out.write_row
        for number, row in enumerate(sheet.rows, start=header + 1):
            write_row(number, read(row))
            written += 1
            if on_row and written % 1000 == 0:
                on_row(written)
        last = number
        if sheet.autofilter:
            out.autofilter(header, max(last, header + 1))
        for number, extra in enumerate(sheet.extra_rows, start=last + 1):
            write_row(number, list(extra))
    xlsx.save(target, writers)
    return written
