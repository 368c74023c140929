"""Warnings before an innovation is marked as reported: they need a confirmation, not a fix."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from iga.enums import NationalStatus
from iga.guards import entry_warnings
from iga.models import IgaEntry
from iga.services import ConfirmationRequired, iga_entry_create

from .factories import IgaEntryFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 7, 1)


def codes(warnings):
    return {w.code for w in warnings}


def ten_entries_of_nine(cycle, unit):
    for _n in range(10):
        IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {16: 3}), cycle=cycle)


def test_weak_innovation_over_ten_entries_warns_lower_average(unit):
    cycle = cycle_of(2025)
    ten_entries_of_nine(cycle, unit)
    weak = give_levels(approved(cycle, unit), {20: 1})
    assert codes(entry_warnings(innovation=weak, cycle=cycle, today=TODAY)) == {"lowers_average"}


def test_weak_innovation_under_ten_entries_does_not_lower_average(unit):
    cycle = cycle_of(2025)
    IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {16: 3}), cycle=cycle)
    weak = give_levels(approved(cycle, unit), {20: 1})
    assert entry_warnings(innovation=weak, cycle=cycle, today=TODAY) == []


def test_lower_average_warning_writes_numbers_the_locale_way(unit):
    # Ten entries of 9 (indicator 16 at level 3, weight 3): SID = 90 ÷ 10 + 6 = 15. An eleventh
    # of 1 (indicator 20 at level 1, weight 1): 91 ÷ 11 + 6 = 14.27.
    cycle = cycle_of(2025)
    ten_entries_of_nine(cycle, unit)
    weak = give_levels(approved(cycle, unit), {20: 1})
    with translation.override("en"):
        (english,) = entry_warnings(innovation=weak, cycle=cycle, today=TODAY)
    with translation.override("id"):
        (indonesian,) = entry_warnings(innovation=weak, cycle=cycle, today=TODAY)
    assert english.message == (
        "Reporting it would lower the innovation part (SID) from 15.00 to 14.27 points, the "
        "index from 9.35 to 8.89 (its score is 1.00)."
    )
    for shown in ("15,00", "14,27", "9,35", "8,89", "1,00"):
        assert shown in indonesian.message
    assert "." not in indonesian.message.rstrip(".")


def test_strong_innovation_over_ten_entries_does_not_warn(unit):
    cycle = cycle_of(2025)
    ten_entries_of_nine(cycle, unit)
    strong = give_levels(approved(cycle, unit), {16: 3, 35: 3})
    assert entry_warnings(innovation=strong, cycle=cycle, today=TODAY) == []


def test_third_entry_warns(unit):
    first, second, third = cycle_of(2023), cycle_of(2024), cycle_of(2025)
    innovation = approved(first, unit, implementation_date=datetime.date(2024, 8, 1))
    IgaEntryFactory(innovation=innovation, cycle=first)
    IgaEntryFactory(innovation=innovation, cycle=second, national_status=NationalStatus.ACCEPTED)
    warnings = entry_warnings(innovation=innovation, cycle=third, today=TODAY)
    assert codes(warnings) == {"entered_twice"}


def test_second_entry_does_not_warn(unit):
    first, second = cycle_of(2024), cycle_of(2025)
    innovation = approved(first, unit, implementation_date=datetime.date(2024, 8, 1))
    IgaEntryFactory(innovation=innovation, cycle=first)
    assert entry_warnings(innovation=innovation, cycle=second, today=TODAY) == []


@pytest.mark.parametrize(
    ("implemented", "warned"),
    [(datetime.date(2023, 6, 30), True), (datetime.date(2023, 7, 1), False)],
)
def test_implementation_older_than_two_years_warns(unit, implemented, warned):
    cycle = cycle_of(2025)
    innovation = approved(
        cycle, unit, trial_date=datetime.date(2023, 1, 1), implementation_date=implemented
    )
    found = codes(entry_warnings(innovation=innovation, cycle=cycle, today=TODAY))
    assert ("implementation_old" in found) is warned


def test_implementation_old_warning_writes_the_date_in_words(unit):
    cycle = cycle_of(2025)
    innovation = approved(
        cycle,
        unit,
        trial_date=datetime.date(2023, 1, 1),
        implementation_date=datetime.date(2023, 6, 30),
    )
    with translation.override("id"):
        (warning,) = entry_warnings(innovation=innovation, cycle=cycle, today=TODAY)
    assert warning.message == "Penerapannya (30 Juni 2023) sudah lebih dari dua tahun."
    with translation.override("en"):
        (warning,) = entry_warnings(innovation=innovation, cycle=cycle, today=TODAY)
    assert warning.message == "Its implementation (30 June 2023) is older than two years."


def test_entry_with_warnings_needs_confirmation(unit, admin_user):
    cycle = cycle_of(2025)
    ten_entries_of_nine(cycle, unit)
    weak = approved(cycle, unit)
    with pytest.raises(ConfirmationRequired) as refused:
        iga_entry_create(innovation=weak, cycle=cycle, by=admin_user, today=TODAY)
    assert codes(refused.value.warnings) == {"lowers_average"}
    assert not IgaEntry.objects.filter(innovation=weak).exists()
    entry = iga_entry_create(innovation=weak, cycle=cycle, by=admin_user, confirm=True, today=TODAY)
    assert entry.warnings_confirmed == ["lowers_average"]
    assert entry.reported_by == admin_user


def continued(innovation, cycle, **overrides):
    """Its entry of a later year (portfolio.continuation): the same innovation across years."""
    return approved(
        cycle,
        innovation.unit,
        predecessor=innovation,
        implementation_date=innovation.implementation_date,
        **overrides,
    )


def test_third_entry_of_a_continued_innovation_warns(unit):
    # The QA case: the 2024 archive entry reported in 2024, its 2025 continuation in 2025, then
    # the continuation again in 2026: the third time for one innovation.
    first, second, third = cycle_of(2024), cycle_of(2025), cycle_of(2026)
    archived = approved(first, unit, implementation_date=datetime.date(2025, 8, 1))
    continuation = continued(archived, second)
    IgaEntryFactory(innovation=archived, cycle=first)
    IgaEntryFactory(innovation=continuation, cycle=second)
    warnings = entry_warnings(innovation=continuation, cycle=third, today=datetime.date(2026, 7, 1))
    assert codes(warnings) == {"entered_twice"}
    with translation.override("en"):
        (warning,) = entry_warnings(
            innovation=continuation, cycle=third, today=datetime.date(2026, 7, 1)
        )
    assert warning.message == "It has already been entered 2 times in the IGA (at most twice)."


def test_later_entries_of_the_lineage_count_for_an_earlier_entry(unit):
    first, second, third = cycle_of(2024), cycle_of(2025), cycle_of(2026)
    archived = approved(first, unit, implementation_date=datetime.date(2025, 8, 1))
    continuation = continued(archived, second)
    IgaEntryFactory(innovation=continuation, cycle=second)
    IgaEntryFactory(innovation=continuation, cycle=third)
    found = codes(entry_warnings(innovation=archived, cycle=first, today=TODAY))
    assert "entered_twice" in found


def test_second_entry_of_a_continued_innovation_does_not_warn(unit):
    first, second = cycle_of(2024), cycle_of(2025)
    archived = approved(first, unit, implementation_date=datetime.date(2024, 8, 1))
    continuation = continued(archived, second)
    IgaEntryFactory(innovation=archived, cycle=first)
    assert entry_warnings(innovation=continuation, cycle=second, today=TODAY) == []


def test_entries_of_another_innovation_do_not_count(unit):
    first, second, third = cycle_of(2023), cycle_of(2024), cycle_of(2025)
    innovation = approved(first, unit, implementation_date=datetime.date(2024, 8, 1))
    other = approved(first, unit)
    IgaEntryFactory(innovation=other, cycle=first)
    IgaEntryFactory(innovation=continued(other, second), cycle=second)
    assert entry_warnings(innovation=innovation, cycle=third, today=TODAY) == []


def test_lineage_count_takes_the_same_queries_for_one_year_and_for_four(
    unit, django_assert_num_queries
):
    cycles = [cycle_of(year) for year in (2022, 2023, 2024, 2025)]
    single = approved(cycles[-1], unit)
    with CaptureQueriesContext(connection) as one:
        entry_warnings(innovation=single, cycle=cycles[-1], today=TODAY)
    entries = [approved(cycles[0], unit, implementation_date=datetime.date(2024, 8, 1))]
    for cycle in cycles[1:]:
        entries.append(continued(entries[-1], cycle))
    for entry, cycle in zip(entries[:-1], cycles[:-1], strict=True):
        IgaEntryFactory(innovation=entry, cycle=cycle)
    with django_assert_num_queries(len(one.captured_queries)):
        warnings = entry_warnings(innovation=entries[-1], cycle=cycles[-1], today=TODAY)
    assert "entered_twice" in codes(warnings)


def test_entry_of_a_continuation_reported_twice_needs_confirmation(unit, admin_user):
    first, second, third = cycle_of(2024), cycle_of(2025), cycle_of(2026)
    archived = approved(first, unit, implementation_date=datetime.date(2025, 8, 1))
    continuation = continued(archived, second)
    IgaEntryFactory(innovation=archived, cycle=first)
    IgaEntryFactory(innovation=continuation, cycle=second)
    today = datetime.date(2026, 7, 1)
    with pytest.raises(ConfirmationRequired) as refused:
        iga_entry_create(innovation=continuation, cycle=third, by=admin_user, today=today)
    assert codes(refused.value.warnings) == {"entered_twice"}
    entry = iga_entry_create(
        innovation=continuation, cycle=third, by=admin_user, confirm=True, today=today
    )
    assert entry.warnings_confirmed == ["entered_twice"]
