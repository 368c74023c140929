"""Every rule of the IGA services, called directly: what each refuses and what it keeps."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from iga import rules_services, services
from iga.enums import NationalStatus
from iga.models import IgaEntry, IidRules, Indicator, IndicatorScore, PublishedIndex
from innovations.enums import Status
from tests.innovations.factories import PDF_BYTES

from .factories import IgaEntryFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 7, 1)


@pytest.fixture
def cycle():
    return cycle_of(2025)


@pytest.fixture
def innovation(cycle, unit):
    return approved(cycle, unit)


def indicator(cycle, number):
    return Indicator.objects.get(cycle=cycle, number=number)


# --- levels ---------------------------------------------------------------------------------------


def test_level_set_refusals(innovation, cycle, operator, leader):
    with pytest.raises(PermissionDenied):
        services.indicator_level_set(
            innovation=innovation, indicator=indicator(cycle, 20), level=1, by=leader
        )
    with pytest.raises(ValidationError) as region:
        services.indicator_level_set(
            innovation=innovation, indicator=indicator(cycle, 3), level=1, by=operator
        )
    assert "indicator" in region.value.message_dict
    with pytest.raises(ValidationError) as level:
        services.indicator_level_set(
            innovation=innovation, indicator=indicator(cycle, 20), level=4, by=operator
        )
    assert "level" in level.value.message_dict


def test_levels_set_skips_what_did_not_change(innovation, operator):
    first = services.indicator_levels_set(
        innovation=innovation, levels=[{"number": 20, "level": 2, "note": "2×"}], by=operator
    )
    assert len(first) == 1
    again = services.indicator_levels_set(
        innovation=innovation,
        levels=[{"number": 20, "level": 2, "note": "2×"}, {"number": 21, "level": 1}],
        by=operator,
    )
    assert [s.indicator.number for s in again] == [21]
    kept = services.indicator_levels_set(
        innovation=innovation, levels=[{"number": 20, "level": 3}], by=operator
    )
    assert kept[0].note == "2×"  # a level sent without a note keeps the note


def test_levels_set_refuses_region_and_unknown_numbers(innovation, operator):
    with pytest.raises(ValidationError) as refused:
        services.indicator_levels_set(
            innovation=innovation,
            levels=[{"number": 3, "level": 1}, {"number": 77, "level": 1}],
            by=operator,
        )
    assert "3, 77" in str(refused.value.message_dict["levels"])
    assert not IndicatorScore.objects.exists()


# --- the catalogue --------------------------------------------------------------------------------


def test_catalogue_update(cycle, admin_user, curator):
    with pytest.raises(PermissionDenied):
        services.indicator_catalogue_update(cycle=cycle, rows=[{"number": 35}], by=curator)
    with pytest.raises(ValidationError):
        services.indicator_catalogue_update(cycle=cycle, rows=[{"number": 99}], by=admin_user)
    with pytest.raises(ValidationError):
        services.indicator_catalogue_update(
            cycle=cycle, rows=[{"number": 35, "part": "region"}], by=admin_user
        )
    with pytest.raises(ValidationError):
        services.indicator_catalogue_update(
            cycle=cycle, rows=[{"number": 35, "effort_per_level": 0}], by=admin_user
        )
    rows = services.indicator_catalogue_update(
        cycle=cycle,
        rows=[{"number": 1, "weight": Decimal("1.5"), "part": "region", "evidence_1": "Bukti"}],
        by=admin_user,
    )
    region = next(i for i in rows if i.number == 1)
    assert (region.weight, region.max_score, region.evidence_1) == (
        Decimal("1.5"),
        Decimal("4.5"),
        "Bukti",
    )


# --- entries --------------------------------------------------------------------------------------


def test_entry_create_refusals(cycle, unit, admin_user, curator):
    draft = approved(cycle, unit, status=Status.DRAFT)
    later = approved(cycle_of(2026), unit)
    fine = approved(cycle, unit)
    with pytest.raises(PermissionDenied):
        services.iga_entry_create(innovation=fine, cycle=cycle, by=curator, today=TODAY)
    with pytest.raises(ValidationError):
        services.iga_entry_create(innovation=draft, cycle=cycle, by=admin_user, today=TODAY)
    with pytest.raises(ValidationError):
        services.iga_entry_create(innovation=later, cycle=cycle, by=admin_user, today=TODAY)
    entry = services.iga_entry_create(innovation=fine, cycle=cycle, by=admin_user, today=TODAY)
    assert entry.warnings_confirmed == []
    with pytest.raises(ValidationError):
        services.iga_entry_create(innovation=fine, cycle=cycle, by=admin_user, today=TODAY)


def test_entry_warning_scores_with_the_reporting_cycles_rules(cycle, unit, admin_user):
    # Ten entries at 9 (16 at level 3): SID = 90 ÷ 10 + 6 = 15. One more at 1 (20 at level 1):
    # 91 ÷ 11 + 6 = 14.27: it lowers SID, and the warning says so with the index.
    for _n in range(10):
        IgaEntryFactory(innovation=give_levels(approved(cycle, unit), {16: 3}), cycle=cycle)
    weak = give_levels(approved(cycle, unit), {20: 1})
    with pytest.raises(services.ConfirmationRequired) as refused:
        services.iga_entry_create(innovation=weak, cycle=cycle, by=admin_user, today=TODAY)
    message = refused.value.warnings[0].message
    assert "15,00" in message and "14,27" in message  # the Indonesian interface's decimal comma


def test_entry_status_and_delete(cycle, innovation, admin_user, leader):
    entry = IgaEntryFactory(innovation=innovation, cycle=cycle)
    with pytest.raises(PermissionDenied):
        services.iga_entry_set_status(entry=entry, national_status="accepted", by=leader)
    with pytest.raises(ValidationError):
        services.iga_entry_set_status(entry=entry, national_status="lost", by=admin_user)
    services.iga_entry_set_status(
        entry=entry, national_status=NationalStatus.ACCEPTED, by=admin_user
    )
    assert IgaEntry.objects.get(pk=entry.pk).national_status == NationalStatus.ACCEPTED
    with pytest.raises(PermissionDenied):
        services.iga_entry_delete(entry=entry, by=leader)
    services.iga_entry_delete(entry=entry, by=admin_user)
    assert not IgaEntry.objects.filter(pk=entry.pk).exists()


# --- region levels --------------------------------------------------------------------------------


def test_region_level_with_file_link_or_nothing(cycle, admin_user, curator):
    with pytest.raises(PermissionDenied):
        services.region_indicator_save(cycle=cycle, number=8, level=3, by=curator)
    with pytest.raises(ValidationError) as level:
        services.region_indicator_save(cycle=cycle, number=8, level="tiga", by=admin_user)
    assert "level" in level.value.message_dict
    with pytest.raises(ValidationError) as upload:
        services.region_indicator_save(
            cycle=cycle,
            number=8,
            level=3,
            by=admin_user,
            evidence_file=SimpleUploadedFile("lhp.exe", b"MZ\x90\x00binary", "application/pdf"),
        )
    assert "evidence_file" in upload.value.message_dict
    saved = services.region_indicator_save(
        cycle=cycle,
        number=8,
        level="3",
        by=admin_user,
        evidence_file=SimpleUploadedFile("lhp.pdf", PDF_BYTES, "application/pdf"),
        note="WTP",
    )
    assert (saved.level, saved.evidence_filename, saved.note) == (3, "lhp.pdf", "WTP")
    relinked = services.region_indicator_save(
        cycle=cycle, number=8, level=2, by=admin_user, evidence_link="https://example.org/a.pdf"
    )
    assert relinked.pk == saved.pk and relinked.has_evidence and relinked.level == 2
    with pytest.raises(ValidationError):
        services.region_indicator_save(
            cycle=cycle, number=9, level=1, by=admin_user, evidence_link="not a link"
        )


# --- rules and published indices (iga.rules_services) --------------------------------------------


def test_rules_update_refusals(cycle, admin_user, curator):
    with pytest.raises(PermissionDenied):
        rules_services.rules_update(cycle=cycle, by=curator, min_divisor=5)
    refused = [
        {"min_divisor": "x"},
        {"min_divisor": 0},
        {"min_divisor": 2.5},
        {"bands": []},
        {"bands": ["x"]},
        {"bands": [{"category": "hebat", "min": 0, "max": 1}]},
        {"bands": [{"category": "inovatif", "min": 0, "max": 1}] * 2},
        {"bands": [{"category": "inovatif", "min": 10, "max": 5}]},
        {"bands": [{"category": "inovatif", "min": 0, "max": 101}]},
        {
            "bands": [
                {"category": "inovatif", "min": 30, "max": 60},
                {"category": "sangat_inovatif", "min": 60, "max": 100},
            ]
        },
        {"count_brackets": []},
        {"count_brackets": [3]},
        {"count_brackets": [{"min": 0, "max": None, "points": 1}, {"min": 5, "points": 2}]},
        {"count_brackets": [{"min": 5, "max": 2, "points": 1}]},
        {"count_brackets": [{"min": 0, "max": 3, "points": -1}]},
    ]
    for changes in refused:
        with pytest.raises(ValidationError):
            rules_services.rules_update(cycle=cycle, by=admin_user, **changes)
    cycle.refresh_from_db()
    assert cycle.iid_min_divisor == 10 and cycle.iga_bands[0]["min"] == 65.01


def test_rules_update_creates_missing_rules_and_keeps_the_rest(cycle, admin_user):
    IidRules.objects.filter(cycle=cycle).delete()
    _cycle, rules = rules_services.rules_update(
        cycle=cycle, by=admin_user, count_brackets_confirmed=True, min_divisor_confirmed=True
    )
    assert rules.edition == "2025" and rules.count_brackets == []
    assert rules.count_brackets_confirmed and rules.min_divisor_confirmed


def test_rules_reload_and_indicator_create_refusals(cycle, admin_user, curator):
    with pytest.raises(PermissionDenied):
        rules_services.rules_reload(cycle=cycle, edition="2023", by=curator)
    with pytest.raises(ValidationError):
        rules_services.rules_reload(cycle=cycle, edition="2019", by=admin_user)
    for row in (
        {"number": 0, "part": "region", "name": "x", "weight": 1},
        {"number": 40, "part": "other", "name": "x", "weight": 1},
        {"number": 35, "part": "innovation", "name": "x", "weight": 1},
        {"number": 40, "part": "innovation", "name": "x", "weight": "berat"},
        {"number": 40, "part": "innovation", "name": "", "weight": 1},
    ):
        with pytest.raises(ValidationError):
            rules_services.indicator_create(cycle=cycle, row=row, by=admin_user)
    with pytest.raises(ValidationError):
        rules_services.indicator_delete(cycle=cycle, number=77, by=admin_user)


def test_an_indicator_with_only_level_0_recorded_can_go(cycle, innovation, admin_user):
    IndicatorScore.objects.create(innovation=innovation, indicator=indicator(cycle, 26), level=0)
    rules_services.indicator_delete(cycle=cycle, number=26, by=admin_user)
    assert not Indicator.objects.filter(cycle=cycle, number=26).exists()


def test_published_index_rules(admin_user, leader):
    with pytest.raises(PermissionDenied):
        rules_services.published_index_save(year=2024, index=60, predicate="inovatif", by=leader)
    with pytest.raises(ValidationError):
        rules_services.published_index_save(year=2024, index=60, predicate="x", by=admin_user)
    with pytest.raises(ValidationError):
        rules_services.published_index_save(year=1990, index=60, predicate="x", by=admin_user)
    row = rules_services.published_index_save(
        year=2024, index="60.015", predicate="sangat_inovatif", by=admin_user
    )
    assert row.index == Decimal("60.02") and row.entered_by == admin_user
    with pytest.raises(PermissionDenied):
        rules_services.published_index_delete(year=2024, by=leader)
    rules_services.published_index_delete(year=2024, by=admin_user)
    assert not PublishedIndex.objects.filter(year=2024).exists()
