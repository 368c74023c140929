"""Forms of the agreement pages and the compliance filters (fields named like the API's)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role, UnitKind
from accounts.fields import NIPFormField
from accounts.models import Unit
from intan_banjar.exceptions import InvalidInput
from intan_banjar.tabular import form_filters
from intan_banjar.widgets import DateField

from .compliance import NO_AGREEMENT
from .enums import AgreementStatus


class BootstrapForm(forms.Form):
    """Bootstrap 5 classes on every widget, so templates render fields without a library."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            css = "form-select" if isinstance(widget, forms.Select) else "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class PlannedTitlesField(forms.CharField):
    """One planned title per line."""

    widget = forms.Textarea(attrs={"rows": 3})

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [line.strip() for line in text.splitlines() if line.strip()]

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value


class ComplianceFilterForm(BootstrapForm):
    unit_kind = forms.ChoiceField(
        label=_("Unit kind"), required=False, choices=[("", _("All"))] + UnitKind.choices
    )
    agreement_status = forms.ChoiceField(
        label=_("Agreement"),
        required=False,
        choices=[("", _("All")), (NO_AGREEMENT, _("None"))] + AgreementStatus.choices,
    )
    met = forms.NullBooleanField(
        label=_("Commitment met"),
        required=False,
        widget=forms.Select(choices=[("", _("All")), ("true", _("Yes")), ("false", _("No"))]),
    )

    def clean_met(self):
        raw = self.data.get("met", "")
        if raw in ("", None):
            return None
        if raw in ("true", "True", "1", "yes"):
            return True
        if raw in ("false", "False", "0", "no"):
            return False
        raise forms.ValidationError(_("Give true or false."))

    @classmethod
    def filters_of(cls, params):
        """The filters in `params` (query parameters) for the API and the exports: an invalid
        value is InvalidInput (400), never a filter dropped."""
        form = cls(params)
        if not form.is_valid():
            raise InvalidInput(form.errors.as_data())
        return form.filters()

    @classmethod
    def described(cls, params):
        """(label, shown value) of the filters in `params`, for an export's title line."""
        form = cls(params)
        return form_filters(form) if form.is_valid() else []

    def filters(self):
        data = self.cleaned_data
        return {
            "unit_kind": data.get("unit_kind") or None,
            "agreement_status": data.get("agreement_status") or None,
            "met": data.get("met"),
        }


class AgreementCreateForm(BootstrapForm):
    unit = forms.ModelChoiceField(
        label=_("Unit"), queryset=Unit.objects.active(), to_field_name="code", required=False
    )
    committed_count = forms.IntegerField(label=_("Committed innovations"), min_value=1)
    planned_titles = PlannedTitlesField(label=_("Planned titles (one per line)"), required=False)


class AgreementUpdateForm(BootstrapForm):
    committed_count = forms.IntegerField(label=_("Committed innovations"), min_value=1)
    planned_titles = PlannedTitlesField(label=_("Planned titles (one per line)"), required=False)
    signatory_name = forms.CharField(label=_("Signatory's name"), max_length=200)
    signatory_nip = NIPFormField(label=_("Signatory's NIP"))
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200)


class AgreementSignForm(BootstrapForm):
    signatory_name = forms.CharField(label=_("Signatory's name"), max_length=200)
    signatory_nip = NIPFormField(label=_("Signatory's NIP"))
    signatory_title = forms.CharField(label=_("Signatory's title"), max_length=200)
    signed_on = DateField(label=_("Signed on"))
    scan = forms.FileField(
        label=_("Scan of the signed paper (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


def signatory_initial(agreement, user):
    """What the edit and sign forms start with for the signatory: never an empty form to retype.

    Per field, the first that is filled: what the draft already holds (typed by the unit, or
    copied from the unit when the draft was prepared), then the unit's reference data as it is
    now (an admin may have entered the head after the draft), then, for the unit's own head
    signing, their account's name and NIP. The head can change every value before signing.
    """
    unit = agreement.unit
    head = user if user.role == Role.HEAD and user.unit_id == agreement.unit_id else None
    sources = {
        "signatory_name": (agreement.signatory_name, unit.head_name, head and head.full_name),
        "signatory_nip": (agreement.signatory_nip, unit.head_nip, head and head.nip),
        "signatory_title": (agreement.signatory_title, unit.head_title),
    }
    return {name: next((v for v in values if v), "") for name, values in sources.items()}


class AgreementRejectForm(BootstrapForm):
    note = forms.CharField(
        label=_("Why is it sent back?"), widget=forms.Textarea(attrs={"rows": 2})
    )
