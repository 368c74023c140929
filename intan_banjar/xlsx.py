"""A streaming XLSX writer for the portal's exports: one `<row>` of XML per row, nothing more.

Why not xlsxwriter: its per-cell path (argument checks, a dict per row, a regex per string, an
XML writer call per cell) cost about 8 s of the 21.4 s XLSX export of 100,000 innovations even
in constant-memory mode, above the 6 s target on its own (issue 20; profile in
docs/decisions.md). The exports need a small, fixed part of the format: inline strings, numbers,
booleans, dates; one bold title line and a coloured header; column widths, frozen panes and an
autofilter. This module writes exactly that, each row as one string, into a temporary file, so
memory stays flat whatever the number of rows. Files open in Excel, LibreOffice and openpyxl
(tests/test_xlsx.py reads every cell type back).
"""

import datetime
import decimal
import math
import re
import shutil
import tempfile
import zipfile
from xml.sax.saxutils import escape, quoteattr

from django.utils import timezone

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
MAX_TEXT = 32767  # Excel's limit on the characters of a cell

# Style indexes in styles.xml's cellXfs (see STYLES).
TITLE, HEADER, DATE, DATETIME = 1, 2, 3, 4
STYLES = f"""{XML_HEAD}<styleSheet xmlns="{MAIN}">
<numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>\
<numFmt numFmtId="165" formatCode="dd/mm/yyyy hh:mm"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="12"/><name val="Calibri"/><family val="2"/></font>\
<font><b/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="3"><fill><patternFill patternType="none"/></fill>\
<fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FF0F5132"/><bgColor indexed="64"/>\
</patternFill></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
<xf numFmtId="0" fontId="2" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" \
applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

# Characters XML 1.0 cannot carry: Excel writes them as _xHHHH_.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Text with any of these needs more than copying: escaping or the control characters' codes.
_SPECIAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f&<>]")
SPACES = frozenset(" \t\n\r")  # at either end, the text needs xml:space="preserve"
EPOCH = datetime.datetime(1899, 12, 30)
EPOCH_ORDINAL = EPOCH.toordinal()


def column_letter(index):
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def text_cell(ref, value, style=0):
    if len(value) > MAX_TEXT:
        value = value[:MAX_TEXT]
    if _CONTROL.search(value):
        value = _CONTROL.sub(lambda m: f"_x{ord(m.group()):04X}_", value)
    if "&" in value or "<" in value or ">" in value:
        value = escape(value)
    space = ' xml:space="preserve"' if value[:1].isspace() or value[-1:].isspace() else ""
    styled = f' s="{style}"' if style else ""
    return f'<c r="{ref}"{styled} t="inlineStr"><is><t{space}>{value}</t></is></c>'


def cell_xml(ref, value, zone=None):
    """The XML of one cell, or "" for an empty one. The type decides, cheapest checks first."""
    cls = value.__class__
    if cls is str:
        return text_cell(ref, value) if value else ""
    if value is None:
        return ""
    if cls is int:
        return f'<c r="{ref}"><v>{value}</v></c>'
    if cls is float:
        if not math.isfinite(value):
            return text_cell(ref, str(value))
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if cls is bool:
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if cls is decimal.Decimal:
        return f'<c r="{ref}"><v>{value}</v></c>'
    if cls is datetime.date:
        return f'<c r="{ref}" s="{DATE}"><v>{value.toordinal() - EPOCH_ORDINAL}</v></c>'
    if cls is datetime.datetime:
        if value.tzinfo is not None:  # a spreadsheet has no time zones: the portal's local time
            value = value.astimezone(zone or timezone.get_current_timezone()).replace(tzinfo=None)
        serial = (value - EPOCH).total_seconds() / 86400
        return f'<c r="{ref}" s="{DATETIME}"><v>{serial!r}</v></c>'
    if cls is list or cls is tuple:
        return text_cell(ref, "; ".join(str(v) for v in value)) if value else ""
    text = str(value)
    return text_cell(ref, text) if text else ""


class SheetWriter:
    """One worksheet: rows go to a temporary file; `finish()` returns the whole XML parts."""

    def __init__(self, name, widths):
        self.name = name
        self.widths = widths
        self.letters = [column_letter(i) for i in range(max(len(widths), 1))]
        self.rows = tempfile.TemporaryFile()  # noqa: SIM115  (closed by copy_into)
        self.last_row = 0
        self.last_col = len(widths) - 1
        self.freeze = None
        self.filter = None
        self.zone = timezone.get_current_timezone()  # read once, not once per datetime

    def write_row(self, number, values, *, style=0, height=None):
        """Row `number` (1-based) from `values`, a cell per column (None for an empty one).

        Plain text and whole numbers, most cells, are written inline; the rest by `cell_xml`."""
        if len(values) - 1 > self.last_col:
            self.last_col = len(values) - 1
            self.letters += [column_letter(i) for i in range(len(self.letters), len(values))]
        letters = self.letters
        row = str(number)
        cells = []
        append = cells.append
        for col, value in enumerate(values):
            cls = value.__class__
            if style:
                if value is not None and value != "":
                    append(text_cell(letters[col] + row, str(value), style))
            elif cls is str:
                if not value:
                    continue
                if (
                    _SPECIAL.search(value) is None
                    and value[0] not in SPACES
                    and value[-1] not in SPACES
                    and len(value) <= MAX_TEXT
                ):
                    append(f'<c r="{letters[col]}{row}" t="inlineStr"><is><t>{value}</t></is></c>')
                else:
                    append(text_cell(letters[col] + row, value))
            elif cls is int:
                append(f'<c r="{letters[col]}{row}"><v>{value}</v></c>')
            elif value is not None:
                append(cell_xml(letters[col] + row, value, self.zone))
        tall = f' ht="{height}" customHeight="1"' if height else ""
        self.rows.write(f'<row r="{row}"{tall}>{"".join(cells)}</row>'.encode())
        self.last_row = number

    def head(self):
        last = f"{column_letter(max(self.last_col, 0))}{max(self.last_row, 1)}"
        parts = [f'{XML_HEAD}<worksheet xmlns="{MAIN}" xmlns:r="{RELS}">']
        parts.append(f'<dimension ref="A1:{last}"/>')
        parts.append('<sheetViews><sheetView tabSelected="0" workbookViewId="0">')
        if self.freeze:
            parts.append(_pane(*self.freeze))
        parts.append('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>')
        if self.widths:
            parts.append("<cols>")
            for i, width in enumerate(self.widths, start=1):
                parts.append(
                    f'<col min="{i}" max="{i}" width="{width + 0.7109375}" customWidth="1"/>'
                )
            parts.append("</cols>")
        parts.append("<sheetData>")
        return "".join(parts).encode()

    def tail(self):
        parts = ["</sheetData>"]
        if self.filter:
            parts.append(f'<autoFilter ref="{self.filter}"/>')
        parts.append(
            '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
            'footer="0.3"/></worksheet>'
        )
        return "".join(parts).encode()

    def autofilter(self, first_row, last_row):
        """A filter on the header at `first_row` (1-based) down to `last_row`."""
        end = column_letter(max(self.last_col, 0))
        self.filter = f"A{first_row}:{end}{max(last_row, first_row + 1)}"

    def copy_into(self, out):
        out.write(self.head())
        self.rows.seek(0)
        shutil.copyfileobj(self.rows, out, 1 << 20)
        out.write(self.tail())
        self.rows.close()


def _pane(rows, columns):
    """The frozen pane: the first `rows` rows and `columns` columns stay in view."""
    if not rows and not columns:
        return ""
    top_left = f"{column_letter(columns)}{rows + 1}"
    active = "bottomRight" if rows and columns else ("bottomLeft" if rows else "topRight")
    split = (f' xSplit="{columns}"' if columns else "") + (f' ySplit="{rows}"' if rows else "")
    return (
        f'<pane{split} topLeftCell="{top_left}" activePane="{active}" state="frozen"/>'
        f'<selection pane="{active}" activeCell="{top_left}" sqref="{top_left}"/>'
    )


def save(target, sheets):
    """Zip the `SheetWriter`s into an XLSX at `target` (a path or a binary file object)."""
    count = len(sheets)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as book:
        book.writestr("[Content_Types].xml", _content_types(count))
        book.writestr(
            "_rels/.rels",
            f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}"><Relationship Id="rId1" '
            f'Type="{RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        )
        book.writestr("xl/workbook.xml", _workbook(sheets))
        book.writestr("xl/_rels/workbook.xml.rels", _workbook_rels(count))
        book.writestr("xl/styles.xml", STYLES)
        for number, sheet in enumerate(sheets, start=1):
            with book.open(f"xl/worksheets/sheet{number}.xml", "w", force_zip64=True) as out:
                sheet.copy_into(out)


def _content_types(count):
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="{kind}.worksheet+xml"/>'
        for n in range(1, count + 1)
    )
    return (
        f'{XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{kind}.sheet.main+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{kind}.styles+xml"/>{sheets}</Types>'
    )


def _workbook(sheets):
    listed = "".join(
        f'<sheet name={quoteattr(s.name)} sheetId="{n}" r:id="rId{n}"/>'
        for n, s in enumerate(sheets, start=1)
    )
    filters = "".join(
        f'<definedName name="_xlnm._FilterDatabase" localSheetId="{n}" hidden="1">'
        f"{escape(_quoted(s.name))}!{_absolute(s.filter)}</definedName>"
        for n, s in enumerate(sheets)
        if s.filter
    )
    names = f"<definedNames>{filters}</definedNames>" if filters else ""
    return (
        f'{XML_HEAD}<workbook xmlns="{MAIN}" xmlns:r="{RELS}"><bookViews>'
        f'<workbookView activeTab="0"/></bookViews><sheets>{listed}</sheets>{names}</workbook>'
    )


def _quoted(name):
    return "'" + name.replace("'", "''") + "'"


def _absolute(ref):
    """A1:K9 -> $A$1:$K$9"""
    return ":".join(re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", part) for part in ref.split(":"))


def _workbook_rels(count):
    links = [
        f'<Relationship Id="rId{n}" Type="{RELS}/worksheet" Target="worksheets/sheet{n}.xml"/>'
        for n in range(1, count + 1)
    ]
    links.append(f'<Relationship Id="rId{count + 1}" Type="{RELS}/styles" Target="styles.xml"/>')
    return f'{XML_HEAD}<Relationships xmlns="{PACKAGE_RELS}">{"".join(links)}</Relationships>'
