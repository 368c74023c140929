"""Helpers that keep long lists cheap must answer exactly what the slow way answers."""

import pytest
from django import forms
from django.urls import reverse

from innovations.templatetags.status import status_badge
from intan_banjar.links import row_url
from intan_banjar.template_library import choice_options


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


def test_choice_options_marks_the_submitted_value():
    form = ChoiceForm({"level": "2", "number": "1"})
    assert choice_options(form["level"]) == [
        ("", "All", False),
        ("1", "One", False),
        ("2", "Two", True),
    ]
    assert choice_options(form["number"]) == [(1, "One", True), (2, "Two", False)]


def test_choice_options_selects_nothing_when_nothing_was_chosen():
    form = ChoiceForm({})
    assert [selected for _v, _l, selected in choice_options(form["level"])] == [False] * 3


def test_status_badge_escapes_its_label():
    html = status_badge("draft", "<b>Draf</b>")
    assert html == '<span class="status-badge status-draft">&lt;b&gt;Draf&lt;/b&gt;</span>'
