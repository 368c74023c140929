"""Forms of the portal's user pages: the account form with a unit search, and the list filters.

The unit is chosen by typing part of its name (`UnitSearchWidget`, static/js/unit-search.js):
the regency has 72 units and a bench installation thousands, too many for a plain select.
"""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .enums import Role
from .fields import NIPFormField, PhoneFormField
from .forms import BootstrapMixin
from .models import Unit


class UnitSearchWidget(forms.Widget):
    """A text box that searches units as one types; the chosen unit's id goes in a hidden input."""

    template_name = "accounts/widgets/unit_search.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        unit = Unit.objects.filter(pk=value).first() if str(value or "").isdigit() else None
        context["widget"]["unit_label"] = unit.name if unit else ""
        context["widget"]["value"] = unit.pk if unit else ""
        context["widget"]["search_url"] = reverse("unit_search")
        # Django's accessibility attributes (help text, errors) belong on the visible text box.
        attrs = context["widget"]["attrs"]
        attrs["aria_describedby"] = attrs.pop("aria-describedby", "")
        attrs["aria_invalid"] = attrs.pop("aria-invalid", "")
        return context

    def value_from_datadict(self, data, files, name):
        return data.get(name) or None


def unit_field(queryset=None, **kwargs):
    return forms.ModelChoiceField(
        queryset=Unit.objects.all() if queryset is None else queryset,
        widget=UnitSearchWidget,
        required=False,
        **kwargs,
    )


class UserForm(BootstrapMixin, forms.Form):
    """An account as an administrator fills it in; the e-mail only when creating (it is how the
    person signs in, and where the invitation goes)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    full_name = forms.CharField(label=_("Full name"), max_length=200)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    # People join active units only (the search box offers no other); the list filters by any.
    unit = unit_field(
        Unit.objects.active(),
        label=_("Unit"),
        help_text=_("Required for operators and unit heads."),
    )
    is_lead = forms.BooleanField(label=_("Lead curator"), required=False)
    nip = NIPFormField(required=False)
    phone = PhoneFormField(required=False)

    def __init__(self, *args, user=None, role_locked=False, **kwargs):
        self.user = user
        if user is not None:
            kwargs.setdefault(
                "initial",
                {
                    "full_name": user.full_name,
                    "role": user.role,
                    "unit": user.unit_id,
                    "is_lead": user.is_lead,
                    "nip": user.nip,
                    "phone": user.phone,
                },
            )
        super().__init__(*args, **kwargs)
        if user is not None:
            del self.fields["email"]
        # An administrator's own role is shown, not offered (accounts.rules.may_change_role_of).
        self.fields["role"].disabled = role_locked

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()


class UserFilterForm(forms.Form):
    """The users list's search and filters (all optional; a wrong value is ignored)."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=[("", _("All roles")), *Role.choices]
    )
    unit = unit_field(label=_("Unit"))
    active = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All")), ("1", _("Active")), ("0", _("Deactivated"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs["class"] = css

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.search(data["q"])
        if data["role"]:
            queryset = queryset.filter(role=data["role"])
        if data["unit"]:
            queryset = queryset.filter(unit=data["unit"])
        if data["active"]:
            queryset = queryset.filter(is_active=data["active"] == "1")
        return queryset
