"""The streaming XLSX writer: every cell type read back by openpyxl, the text that needs care
(markup, control characters, spaces at the ends, over-long text), sheets, panes and filters."""

import datetime
import decimal
import io
import math
import zipfile

import openpyxl
from django.utils import timezone

from intan_banjar import xlsx
from intan_banjar.tabular import Column, Sheet, write_xlsx


def book_of(sheets):
    buffer = io.BytesIO()
    write_xlsx(buffer, sheets)
    return buffer.getvalue()


def test_column_letters():
    assert [xlsx.column_letter(i) for i in (0, 25, 26, 27, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_text_that_needs_care_reads_back():
    texts = ["<b>&amp;</b>", "tab\tin", "bell\x07here", "  padded  ", "x" * 40000, "Rp 1.000"]
    data = book_of([Sheet("T", [Column("Text", 0)], [(t,) for t in texts])])
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    got = [ws.cell(row=n, column=1).value for n in range(2, 2 + len(texts))]
    assert got[0] == "<b>&amp;</b>"
    assert got[1] == "tab\tin"
    assert got[2] == "bell_x0007_here"  # XML cannot carry it: Excel's own escape
    assert got[3] == "  padded  "
    assert got[4] == "x" * xlsx.MAX_TEXT
    assert got[5] == "Rp 1.000"


def test_numbers_dates_booleans_and_empty_cells():
    aware = datetime.datetime(2026, 12, 6, 23, 15, tzinfo=datetime.UTC)
    row = (
        7,
        -2.5,
        decimal.Decimal("12.75"),
        math.nan,
        datetime.date(2024, 2, 29),
        aware,
        False,
        None,
        "",
        [],
        ("a", "b"),
    )
    columns = [Column(f"c{i}", i) for i in range(len(row))]
    ws = openpyxl.load_workbook(io.BytesIO(book_of([Sheet("N", columns, [row])]))).active
    got = [c.value for c in ws[2]]
    local = timezone.localtime(aware).replace(tzinfo=None)
    assert got[:3] == [7, -2.5, 12.75]
    assert got[3] == "nan"  # not a number Excel accepts: kept as text
    assert got[4] == datetime.datetime(2024, 2, 29)
    assert ws["E2"].number_format == "dd/mm/yyyy"
    assert got[5] == local and ws["F2"].number_format == "dd/mm/yyyy hh:mm"
    assert got[6:] == [False, None, None, None, "a; b"]


def test_several_sheets_title_panes_filter_and_widths():
    rows = [("A", 1), ("B", 2), ("C", 3)]
    columns = [Column("Name", 0, 30), Column("Count", 1, 8)]
    data = book_of(
        [
            Sheet("Ringkasan", columns, rows[:1], title="Judul"),
            Sheet(
                "Daftar 'utama'",
                columns,
                rows,
                extra_rows=[("Total", 6)],
                title="Judul",
                freeze_columns=1,
                autofilter=True,
            ),
        ]
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Ringkasan", "Daftar 'utama'"]
    first, second = book.worksheets
    assert first.freeze_panes == "A3" and first["A1"].font.b
    assert second.freeze_panes == "B3"
    assert second.auto_filter.ref == "A2:B5"
    assert [c.value for c in second[6]] == ["Total", 6]
    assert second.column_dimensions["A"].width > 30
    assert second["A2"].font.b and second["A2"].fill.fgColor.rgb == "FF0F5132"
    workbook_xml = zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml").decode()
    assert "'Daftar ''utama'''!$A$2:$B$5" in workbook_xml


def test_rows_are_streamed_not_held(tmp_path):
    """A generator of rows is consumed once; the file is written to a path as well."""
    produced = []

    def rows():
        for n in range(5000):
            produced.append(n)
            yield (n, f"row {n}")

    path = tmp_path / "big.xlsx"
    write_xlsx(str(path), [Sheet("Big", [Column("N", 0), Column("Text", 1)], rows())])
    ws = openpyxl.load_workbook(path, read_only=True).active
    assert len(produced) == 5000
    values = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(values) == 5000 and values[-1] == (4999, "row 4999")
