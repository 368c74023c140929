"""The portal's form renderer draws widgets byte for byte as Django's templates do."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates
from django.test import override_settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from intan_banjar.widget_renderer import FORMATTED, PortalFormRenderer

GROUPED = [
    ("", gettext_lazy("All")),
    (gettext_lazy("Status"), [("draft", "Draft <b>"), ("submitted", gettext_lazy("Submitted"))]),
    ("Years", [(2025, 2025), (2026, 2026)]),
    ("x", "Plain & simple"),
]


class EveryWidget(forms.Form):
    text = forms.CharField(
        widget=forms.TextInput(attrs={"class": "a b", "data-x": True, "data-off": False})
    )
    quoted = forms.CharField(widget=forms.TextInput(attrs={"placeholder": 'say "hi" & <go>'}))
    number = forms.DecimalField(required=False)
    count = forms.IntegerField(widget=forms.NumberInput(attrs={"min": 0, "step": 1}))
    email = forms.EmailField(required=False)
    date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    when = forms.DateTimeField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput(render_value=True), required=False)
    hidden = forms.CharField(widget=forms.HiddenInput)
    agree = forms.BooleanField(required=False)
    upload = forms.FileField(required=False)
    search = forms.CharField(widget=forms.TextInput(attrs={"type": "search"}), required=False)
    grouped = forms.ChoiceField(choices=GROUPED, required=False)
    many = forms.MultipleChoiceField(choices=[(1, "one"), (2, "two"), (3, "three")])
    maybe = forms.NullBooleanField(required=False)
    notes = forms.CharField(widget=forms.Textarea, required=False)  # drawn by its template
    picks = forms.MultipleChoiceField(  # drawn by its template
        widget=forms.CheckboxSelectMultiple, choices=[("a", "A"), ("b", "B")], required=False
    )


DATA = {
    "text": "<script>alert(1)</script>",
    "quoted": 'O\'Brien "x"',
    "number": "1.5",
    "count": "3",
    "date": "2026-07-01",
    "when": "2026-07-01 10:30",
    "secret": "s3cr&t",
    "hidden": mark_safe("<safe>"),  # noqa: S308 - a safe value keeps its markup, as in the template
    "agree": "on",
    "grouped": "submitted",
    "many": ["1", "3"],
    "maybe": "true",
    "picks": ["b"],
}
INITIAL = {
    "date": datetime.date(2026, 7, 1),
    "when": datetime.datetime(2026, 7, 1, 10, 30, tzinfo=datetime.UTC),
    "number": Decimal("1234.5"),
    "grouped": 2026,
}


def _widgets(form):
    return [str(field) for field in form]


def _both(form_factory):
    with override_settings(FORM_RENDERER="django.forms.renderers.DjangoTemplates"):
        stock = _widgets(form_factory(DjangoTemplates()))
    return stock, _widgets(form_factory(PortalFormRenderer()))


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize(
    "make",
    [
        lambda renderer: EveryWidget(renderer=renderer),
        lambda renderer: EveryWidget(DATA, renderer=renderer),
        lambda renderer: EveryWidget(initial=INITIAL, renderer=renderer),
        lambda renderer: EveryWidget({"grouped": "nope", "many": ["9"]}, renderer=renderer),
    ],
    ids=["unbound", "bound", "initial", "invalid"],
)
def test_widgets_drawn_in_python_match_the_templates(make, language):
    with translation.override(language):
        stock, fast = _both(make)
    assert fast == stock


@pytest.mark.django_db
def test_innovation_filter_bar_matches_the_templates(client):
    """A real filter bar of the portal, as the innovation list draws it."""
    from innovations.forms import InnovationPageFilter
    from innovations.list_views import _prepare_filter_form
    from innovations.models import Innovation

    def make(renderer):
        filterset = InnovationPageFilter({"status": "draft"}, queryset=Innovation.objects.all())
        form = filterset.form
        form.renderer = renderer
        units = [("U-1", "Dinas <Satu>"), ("U-2", "Kecamatan Dua")]
        _prepare_filter_form(form, region=True, years=[(2026, 2026), (2025, 2025)], units=units)
        return form

    stock, fast = _both(make)
    assert fast == stock
    assert any("<select" in widget for widget in fast)


def test_portal_renderer_is_the_form_renderer():
    assert isinstance(forms.Form().renderer, PortalFormRenderer)


def test_templates_without_a_formatter_are_drawn_by_the_template_engine():
    form = EveryWidget(renderer=PortalFormRenderer())
    assert "django/forms/widgets/textarea.html" not in FORMATTED
    assert str(form["notes"]).startswith('<textarea name="notes"')
    assert 'type="checkbox"' in str(form["picks"])


@pytest.mark.django_db
def test_a_page_with_a_form_renders_with_the_portal_renderer(client):
    """The login form, drawn through the renderer, is still the page people sign in on."""
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert b'name="username"' in response.content
