"""Helpers that keep long lists cheap must answer exactly what the slow way answers."""

import pytest
from django import forms
from django.urls import reverse

from innovations.templatetags.status import status_badge
from intan_banjar.links import row_url
from intan_banjar.template_library import select_options


@pytest.mark.parametrize("value", [1, 42, 987654])
def test_row_url_matches_reverse_for_primary_keys(value):
    assert row_url("curation:review")(value) == reverse("curation:review", args=[value])


def test_row_url_matches_reverse_for_codes():
    code = "INV-2025-0001"
    assert row_url("katalog:detail")(code) == reverse("katalog:detail", args=[code])


def test_row_url_refuses_a_view_without_an_argument():
    with pytest.raises(Exception):  # noqa: B017 - NoReverseMatch or ValueError, both refuse
        row_url("katalog:list")


class ChoiceForm(forms.Form):
    level = forms.ChoiceField(choices=[("", "All"), ("1", "One"), ("2", "Two")], required=False)
    number = forms.TypedChoiceField(choices=[(1, "One"), (2, "Two")], coerce=int)


def test_select_options_marks_the_submitted_value():
    form = ChoiceForm({"level": "2", "number": "1"})
    assert select_options(form["level"]) == (
        '<option value="">All</option><option value="1">One</option>'
        '<option value="2" selected>Two</option>'
    )
    assert select_options(form["number"]) == (
        '<option value="1" selected>One</option><option value="2">Two</option>'
    )


def test_select_options_selects_nothing_when_nothing_was_chosen():
    assert "selected" not in select_options(ChoiceForm({})["level"])


def test_select_options_renames_the_empty_choice_and_escapes_labels():
    class Labelled(forms.Form):
        kind = forms.ChoiceField(choices=[("", "---"), ("a", "<b>A</b>")], required=False)

    html = select_options(Labelled({"kind": ""})["kind"], empty_label="Semua")
    assert html == '<option value="">Semua</option><option value="a">&lt;b&gt;A&lt;/b&gt;</option>'


def test_status_badge_escapes_its_label():
    html = status_badge("draft", "<b>Draf</b>")
    assert html == '<span class="status-badge status-draft">&lt;b&gt;Draf&lt;/b&gt;</span>'
