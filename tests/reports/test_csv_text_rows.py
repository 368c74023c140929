"""The innovation CSV on PostgreSQL: cells written by the database (dates, times, labels,
innovators) and batches of plain rows give the bytes of the typed rows' cell-by-cell path."""

import datetime

import pytest
from django.db.models import F
from django.utils import timezone, translation

from innovations.enums import Status
from innovations.models import Innovation
from intan_banjar.tabular import API_CSV, EXCEL_ID, csv_lines
from reports.rows import (
    InnovatorsText,
    csv_text,
    innovation_columns,
    innovation_csv_lines,
    innovation_rows,
)
from tests.factories import CycleFactory
from tests.innovations.factories import (
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
)

pytestmark = pytest.mark.django_db

UTC = datetime.UTC


@pytest.fixture
def varied(unit):
    """Times with and without microseconds, around midnight in Banjarmasin, none; dates or
    none; formula-looking titles and innovators; a community innovation."""
    cycle = CycleFactory(year=2025)
    moments = [
        datetime.datetime(2025, 3, 1, 16, 30, tzinfo=UTC),  # 00:30 the next day in WITA
        datetime.datetime(2025, 3, 1, 1, 2, 3, 456789, tzinfo=UTC),
        datetime.datetime(2025, 12, 31, 23, 59, 59, 1, tzinfo=UTC),
        datetime.datetime(2025, 6, 1, 8, 0, 0, 500000, tzinfo=UTC),
        None,
    ]
    titles = ["=SUM(A1)", "-5 persen", 'Sistem "Antrean", cepat', "+62 layanan", "Biasa"]
    for n, (moment, title) in enumerate(zip(moments, titles, strict=True)):
        innovation = InnovationFactory(
            cycle=cycle,
            unit=unit,
            status=Status.LAUNCHED,
            title=title,
            trial_date=None if n % 2 else datetime.date(2025, 1, n + 1),
            budget=None if n == 3 else 1000 * n,
        )
        Innovation.objects.filter(pk=innovation.pk).update(submitted_at=moment)
        for position, name in enumerate(["@nama", "Ani \\ Budi", 'Citra "C"'][: n % 4]):
            InnovatorFactory(innovation=innovation, name=name, position=position)
    CommunityInnovationFactory(cycle=cycle, status=Status.LAUNCHED, maturity="")
    return Innovation.objects.all()


@pytest.mark.parametrize("dialect", [API_CSV, EXCEL_ID])
@pytest.mark.parametrize("language", ["id", "en"])
def test_text_rows_give_the_typed_rows_bytes(varied, dialect, language):
    with translation.override(language), timezone.override("Asia/Makassar"):
        assert csv_text(varied, dialect) is dialect  # the tests run on PostgreSQL
        typed = b"".join(csv_lines(innovation_columns(), innovation_rows(varied), dialect=dialect))
        text = b"".join(innovation_csv_lines(varied, dialect))
    assert text == typed
    assert b"'=SUM(A1)" in text and b"'@nama" in text


def test_text_rows_are_text_numbers_and_none(varied):
    rows = list(innovation_rows(varied, text_for=API_CSV))
    kinds = {type(cell) for row in rows for cell in row}
    assert kinds <= {str, int, type(None)}
    assert any(cell == "2025-03-01 01:02:03.456789+00:00" for row in rows for cell in row)


def test_no_text_rows_for_a_time_zone_without_a_name(varied):
    with timezone.override(datetime.timezone(datetime.timedelta(hours=8))):
        assert csv_text(varied, EXCEL_ID) is None
        assert csv_text(varied, API_CSV) is API_CSV


NAME_LISTS = [
    [],
    [""],
    ["", ""],
    ["Ani", "", "Budi"],
    ["Ani"],
    ["Ani", "Budi", "Citra"],
    ['Ani "A"', "Budi"],
    ["Ani \\ Budi"],
    ['","', "x"],
    ["a, b", "c; d", "[e]", '"]'],
    ["tab\there", "line\nbreak"],
    ["Ñoño", "日本", "emoji 🙂"],
    ["/slash/", "=1+1"],
]


def test_innovators_text_as_the_names_joined(cycle_2025_unit):
    cycle, unit = cycle_2025_unit
    expected = {}
    for names in NAME_LISTS:
        innovation = InnovationFactory(cycle=cycle, unit=unit)
        for position, name in enumerate(names):
            InnovatorFactory(innovation=innovation, name=name, position=position)
        expected[innovation.pk] = "; ".join(names)
    shown = Innovation.objects.annotate(text=InnovatorsText(F("innovator_names__names")))
    assert dict(shown.values_list("pk", "text")) == expected


@pytest.fixture
def cycle_2025_unit(unit):
    return CycleFactory(year=2025), unit


def test_innovators_text_of_json_written_another_way(cycle_2025_unit):
    """Spaces between the names, as another JSON writer may put them: unpacked, not replaced."""
    from innovations.innovator_names import InnovatorNames

    cycle, unit = cycle_2025_unit
    innovation = InnovationFactory(cycle=cycle, unit=unit)
    InnovatorFactory(innovation=innovation, name="Ani", position=0)
    InnovatorNames.objects.filter(innovation=innovation).update(names='["Ani", "Budi"]')
    shown = Innovation.objects.annotate(text=InnovatorsText(F("innovator_names__names")))
    assert shown.get(pk=innovation.pk).text == "Ani; Budi"
