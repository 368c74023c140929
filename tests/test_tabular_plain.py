"""`csv_lines(plain=True)`: rows of text, whole numbers and None written a batch at a time,
the same bytes as the cell-by-cell path, formula-looking text included wherever it falls."""

import csv
import itertools

import pytest

from intan_banjar import tabular
from intan_banjar.tabular import API_CSV, EXCEL_ID, Column, csv_lines

COLUMNS = [Column(f"c{i}", i) for i in range(4)]
# Texts that start a formula (in every form csv.writer can give their field: plain, quoted for
# a delimiter, a quote or a line break in them), texts that only look like one inside a quoted
# field, and texts that are safe.
TEXTS = [
    *(start + rest for start in tabular.FORMULA_STARTS for rest in ("1+1", "a,b;c", 'say "x"')),
    "a\n-b",
    "a,=b",
    "a;@b",
    'a"=b',
    "a\r\n+b",
    "-",
    "",
    "Dinas Kesehatan",
    "INV-2025-0001",
    "2025-01-01 08:00",
]
VALUES = [*TEXTS, None, 0, -5, 2025]


def _rows():
    """Every text in every column, between ordinary rows, over several batches."""
    rows = []
    for n, value in enumerate(VALUES * 3):
        ordinary = ["INV-0001", "Judul", 2025, None]
        ordinary[n % 4] = value
        rows.append(tuple(ordinary))
        rows.extend([("INV-0002", "Judul biasa", 2024, "Ani; Budi")] * 37)
    return rows


@pytest.mark.parametrize("dialect", [API_CSV, EXCEL_ID])
def test_plain_rows_give_the_same_bytes(dialect):
    rows = _rows()
    assert len(rows) > 3 * tabular.PLAIN_BATCH
    expected = b"".join(csv_lines(COLUMNS, rows, dialect=dialect))
    assert b"".join(csv_lines(COLUMNS, rows, dialect=dialect, plain=True)) == expected
    assert b"'=1+1" in expected and b"\"'-a" in expected  # what was checked is there


@pytest.mark.parametrize("dialect", [API_CSV, EXCEL_ID])
def test_plain_rows_each_text_alone(dialect):
    for value, position in itertools.product(VALUES, range(4)):
        row = [None, "x", 1, ""]
        row[position] = value
        expected = b"".join(csv_lines(COLUMNS, [tuple(row)], dialect=dialect))
        got = b"".join(csv_lines(COLUMNS, [tuple(row)], dialect=dialect, plain=True))
        assert got == expected, (value, position)


@pytest.mark.parametrize("delimiter", [",", ";"])
def test_formula_search_finds_every_field_start(delimiter):
    search = tabular._formula_search(delimiter)
    lines = []
    writer = csv.writer(tabular._Appender(lines.append), delimiter=delimiter)
    for start, position in itertools.product(tabular.FORMULA_STARTS, range(3)):
        for text in (start + "b", start + "b" + delimiter + "c"):  # plain and quoted
            row = ["INV-1", "Judul", "x"]
            row[position] = text
            lines.clear()
            writer.writerows([["a", "b", "c"], row])
            assert search("".join(lines)), (start, position, text)
    lines.clear()
    writer.writerows(
        [["INV-2025-0001", "Judul", 2025, None], ["INV-2", f"a{delimiter} b", 5, "Ani"]]
    )
    assert not search("".join(lines))


def test_plain_rows_then_extra_rows():
    text = b"".join(
        csv_lines(COLUMNS, [("a", "b", 1, None)], extra_rows=[("T", 3, "", "")], plain=True)
    )
    assert text.decode("utf-8-sig").split("\r\n")[1:3] == ["a,b,1,", "T,3,,"]


@pytest.mark.parametrize(
    "columns",
    [
        [Column("b", 1), Column("a", 0)],  # another order
        [Column("a", 0), Column("b", 1)],  # fewer columns than the rows have
        [Column("a", 0), Column("b", lambda row: row[1])],
    ],
)
def test_plain_rows_picked_by_the_columns(columns):
    rows = [("=a", "b", 3), ("a", "-b", 4)] + [("x", "y", 5)] * 300
    expected = b"".join(csv_lines(columns, rows))
    assert b"".join(csv_lines(columns, rows, plain=True)) == expected
    assert b"'-b" in expected
