"""The portal's cycle form: dates as date pickers that show the saved value, reminder offsets as
a list of days, IGA bands as a row of numbers per category. It only shapes the input; the rules
(dates in order, whole days, numeric bands) are `Cycle.clean`'s, applied by `cycle_services`."""

import re

from django import forms
from django.forms.models import fields_for_model
from django.utils.translation import gettext_lazy as _

from accounts.forms import BootstrapMixin

from .models import Cycle

DATE_FIELDS = [
    "submission_opens",
    "submission_deadline",
    "agreement_deadline",
    "curation_deadline",
    "launch_date",
]
NUMBER_FIELDS = [
    "min_innovations_per_unit",
    "reminder_send_time",
    "review_overdue_days",
    "revision_pending_days",
    "iid_min_divisor",
]
SWITCHES = ["head_approval_required", "publish_decisions_together"]


def date_input():
    # ISO format: what <input type="date"> needs to show a saved value.
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DayListField(forms.CharField):
    """Days written as "30, 14, 7, 1" (spaces or commas); cleaned to [30, 14, 7, 1]."""

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(str(day) for day in value)
        return value

    def to_python(self, value):
        text = super().to_python(value)
        parts = [part for part in re.split(r"[\s,;]+", text) if part]
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Write whole numbers of days separated by commas, e.g. 30, 14, 7, 1.")
            )
        return sorted({int(part) for part in parts}, reverse=True)


class CycleFields(forms.Form):
    """The fields of a cycle, made per form: the year only when creating, a pair of numbers per
    IGA band of the cycle when editing."""

    def __init__(self, *args, cycle=None, **kwargs):
        self.cycle = cycle
        if cycle is not None:
            kwargs.setdefault("initial", values_of(cycle))
        super().__init__(*args, **kwargs)
        self.fields.update(self.cycle_fields())

    def names(self):
        return ([] if self.cycle else ["year"]) + DATE_FIELDS + NUMBER_FIELDS + SWITCHES

    def bands(self):
        return list(self.cycle.iga_bands or []) if self.cycle else []

    def cycle_fields(self):
        widgets = {name: date_input() for name in DATE_FIELDS}
        widgets["reminder_send_time"] = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
        fields = fields_for_model(Cycle, fields=self.names(), widgets=widgets)
        fields["reminder_offsets_days"] = DayListField(
            label=_("Reminders (days before each deadline)"),
            required=False,
            help_text=_("Separate the days with commas, e.g. 30, 14, 7, 1."),
        )
        for index, band in enumerate(self.bands()):
            name = band.get("label") or band.get("category") or str(index + 1)
            fields[f"band_{index}_min"] = band_field(_("%(band)s: from") % {"band": name})
            fields[f"band_{index}_max"] = band_field(_("%(band)s: to") % {"band": name})
        if self.cycle is not None:
            fields["reset_bands"] = forms.BooleanField(
                label=_("Use the year's published IGA bands instead"), required=False
            )
        return fields


def band_field(label):
    return forms.DecimalField(label=label, max_digits=6, decimal_places=2, min_value=0)


def values_of(cycle):
    """A saved cycle as the form's initial values."""
    names = DATE_FIELDS + NUMBER_FIELDS + SWITCHES + ["reminder_offsets_days"]
    values = {name: getattr(cycle, name) for name in names}
    for index, band in enumerate(cycle.iga_bands or []):
        values[f"band_{index}_min"] = band.get("min")
        values[f"band_{index}_max"] = band.get("max")
    return values


class CycleForm(BootstrapMixin, CycleFields):
    """Create (with the year) or edit (the year stays) one cycle."""

    @property
    def date_fields(self):
        return [self[name] for name in DATE_FIELDS]

    @property
    def setting_fields(self):
        return [self[name] for name in NUMBER_FIELDS + ["reminder_offsets_days"]]

    @property
    def switch_fields(self):
        return [self[name] for name in SWITCHES]

    @property
    def band_fields(self):
        return [
            (band, self[f"band_{index}_min"], self[f"band_{index}_max"])
            for index, band in enumerate(self.bands())
        ]

    def cycle_values(self):
        """The cleaned input as the services take it (`Cycle` field names)."""
        data = self.cleaned_data
        values = {name: data[name] for name in self.names()}
        values["reminder_offsets_days"] = data["reminder_offsets_days"]
        if self.cycle is not None:
            values["iga_bands"] = (
                []
                if data.get("reset_bands")
                else [
                    {
                        **band,
                        "min": float(data[f"band_{index}_min"]),
                        "max": float(data[f"band_{index}_max"]),
                    }
                    for index, band in enumerate(self.bands())
                ]
            )
        return values
