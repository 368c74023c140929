"""The one tabular layer: CSV dialects (the API's RFC 4180, Excel with Indonesian settings), the
XLSX title line, and rows read by position or by function."""

import csv
import datetime
import decimal
import io

import openpyxl
from django import forms
from django.utils import translation

from intan_banjar.tabular import (
    API_CSV,
    EXCEL_ID,
    Column,
    Sheet,
    csv_lines,
    export_title,
    form_filters,
    row_reader,
    write_xlsx,
)

WITA = datetime.timezone(datetime.timedelta(hours=8))
ROW = (
    'Sistem, "Antrean"',
    decimal.Decimal("1.5"),
    2.25,
    1_250_000,
    datetime.date(2026, 7, 1),
    datetime.datetime(2026, 7, 1, 1, 30, tzinfo=datetime.UTC),
    ["Ani", "Budi"],
    None,
    True,
)
COLUMNS = [Column(f"c{i}", i) for i in range(len(ROW))]


def text_of(lines):
    return b"".join(lines).decode("utf-8")


def test_csv_api_dialect_is_rfc4180_with_bom():
    with translation.override("en"):
        text = text_of(csv_lines(COLUMNS, [ROW], dialect=API_CSV))
    assert text.startswith("\ufeff")
    header, line = text[1:].split("\r\n")[:2]
    assert header == "c0,c1,c2,c3,c4,c5,c6,c7,c8"
    assert line == (
        '"Sistem, ""Antrean""",1.5,2.25,1250000,2026-07-01,2026-07-01 01:30:00+00:00,Ani; Budi,,Yes'
    )


def test_csv_excel_dialect_semicolons_decimal_commas_local_times():
    with translation.override("id"):
        text = text_of(csv_lines(COLUMNS, [ROW], dialect=EXCEL_ID))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0] == [f"c{i}" for i in range(9)]
    assert rows[1] == [
        'Sistem, "Antrean"',
        "1,5",
        "2,25",
        "1250000",  # a whole number keeps no separator: Excel reads it as a number
        "2026-07-01",
        "2026-07-01 09:30",  # 01:30 UTC is 09:30 in Banjarmasin (WITA)
        "Ani; Budi",
        "",
        "Ya",
    ]


def test_csv_formulas_neutralised_in_both_dialects():
    rows = [("=1+1",), ("@SUM(A1)",), (["-2", "x"],)]
    for dialect in (API_CSV, EXCEL_ID):
        text = text_of(csv_lines([Column("t", 0)], rows, dialect=dialect))
        cells = list(csv.reader(io.StringIO(text[1:]), delimiter=dialect.delimiter))[1:]
        assert cells == [["'=1+1"], ["'@SUM(A1)"], ["'-2; x"]]


def test_csv_extra_rows_follow_the_list():
    text = text_of(csv_lines([Column("a", 0), Column("b", 1)], [(1, 2)], extra_rows=[("T", 3)]))
    assert text[1:].split("\r\n")[:3] == ["a,b", "1,2", "T,3"]


def test_row_reader_by_position_and_by_function():
    assert row_reader([Column("a", 2), Column("b", 0)])(("x", "y", "z")) == ["z", "x"]
    assert row_reader([Column("a", 1)])(("x", "y")) == ["y"]
    mixed = row_reader([Column("a", 0), Column("b", lambda r: r[1].upper())])
    assert mixed(("x", "y")) == ["x", "Y"]


def test_export_title_names_filters_and_print_date():
    with translation.override("en"):
        title = export_title(
            "Innovation list",
            [("Year", 2025), ("Status", "Submitted"), ("Unit", "")],
            today=datetime.date(2026, 12, 6),
        )
    assert title == "Innovation list — Year: 2025 — Status: Submitted — printed 6 December 2026"


def test_export_title_indonesian_date():
    with translation.override("id"):
        title = export_title("Daftar", today=datetime.date(2026, 12, 6))
    assert title.endswith("6 Desember 2026")


class StatusForm(forms.Form):
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "All"), ("submitted", "Submitted")]
    )
    met = forms.NullBooleanField(label="Met", required=False)
    unit = forms.CharField(label="Unit", required=False)


def test_form_filters_show_labels_and_leave_out_empty():
    form = StatusForm({"status": "submitted", "met": "false", "unit": ""})
    with translation.override("en"):
        assert form_filters(form) == [("Status", "Submitted"), ("Met", "No")]
        assert form_filters(form, leave_out=("status",)) == [("Met", "No")]
    assert form_filters(StatusForm()) == []  # unbound: no filter used
    assert form_filters(StatusForm({"status": "bogus"})) == []  # invalid: nothing claimed


def test_write_xlsx_title_header_frozen_typed_cells():
    buffer = io.BytesIO()
    sheet = Sheet("List", COLUMNS, [ROW], title="Daftar — dicetak 6 Desember 2026")
    write_xlsx(buffer, [sheet])
    ws = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert ws["A1"].value == "Daftar — dicetak 6 Desember 2026"
    assert [c.value for c in ws[2]] == [f"c{i}" for i in range(9)]
    assert ws.freeze_panes == "A3"
    cells = [c.value for c in ws[3]]
    assert cells[0] == 'Sistem, "Antrean"'
    assert cells[1:4] == [1.5, 2.25, 1_250_000] and ws["D3"].data_type == "n"
    assert cells[4] == datetime.datetime(2026, 7, 1)
    assert cells[5] == datetime.datetime(2026, 7, 1, 9, 30)  # shown in WITA
    assert cells[6:] == ["Ani; Budi", None, True]


def test_write_xlsx_without_title_starts_with_header():
    buffer = io.BytesIO()
    write_xlsx(buffer, [Sheet("List", [Column("Code", 0)], [("=1+1",)])])
    ws = openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active
    assert ws["A1"].value == "Code" and ws.freeze_panes == "A2"
    assert ws["A2"].value == "=1+1" and ws["A2"].data_type == "s"  # text, never a formula
