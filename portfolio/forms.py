"""Forms of the portfolio's pages: they read input; the rules live in the services.

Field names are the API's, so a script posting to a page and the API read the same names.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Unit
from innovations.public_views import MultipleFileField
from intan_banjar.widgets import DateField

from .enums import DECREE_INDICATORS, AdopterKind, DecreeKind, MonitoringMethod


def _styled(form):
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.Select):
            widget.attrs.setdefault("class", "form-select")
        elif isinstance(widget, forms.CheckboxSelectMultiple):
            continue
        else:
            widget.attrs.setdefault("class", "form-control")


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _styled(self)


class DecreeForm(StyledForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=DecreeKind.choices)
    number = forms.CharField(label=_("Number"), max_length=120)
    issued_on = DateField(label=_("Date"))
    signatory = forms.CharField(
        label=_("Signatory"), max_length=200, help_text=_("Name and title of who signed it.")
    )
    valid_from = DateField(
        label=_("In force from"),
        required=False,
        help_text=_("Empty: from the decree's date."),
    )
    valid_until = DateField(
        label=_("In force until"),
        required=False,
        help_text=_("Empty: without an end date."),
    )
    indicator = forms.TypedChoiceField(
        label=_("IID indicator"),
        choices=[
            (16, _("16 · Regulation of the innovation")),
            (17, _("17 · Human resources (decree of the team)")),
            (23, _("23 · Implementer of the innovation")),
        ],
        coerce=int,
        initial=DECREE_INDICATORS[0],
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.FileField(
        label=_("Scanned document"),
        required=False,
        help_text=_("PDF, JPEG or PNG, at most 10 MB."),
    )

    def fields_for_service(self):
        data = dict(self.cleaned_data)
        data.pop("document", None)
        return data


class MonitoringReportForm(StyledForm):
    reported_on = DateField(label=_("Report date"))
    method = forms.ChoiceField(label=_("Method"), choices=MonitoringMethod.choices)
    beneficiaries = forms.IntegerField(label=_("Beneficiaries reached"), min_value=0)
    satisfaction_index = forms.DecimalField(
        label=_("Satisfaction survey result (0-100)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text=_("The satisfaction index (IKM) of the survey, if one was held."),
    )
    budget_realised = forms.IntegerField(
        label=_("Budget realised (rupiah)"), required=False, min_value=0
    )
    problems = forms.CharField(
        label=_("Problems"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up = forms.CharField(
        label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("PDF, JPEG, PNG, XLSX or DOCX, at most 10 MB each."),
    )

    def fields_for_service(self):
        data = dict(self.cleaned_data)
        data.pop("files", None)
        return data


class UnitCodeField(forms.CharField):
    """A unit by its code: a select of every unit would weigh hundreds of kilobytes at scale."""

    def clean(self, value):
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        unit = Unit.objects.filter(code__iexact=code).first()
        if unit is None:
            raise forms.ValidationError(_("Unknown unit “%(unit)s”."), params={"unit": code})
        return unit


class ReplicationForm(StyledForm):
    adopter_kind = forms.ChoiceField(label=_("Replicated by"), choices=AdopterKind.choices)
    adopter_unit = UnitCodeField(
        label=_("Unit code"),
        required=False,
        max_length=30,
        help_text=_("For a unit of Banjar: its code, e.g. DINKES."),
    )
    region_name = forms.CharField(
        label=_("Region"),
        required=False,
        max_length=200,
        help_text=_("For another region: its name, e.g. Kabupaten Tapin."),
    )
    region_code = forms.CharField(
        label=_("Kemendagri region code"), required=False, max_length=13, help_text="63.05"
    )
    replicated_on = DateField(label=_("Replicated on"))
    description = forms.CharField(
        label=_("What was replicated"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        help_text=_("E.g. the cooperation agreement or the other region's decree."),
    )

    def fields_for_service(self):
        data = dict(self.cleaned_data)
        data.pop("files", None)
        return data


class EvidenceReuseForm(forms.Form):
    attachments = forms.TypedMultipleChoiceField(
        label=_("Files of earlier years"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, offered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attachments"].choices = [
            (a.pk, f"{a.innovation.year} · {a.filename}") for a in offered
        ]


class ImportUploadForm(StyledForm):
    file = forms.FileField(
        label=_("Spreadsheet (.xlsx or .csv)"),
        help_text=_("One header row; the columns of the template. At most 10 MB."),
    )
