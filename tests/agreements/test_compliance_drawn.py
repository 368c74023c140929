"""What the compliance page draws once and keeps: a page of the table with its rows
(`ComplianceRows.drawn`), the fields of a valid filter form per language and values."""

import pytest
from django.core.paginator import Paginator
from django.template.loader import get_template
from django.utils import translation

from agreements.compliance import compliance_rows, compliance_totals
from agreements.enums import AgreementStatus
from agreements.forms import ComplianceFilterForm
from agreements.templatetags.agreements import (
    compliance_filter_fields,
    compliance_table,
)
from intan_banjar.links import row_url
from tests.factories import UnitFactory

from .factories import AgreementFactory

COMPLIANCE = "/compliance/?year=2025"


def fresh_table(rows, number, language):
    """The legend and table as the page drew them with its template, before they were kept."""
    page = Paginator(rows, 2).get_page(number)
    shown = list(page.object_list)
    link = row_url("agreements:detail")
    for row in shown:
        row.agreement_url = link(row.agreement_id) if row.agreement_id else None
    with translation.override(language):
        return get_template("agreements/_compliance_table.html").render(
            {"rows": shown, "totals": compliance_totals(rows)}
        )


@pytest.mark.parametrize("language", ["id", "en"])
def test_a_page_of_the_table_is_drawn_once_per_language(
    only_test_units, cycle, unit, other_unit, language
):
    agreement = AgreementFactory(unit=unit, cycle=cycle, status=AgreementStatus.SIGNED)
    UnitFactory()  # a third unit: a second page
    rows = compliance_rows(cycle)

    with translation.override(language):
        drawn = compliance_table(Paginator(rows, 2).get_page(1))
        again = compliance_table(Paginator(compliance_rows(cycle), 2).get_page(1))
        second = compliance_table(Paginator(rows, 2).get_page(2))
    with translation.override("en" if language == "id" else "id"):
        other = compliance_table(Paginator(rows, 2).get_page(1))

    assert drawn == fresh_table(rows, 1, language)
    assert second == fresh_table(rows, 2, language)
    assert again is drawn  # kept with the rows
    assert other != drawn and second != drawn
    assert f'<a href="/agreements/{agreement.pk}/">' in drawn + second
    assert 'id="compliance-totals"' in drawn


def test_an_empty_page_says_no_unit_matches(cycle, unit):
    rows = compliance_rows(cycle, agreement_status=AgreementStatus.VERIFIED)

    with translation.override("en"):
        drawn = compliance_table(Paginator(rows, 100).get_page(1))

    assert "No unit matches these filters." in drawn
    assert drawn == fresh_table(rows, 1, "en")


def fresh_fields(form):
    return get_template("agreements/_compliance_filters.html").render({"form": form})


VALUES = [
    {},
    {"unit_kind": "kecamatan"},
    {"agreement_status": "none", "met": "false"},
    {"agreement_status": "signed", "met": "true", "unit_kind": "desa"},
    {"met": "0"},  # valid, but no option says "0": none is selected
    {"met": "yes"},
]


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("values", VALUES)
def test_valid_filter_fields_are_drawn_once_as_the_template_draws_them(language, values):
    with translation.override(language):
        drawn = compliance_filter_fields(ComplianceFilterForm(values))
        again = compliance_filter_fields(ComplianceFilterForm(dict(values)))
        expected = fresh_fields(ComplianceFilterForm(values))

    assert drawn == expected
    assert again is drawn
    for name, value in values.items():
        if value in ("kecamatan", "none", "false", "signed", "true", "desa"):
            assert f'<option value="{value}" selected>' in drawn, name


def test_filter_fields_differ_by_language_and_values():
    with translation.override("id"):
        indonesian = compliance_filter_fields(ComplianceFilterForm({}))
        district = compliance_filter_fields(ComplianceFilterForm({"unit_kind": "kecamatan"}))
    with translation.override("en"):
        english = compliance_filter_fields(ComplianceFilterForm({}))

    assert "Jenis unit" in indonesian and "Unit kind" in english
    assert district != indonesian


def test_a_form_with_errors_is_drawn_each_time_with_its_errors():
    with translation.override("en"):
        form = ComplianceFilterForm({"met": "maybe"})
        assert not form.is_valid()
        drawn = compliance_filter_fields(form)
        again = compliance_filter_fields(ComplianceFilterForm({"met": "perhaps"}))
        expected = fresh_fields(form)

    assert drawn == expected
    assert 'aria-invalid="true"' in drawn and "Give true or false." in drawn
    assert again is not drawn


def test_the_page_shows_the_chosen_filters(login, curator, cycle):
    client = login(curator)
    client.get(COMPLIANCE)

    body = client.get(COMPLIANCE + "&agreement_status=signed").content.decode()

    assert '<option value="signed" selected>' in body
    assert '<option value="" selected>' in body  # unit kind and met: "All"
