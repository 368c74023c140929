"""Forms of the IGA pages: they parse input; the rules live in `iga.services`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from innovations.forms import AttachmentForm

from .enums import INDICATOR_NUMBERS, LEVELS, NationalStatus, Part, Predicate

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


class ReadinessEvidenceForm(AttachmentForm):
    """An evidence file of the readiness page: the indicator it proves is chosen from the
    catalogue, never left out (an untagged file proves no level)."""

    def __init__(self, *args, readiness, **kwargs):
        super().__init__(*args, require_file=True, **kwargs)
        self.fields["indicator"] = forms.TypedChoiceField(
            label=_("IID indicator"),
            choices=[(row.number, f"{row.number}. {row.indicator.name}") for row in readiness.rows],
            coerce=int,
            widget=forms.Select(attrs={"class": "form-select"}),
        )
        self.order_fields(["indicator", "kind", "file"])


class RegionIndicatorForm(forms.Form):
    """The region's level on one of the cycle's region indicators, with its evidence."""

    number = forms.TypedChoiceField(
        label=_("Indicator"),
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    level = forms.TypedChoiceField(
        label=_("Level"),
        choices=LEVEL_CHOICES,
        coerce=int,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    evidence_file = forms.FileField(
        label=_("Evidence file"),
        required=False,
        help_text=_("Without a new file, the indicator keeps the file it has."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control"}),
    )
    evidence_link = forms.URLField(
        label=_("Evidence link"),
        required=False,
        widget=forms.URLInput(attrs={"class": "form-control"}),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control"}),
    )

    def __init__(self, *args, indicators=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].choices = [(i.number, f"{i.number}. {i.name}") for i in indicators]


EDIT_REGION = "edit"  # ?edit=<number>: the form opens on that region indicator's current values


def region_initial(rows, number):
    """The form's initial values for the region indicator `number` (a query parameter), read from
    the estimate's rows: the form saves every field, so it must start from what is recorded, or a
    save would reset the level, note and link the admin did not touch."""
    row = next((r for r in rows if str(r.number) == (number or "").strip()), None)
    if row is None:
        return {}
    record = row.record
    return {
        "number": row.number,
        "level": record.level if record else 0,
        "note": record.note if record else "",
        "evidence_link": record.evidence_link if record else "",
    }


class EntryStatusForm(forms.Form):
    national_status = forms.ChoiceField(choices=NationalStatus.choices)


# --- the year's rules ----------------------------------------------------------------------------

TEXT = {"class": "form-control"}
NUMBER = {"class": "form-control", "step": "0.01"}
CHECK = {"class": "form-check-input"}


class RulesForm(forms.Form):
    min_divisor = forms.IntegerField(
        label=_("Minimum divisor"),
        min_value=1,
        max_value=1000,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=_("SID divides by MAX(minimum divisor, n)."),
    )
    min_divisor_confirmed = forms.BooleanField(
        label=_("Confirmed"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    count_brackets_confirmed = forms.BooleanField(
        label=_("Count-score brackets confirmed"),
        required=False,
        widget=forms.CheckboxInput(attrs=CHECK),
    )


class BandForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Predicate"),
        choices=Predicate.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    label = forms.CharField(
        label=_("Label"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    min = forms.DecimalField(
        label=_("From"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.01"}),
    )
    max = forms.DecimalField(
        label=_("Up to"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.01"}),
    )
    confirmed = forms.BooleanField(
        label=_("Confirmed"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    source = forms.CharField(max_length=60, required=False, widget=forms.HiddenInput)


class BracketForm(forms.Form):
    min = forms.IntegerField(
        label=_("From (innovations)"),
        min_value=0,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )
    max = forms.IntegerField(
        label=_("To (empty: no limit)"),
        min_value=0,
        required=False,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm"}),
    )
    points = forms.DecimalField(
        label=_("Points"),
        min_value=0,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"class": "form-control form-control-sm", "step": "0.01"}),
    )


BandFormSet = forms.formset_factory(BandForm, extra=1, can_delete=True, max_num=4)
BracketFormSet = forms.formset_factory(BracketForm, extra=1, can_delete=True, max_num=20)


def filled(formset):
    """The cleaned rows of a valid formset, without the deleted and the empty extra ones."""
    return [
        {k: v for k, v in form.cleaned_data.items() if k != "DELETE"}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class IndicatorForm(forms.Form):
    """One indicator of the year's rules; number and part only when it is added."""

    number = forms.IntegerField(
        label=_("Number"),
        min_value=INDICATOR_NUMBERS.start,
        max_value=INDICATOR_NUMBERS.stop - 1,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    part = forms.ChoiceField(
        label=_("Part"), choices=Part.choices, widget=forms.Select(attrs={"class": "form-select"})
    )
    name = forms.CharField(label=_("Name"), max_length=200, widget=forms.TextInput(attrs=TEXT))
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=0,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    mandatory = forms.BooleanField(
        label=_("Mandatory"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    effort_per_level = forms.IntegerField(
        label=_("Effort per level"),
        min_value=1,
        max_value=20,
        initial=1,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
        help_text=_("The planner's effort units for climbing one level of this indicator."),
    )
    level_1 = forms.CharField(
        label=_("Level 1"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2})
    )
    evidence_1 = forms.CharField(
        label=_("Evidence for level 1"), required=False, widget=forms.TextInput(attrs=TEXT)
    )
    level_2 = forms.CharField(
        label=_("Level 2"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2})
    )
    evidence_2 = forms.CharField(
        label=_("Evidence for level 2"), required=False, widget=forms.TextInput(attrs=TEXT)
    )
    level_3 = forms.CharField(
        label=_("Level 3"), required=False, widget=forms.Textarea(attrs={**TEXT, "rows": 2})
    )
    evidence_3 = forms.CharField(
        label=_("Evidence for level 3"), required=False, widget=forms.TextInput(attrs=TEXT)
    )
    name_confirmed = forms.BooleanField(
        label=_("Name confirmed"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    weight_confirmed = forms.BooleanField(
        label=_("Weight confirmed"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    levels_confirmed = forms.BooleanField(
        label=_("Level texts confirmed"), required=False, widget=forms.CheckboxInput(attrs=CHECK)
    )
    source = forms.CharField(
        label=_("Source of the figure"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
        help_text=_("A key of iga/data/README, or where an admin took the figure from."),
    )

    def __init__(self, *args, creating=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not creating:
            del self.fields["number"]
            del self.fields["part"]


class ReloadForm(forms.Form):
    edition = forms.ChoiceField(
        label=_("Edition"), widget=forms.Select(attrs={"class": "form-select"})
    )

    def __init__(self, *args, editions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].choices = [(e, e) for e in editions]


class PublishedIndexForm(forms.Form):
    year = forms.IntegerField(
        label=_("Year"),
        min_value=2000,
        max_value=2100,
        widget=forms.NumberInput(attrs={"class": "form-control"}),
    )
    index = forms.DecimalField(
        label=_("Published index"),
        min_value=0,
        max_value=100,
        decimal_places=2,
        widget=forms.NumberInput(attrs=NUMBER),
    )
    predicate = forms.ChoiceField(
        label=_("Predicate"),
        choices=Predicate.choices,
        widget=forms.Select(attrs={"class": "form-select"}),
    )
    source = forms.CharField(
        label=_("Source of the figure"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs=TEXT),
    )
