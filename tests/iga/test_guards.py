"""Warnings before an innovation is marked as reported: they need a confirmation, not a fix."""

import datetime

import pytest
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
