"""The compliance table's fast paths give exactly what the straightforward code gave.

`compliance_rows` decides the shared row tail once (agreements.compliance._tails), the API
builds its row dicts directly (`compliance_rows_data`) and the page formats its rows with the
standard library's escaping (`compliance_table_rows`). Each is compared here with the code it
replaced, kept below as the reference, on units of every kind of row: with and without an
agreement of each status, with and without innovations, retired, with HTML in their names.
"""

import json

import pytest
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from rest_framework.renderers import JSONRenderer

from accounts.enums import UnitKind
from agreements.compliance import (
    COUNTS,
    ComplianceRow,
    _innovation_counts,
    compliance_rows,
    compliance_totals,
    cycle_counts,
)
from agreements.enums import SIGNED_STATUSES, AgreementStatus, Colour, Fulfilment
from agreements.models import Agreement, cycle_has_ended, fulfilment_for
from agreements.serializers import ComplianceRowSerializer, compliance_rows_data
from agreements.templatetags.agreements import _ROW, agreement_badge, compliance_table_rows
from innovations.enums import Status
from intan_banjar.choices import translated_labels
from intan_banjar.links import row_url
from tests.factories import UnitFactory

from .conftest import AFTER_CYCLE
from .factories import AgreementFactory, InnovationFactory


def reference_rows(cycle, *, user=None, unit_kind=None, agreement_status=None, met=None):
    """The row tuples as `compliance_rows` built them one unit at a time before the tails."""
    from accounts.models import Unit

    units = Unit.objects.order_by("kind", "name", "pk").values_list(
        "pk", "code", "name", "kind", "active"
    )
    own_unit_only = user is not None and not user.sees_region
    if own_unit_only:
        units = units.filter(pk=user.unit_id)
    if unit_kind:
        units = units.filter(kind=unit_kind)
    agreements = Agreement.objects.filter(cycle=cycle)
    if own_unit_only:
        agreements = agreements.filter(unit_id=user.unit_id)
    by_unit = {
        a["unit_id"]: a for a in agreements.values("unit_id", "id", "status", "committed_count")
    }
    columns = _innovation_counts(cycle, [user.unit_id]) if own_unit_only else cycle_counts(cycle)
    counts = {
        unit_id: dict(zip(COUNTS, tally, strict=True))
        for unit_id, *tally in zip(*columns, strict=True)
    }
    ended = cycle_has_ended(cycle)
    values = []
    for unit_id, code, name, kind, active in units:
        agreement = by_unit.get(unit_id)
        tally = counts.get(unit_id, dict.fromkeys(COUNTS, 0))
        if not active and agreement is None and unit_id not in counts:
            continue
        status = agreement["status"] if agreement else None
        if agreement_status == "none" and status is not None:
            continue
        if agreement_status and agreement_status != "none" and status != agreement_status:
            continue
        committed = agreement["committed_count"] if agreement else cycle.min_innovations_per_unit
        approved = tally["approved"]
        is_met = approved >= committed
        if met is not None and is_met != met:
            continue
        if is_met:
            colour = Colour.GREEN
        elif status not in SIGNED_STATUSES or ended:
            colour = Colour.RED
        else:
            colour = Colour.AMBER
        values.append(
            (
                code,
                name,
                kind,
                active,
                agreement["id"] if agreement else None,
                status,
                committed,
                tally["drafted"],
                tally["submitted"],
                approved,
                tally["launched"],
                is_met,
                colour,
                fulfilment_for(cycle, committed, approved) if status else None,
            )
        )
    return values


def reference_totals(values):
    rows = [ComplianceRow(*value) for value in values]
    return {
        **{
            field: sum(getattr(row, field) for row in rows)
            for field in ("committed", "drafted", "submitted", "approved", "launched")
        },
        "units": len(rows),
        "met": sum(row.met for row in rows),
        "signed": sum(row.agreement_status in SIGNED_STATUSES for row in rows),
        **{colour: sum(row.colour == colour for row in rows) for colour in Colour.values},
    }


def reference_table_rows(rows):
    """`compliance_table_rows` as it was, through `format_html_join`."""
    kinds = translated_labels(UnitKind)
    colours = translated_labels(Colour)
    statuses = translated_labels(AgreementStatus)
    fulfilments = translated_labels(Fulfilment)
    inactive = format_html(" · {}", gettext("inactive"))
    yes, no = gettext("Yes"), gettext("No")
    no_agreement = agreement_badge(None)
    return format_html_join(
        "",
        _ROW,
        (
            {
                "colour": row.colour,
                "unit": row.unit,
                "unit_name": row.unit_name,
                "unit_kind": kinds[row.unit_kind],
                "inactive": "" if row.unit_active else inactive,
                "agreement": (
                    format_html(
                        '<a href="{}">{}</a>',
                        row.agreement_url,
                        agreement_badge(row.agreement_status, statuses[row.agreement_status]),
                    )
                    if row.agreement_url
                    else no_agreement
                ),
                "fulfilment": (
                    format_html('<div class="small">{}</div>', fulfilments[row.fulfilment])
                    if row.fulfilment
                    else ""
                ),
                "committed": row.committed,
                "drafted": row.drafted,
                "submitted": row.submitted,
                "approved": row.approved,
                "launched": row.launched,
                "met": yes if row.met else no,
                "colour_label": colours[row.colour],
            }
            for row in rows
        ),
    )


