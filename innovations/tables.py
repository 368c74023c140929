"""Reading the spreadsheets people keep (XLSX or CSV) one row at a time.

`open_table` streams: an XLSX is read with openpyxl's read-only mode and a CSV line by line, so a
file of any length is read in constant memory. Rows are numbered as the spreadsheet numbers them
(the header is row 1 when it is on the first line), so a message about "row 12" points at the
row a person sees in Excel; blank rows are skipped but keep their numbers.
"""

import csv
import io
from contextlib import contextmanager
from pathlib import Path

from django.utils.translation import gettext as _

CSV_SAMPLE = 4096
SUFFIXES = (".xlsx", ".csv")


class UnreadableTable(ValueError):
    """The file is not a spreadsheet this reader understands."""


def text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _blank(row):
    return not any(text(cell) for cell in row)


def _numbered(rows):
    """(header, iterator of (row number, cells)) from raw rows, blank ones skipped."""
    numbered = ((number, list(row)) for number, row in enumerate(rows, start=1))
    numbered = ((number, row) for number, row in numbered if not _blank(row))
    first = next(numbered, None)
    if first is None:
        return [], iter(())
    return first[1], numbered


@contextmanager
def _xlsx(source):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not a workbook
        raise UnreadableTable(_("The file could not be read as an .xlsx workbook.")) from exc
    try:
        yield workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


@contextmanager
def _csv(source):
    if isinstance(source, str | Path):
        handle = open(source, encoding="utf-8-sig", newline="")  # noqa: SIM115 (closed below)
    else:
        source.seek(0)
        handle = io.TextIOWrapper(source, encoding="utf-8-sig", newline="")
    try:
        try:
            sample = handle.read(CSV_SAMPLE)
        except UnicodeDecodeError as exc:
            raise UnreadableTable(_("The CSV file must be saved as UTF-8.")) from exc
        handle.seek(0)
        try:
            dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        yield csv.reader(handle, dialect)
    finally:
        if isinstance(source, str | Path):
            handle.close()
        else:
            handle.detach()  # leave the caller's file open


def kind_of(name):
    suffix = Path(str(name or "")).suffix.lower()
    if suffix not in SUFFIXES:
        raise UnreadableTable(_("Only .xlsx and .csv files can be imported."))
    return suffix


@contextmanager
def open_table(source, name=None):
    """(header cells, iterator of (row number, cells)) of the first sheet, streamed.

    `source` is a path or a binary file object; `name` (default: the path) decides the format.
    """
    suffix = kind_of(name or source)
    reader = _xlsx if suffix == ".xlsx" else _csv
    with reader(source) as rows:
        try:
            yield _numbered(rows)
        except UnicodeDecodeError as exc:
            raise UnreadableTable(_("The CSV file must be saved as UTF-8.")) from exc


def read_table(path):
    """(headers, rows as lists) of a whole (small) file: for callers that want a list."""
    with open_table(path) as (headers, rows):
        return headers, [cells for _number, cells in rows]
