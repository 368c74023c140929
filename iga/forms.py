"""Forms of the IGA pages: they parse input; the rules live in `iga.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .enums import LEVELS, REGION_INDICATORS, NationalStatus

LEVEL_CHOICES = [(level, str(level)) for level in LEVELS]


def level_field_name(number):
    return f"level_{number}"


def note_field_name(number):
    return f"note_{number}"


class ReadinessForm(forms.Form):
    """One level (0-3) and note per indicator of the innovation's cycle catalogue."""

    def __init__(self, *args, readiness, **kwargs):
        super().__init__(*args, **kwargs)
        self.readiness = readiness
        for row in readiness.rows:
            self.fields[level_field_name(row.number)] = forms.TypedChoiceField(
                label=row.indicator.name,
                choices=LEVEL_CHOICES,
                coerce=int,
                initial=row.level,
                widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
            )
            self.fields[note_field_name(row.number)] = forms.CharField(
                label=_("Note"),
                required=False,
                initial=row.note,
                widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
            )

    def rows(self):
        """(readiness row, level field, note field) for the template."""
        return [
            (row, self[level_field_name(row.number)], self[note_field_name(row.number)])
            for row in self.readiness.rows
        ]

    def levels(self):
        return [
            {
                "number": row.number,
                "level": self.cleaned_data[level_field_name(row.number)],
                "note": self.cleaned_data[note_field_name(row.number)],
            }
            for row in self.readiness.rows
        ]


class RegionIndicatorForm(forms.Form):
    number = forms.TypedChoiceField(
        label=_("Indicator"),
        choices=[(n, str(n)) for n in REGION_INDICATORS],
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    name = forms.CharField(
        label=_("Name"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    value = forms.DecimalField(
        label=_("Score (0-100)"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=0,
        decimal_places=2,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "form-control", "step": "0.01"}),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    evidence_link = forms.URLField(
        label=_("Evidence link"),
        required=False,
        widget=forms.URLInput(attrs={"class": "form-control"}),
    )


class EntryStatusForm(forms.Form):
    national_status = forms.ChoiceField(choices=NationalStatus.choices)
