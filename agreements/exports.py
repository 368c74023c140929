"""Compliance exports: XLSX for people, CSV for machines; both with the same columns and totals."""

import csv
import io

import xlsxwriter
from django.utils.translation import gettext as _

from accounts.enums import UnitKind

from .enums import AgreementStatus, Colour

# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def columns():
    """(header, width, value of a row) for every column, in order."""
    return [
        (_("Unit code"), 22, lambda r: r.unit),
        (_("Unit"), 44, lambda r: r.unit_name),
        (_("Unit kind"), 24, lambda r: str(UnitKind(r.unit_kind).label)),
        (
            _("Agreement"),
            16,
            lambda r: (
                str(AgreementStatus(r.agreement_status).label) if r.agreement_status else _("None")
            ),
        ),
        (_("Committed"), 12, lambda r: r.committed),
        (_("Drafted"), 11, lambda r: r.drafted),
        (_("Submitted"), 11, lambda r: r.submitted),
        (_("Approved"), 11, lambda r: r.approved),
        (_("Launched"), 11, lambda r: r.launched),
        (_("Met"), 8, lambda r: _("Yes") if r.met else _("No")),
        (_("Colour"), 22, lambda r: str(Colour(r.colour).label)),
    ]


def totals_row(totals):
    return [
        _("Total"),
        _("%(units)d units, %(met)d met") % {"units": totals["units"], "met": totals["met"]},
        "",
        _("%(signed)d signed") % {"signed": totals["signed"]},
        totals["committed"],
        totals["drafted"],
        totals["submitted"],
        totals["approved"],
        totals["launched"],
        totals["met"],
        "",
    ]


class CsvExporter:
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    @staticmethod
    def render(rows, totals):
        out = io.StringIO()
        writer = csv.writer(out)
        cols = columns()
        writer.writerow([header for header, _width, _value in cols])
        for row in rows:
            writer.writerow([escape_cell(value(row)) for _header, _width, value in cols])
        writer.writerow([escape_cell(value) for value in totals_row(totals)])
        # The BOM makes Excel read the file as UTF-8 (unit names are not all ASCII).
        return ("\ufeff" + out.getvalue()).encode("utf-8")


class XlsxExporter:
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    @staticmethod
    def render(rows, totals):
        out = io.BytesIO()
        workbook = xlsxwriter.Workbook(out, {"in_memory": True})
        sheet = workbook.add_worksheet(_("Compliance")[:31])
        bold = workbook.add_format({"bold": True, "bg_color": "#E8F0EA", "border": 1})
        total = workbook.add_format({"bold": True, "top": 2})
        cols = columns()
        for col, (header, width, _value) in enumerate(cols):
            sheet.write_string(0, col, header, bold)
            sheet.set_column(col, col, width)
        for line, row in enumerate(rows, start=1):
            for col, (_header, _width, value) in enumerate(cols):
                _write(sheet, line, col, value(row))
        last = len(rows) + 1
        for col, value in enumerate(totals_row(totals)):
            _write(sheet, last, col, value, total)
        sheet.freeze_panes(1, 2)
        sheet.autofilter(0, 0, max(len(rows), 1), len(cols) - 1)
        workbook.close()
        return out.getvalue()


def _write(sheet, line, col, value, cell_format=None):
    """Numbers as numbers, text always as text (never a formula, whatever it starts with)."""
    if isinstance(value, bool):
        sheet.write_boolean(line, col, value, cell_format)
    elif isinstance(value, int | float):
        sheet.write_number(line, col, value, cell_format)
    else:
        sheet.write_string(line, col, str(value), cell_format)


EXPORTERS = {"xlsx": XlsxExporter, "csv": CsvExporter}