@pytest.fixture
def varied(cycle, only_test_units):
    """Units of every kind of row; the cycle asks for two innovations a unit."""
    cycle.min_innovations_per_unit = 2
    cycle.save()
    units = [
        UnitFactory(name='Dinas <b>"Uji"</b> & Co\'s ' + "panjang " * 20),
        UnitFactory(name="Kecamatan Martapura", kind=UnitKind.KECAMATAN),
        UnitFactory(name="Puskesmas Gambut", kind=UnitKind.PUSKESMAS),
        UnitFactory(name="Dinas tanpa apa-apa"),
        UnitFactory(name="Dinas lama tanpa catatan", active=False),
        UnitFactory(name="Dinas lama dengan inovasi", active=False),
        UnitFactory(name="Dinas lama dengan perjanjian", active=False),
        UnitFactory(name="Dinas <script>", kind=UnitKind.KECAMATAN),
    ]
    statuses = [
        AgreementStatus.DRAFT,
        AgreementStatus.SIGNED,
        AgreementStatus.VERIFIED,
        None,
        None,
        None,
        AgreementStatus.SIGNED,
        AgreementStatus.VERIFIED,
    ]
    approved = [0, 1, 3, 0, 0, 1, 0, 2]
    for unit, status, count in zip(units, statuses, approved, strict=True):
        if status:
            AgreementFactory(unit=unit, cycle=cycle, committed_count=2, status=status)
        for _ in range(count):
            InnovationFactory(cycle=cycle, unit=unit, status=Status.APPROVED)
    for status in (Status.DRAFT, Status.SUBMITTED, Status.LAUNCHED, Status.WITHDRAWN):
        InnovationFactory(cycle=cycle, unit=units[1], status=status)
    InnovationFactory(cycle=cycle, unit=units[5], status=Status.DRAFT)
    return units


FILTERS = [
    {},
    {"unit_kind": UnitKind.KECAMATAN},
    {"agreement_status": "none"},
    {"agreement_status": AgreementStatus.SIGNED},
    {"agreement_status": AgreementStatus.DRAFT},
    {"met": True},
    {"met": False},
    {"agreement_status": "none", "met": False},
    {"agreement_status": AgreementStatus.VERIFIED, "met": True, "unit_kind": UnitKind.KECAMATAN},
]


@pytest.mark.parametrize("after_cycle", [False, True])
@pytest.mark.parametrize("filters", FILTERS)
def test_rows_and_totals_as_the_reference(varied, cycle, during_cycle, after_cycle, filters):
    if after_cycle:
        during_cycle.move_to(AFTER_CYCLE)

    rows = compliance_rows(cycle, **filters)
    expected = reference_rows(cycle, **filters)

    assert rows.values() == expected
    assert [tuple(vars(row).values()) for row in rows] == expected
    assert rows[1:3] == [ComplianceRow(*value) for value in expected[1:3]]
    assert compliance_totals(rows) == reference_totals(expected)
    assert list(compliance_totals(rows)) == list(reference_totals(expected))


def test_rows_of_unit_staff_as_the_reference(varied, cycle, head, operator):
    for user in (head, operator):
        assert compliance_rows(cycle, user=user).values() == reference_rows(cycle, user=user)


def test_empty_totals_as_the_reference(varied, cycle):
    rows = compliance_rows(cycle, unit_kind=UnitKind.KELURAHAN)

    assert len(rows) == 0
    assert compliance_totals(rows) == reference_totals([])


@pytest.mark.parametrize("after_cycle", [False, True])
def test_api_rows_as_the_serializer(varied, cycle, during_cycle, after_cycle):
    if after_cycle:
        during_cycle.move_to(AFTER_CYCLE)
    rows = list(compliance_rows(cycle))

    data = compliance_rows_data(rows)
    expected = ComplianceRowSerializer(rows, many=True).data

    assert data == expected
    assert JSONRenderer().render(data) == JSONRenderer().render(expected)
    assert {type(row["colour"]) for row in data} == {str}
    assert varied[0].name in {row["unit_name"] for row in json.loads(JSONRenderer().render(data))}


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("after_cycle", [False, True])
def test_table_rows_as_the_template_tag_was(varied, cycle, during_cycle, language, after_cycle):
    if after_cycle:
        during_cycle.move_to(AFTER_CYCLE)
    rows = compliance_rows(cycle)[:]
    url = row_url("agreements:detail")
    for row in rows:
        row.agreement_url = url(row.agreement_id) if row.agreement_id else None

    with translation.override(language):
        html = compliance_table_rows(rows)
        expected = reference_table_rows(rows)

    assert html == expected
    assert hasattr(html, "__html__")
    assert "&lt;script&gt;" in html
    assert "&lt;b&gt;&quot;Uji&quot;&lt;/b&gt; &amp; Co&#x27;s" in html


def test_counts_are_columns_of_the_cycles_units(varied, cycle):
    ids, drafted, submitted, approved, launched = cycle_counts(cycle)
    by_unit = dict(zip(ids, zip(drafted, submitted, approved, launched, strict=True), strict=True))

    assert by_unit[varied[1].pk] == (4, 3, 2, 1)  # approved, draft, submitted, launched
    assert by_unit[varied[5].pk] == (2, 1, 1, 0)
    assert varied[3].pk not in by_unit
    assert _innovation_counts(cycle, [varied[3].pk]) == ([], [], [], [], [])
