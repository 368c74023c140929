"""Helpers that keep long lists cheap must answer exactly what the slow way answers."""

import pytest
from django import forms
from django.urls import reverse
from rest_framework import serializers

from innovations.enums import Status
from innovations.public_api import PublicInnovationSerializer, public_innovations, with_people
from innovations.templatetags.status import status_badge
from intan_banjar.links import row_url
from intan_banjar.template_library import select_options
from tests.factories import CycleFactory
from tests.innovations.factories import InnovationFactory, InnovatorFactory, PartnerFactory


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


def _plain(serializer_class):
    """The same declaration as a plain ModelSerializer: the slow way the mixin must match."""
    attrs = {**serializer_class._declared_fields, "Meta": serializer_class.Meta}
    return type(f"Plain{serializer_class.__name__}", (serializers.ModelSerializer,), attrs)


@pytest.mark.django_db
def test_built_fields_serialize_exactly_as_a_plain_model_serializer():
    cycle = CycleFactory(year=2024)
    for number in range(3):
        innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
        InnovatorFactory(innovation=innovation, name=f"Inovator {number}")
        PartnerFactory(innovation=innovation)
    rows = with_people(public_innovations())

    # One row at a time: the list serializer builds its rows without the fields
    # (`public_record`, tests/innovations/test_public_fast_paths.py).
    fast = [PublicInnovationSerializer(row).data for row in rows]
    slow = [_plain(PublicInnovationSerializer)(row).data for row in rows]

    assert len(fast) == 3 and fast == slow


def test_built_fields_are_built_once_and_copied_per_serializer(monkeypatch):
    PublicInnovationSerializer().fields  # noqa: B018 - builds the class's fields
    built = []
    monkeypatch.setattr(
        serializers.ModelSerializer, "build_field", lambda *args: built.append(args)
    )
    first, second = PublicInnovationSerializer().fields, PublicInnovationSerializer().fields

    assert built == []  # no model introspection after the first serializer
    assert first["title"] is not second["title"]
    assert first["title"].parent is not second["title"].parent
