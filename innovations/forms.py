"""Forms of the innovation pages: they parse what people typed; the rules live in the services.

Field names are the API's (API.md), so a page, a script and the API speak the same language.
The forms never save anything: views hand `cleaned_data` to `innovation_create`/`_update`.
"""

import django_filters
from django import forms
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from accounts.enums import UnitKind
from accounts.fields import NIPFormField, PhoneFormField
from accounts.models import Unit
from intan_banjar.widgets import DateField, DatePickerInput

from .checks import MIN_DESIGN_WORDS
from .enums import AttachmentKind, HelixActor, LabStage
from .filters import InnovationFilter
from .models import INDICATOR_MAX, INDICATOR_MIN, PROFILE_FIELDS, Cycle, Innovation

# The profile sections of the national IID form, in its order: (key, heading, field names).
SECTIONS = [
    ("identity", _("Identity"), ["year", "unit", "title"]),
    (
        "classification",
        _("Classification"),
        ["origin", "form", "type", "initiator", "affairs", "tags"],
    ),
    ("maturity", _("Maturity and dates"), ["maturity", "trial_date", "implementation_date"]),
    (
        "substance",
        _("Substance"),
        ["summary", "problem", "design", "goals", "benefits", "results", "video_url"],
    ),
    ("budget", _("Budget"), ["budget", "budget_source"]),
    ("lab", _("Laboratorium Inovasi"), ["lab_stage"]),
]

# `lazy_text % values` translates at once, in the language active at import: a text of this
# module needing values is filled in when it is shown instead.
_interpolated = lazy(lambda text, values: text % values, str)

HELP_TEXTS = {
    "year": _("The programme year (cycle) the innovation is reported in."),
    "unit": _(
        "Leave empty for a community (masyarakat) innovation entered on behalf of a group; "
        "then fill in the submitter below."
    ),
    "title": _("The name of the innovation as it will appear in the catalogue."),
    "origin": _("Where the idea came from (Laboratorium Inovasi, leadership training, ...)."),
    "form": _("Bentuk inovasi: governance, public service or other."),
    "type": _("Jenis inovasi: digital or non-digital."),
    "initiator": _("Who started the innovation."),
    "affairs": _("Urusan pemerintahan, one per line; the first line is the primary affair."),
    "tags": _("Thematic tags (e.g. Asta Cita, SDGs), one per line or separated by commas."),
    "maturity": _("Tahapan inovasi: initiative, trial or implementation."),
    "trial_date": _("When the trial (uji coba) started."),
    "implementation_date": _("When the innovation was put into practice; not before the trial."),
    "summary": _("A short description a citizen understands."),
    "problem": _("Latar belakang: the problem the innovation answers."),
    "design": _interpolated(
        _(
            "Rancang bangun dan pokok perubahan: how it works and what changed. At least "
            "%(min)d words before the innovation can be submitted."
        ),
        {"min": MIN_DESIGN_WORDS},
    ),
    "goals": _("Tujuan: what the innovation wants to achieve."),
    "benefits": _("Manfaat: who gains what."),
    "results": _("Hasil: what has been achieved so far, with numbers where possible."),
    "budget": _("In rupiah, whole numbers only (e.g. 25000000)."),
    "budget_source": _("E.g. APBD, APBN, CSR, self-funded."),
    "video_url": _("A link to a video showing the innovation (YouTube, Drive, ...)."),
    "lab_stage": _(
        "The Laboratorium Inovasi stage reached so far (Drum Up, Diagnose, Design, Deliver, "
        "Display); moving back is for administrators only."
    ),
}

TEXTAREA_ROWS = {"summary": 3, "problem": 5, "design": 14, "goals": 3, "benefits": 3, "results": 4}


class ListValueTextarea(forms.Textarea):
    """Accepts one textarea or repeated inputs of the same name (API-style list posts)."""

    def value_from_datadict(self, data, files, name):
        if hasattr(data, "getlist"):
            values = data.getlist(name)
            return "\n".join(values) if values else None
        return super().value_from_datadict(data, files, name)

    def format_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return super().format_value(value)


class StringListField(forms.CharField):
    """A list of short texts typed one per line (or comma-separated when `commas`)."""

    widget = ListValueTextarea

    def __init__(self, *, commas=False, **kwargs):
        self.commas = commas
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("rows", 3)

    def prepare_value(self, value):
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value):
        text = super().to_python(value) or ""
        if self.commas:
            text = text.replace(",", "\n")
        return [line.strip() for line in text.splitlines() if line.strip()]


class RupiahField(forms.IntegerField):
    """Whole rupiah; accepts the way people write it ("Rp 25.000.000", "25,000,000")."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value[:2].lower() == "rp":
                value = value[2:]
            value = "".join(ch for ch in value if ch not in ". ,\u00a0")
        return super().to_python(value)


def _model_field(name, **overrides):
    field = Innovation._meta.get_field(name).formfield(**overrides)
    field.required = False
    return field


class InnovationForm(forms.Form):
    """The profile. `unit` and `year` exist only on creation, `unit` only for curators/admins."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("— none: community (masyarakat) innovation —"),
    )
    title = forms.CharField(label=_("Innovation name"), max_length=255)
    affairs = StringListField(label=_("Government affairs"))
    tags = StringListField(label=_("Thematic tags"), commas=True)
    lab_stage = forms.ChoiceField(
        label=_("Laboratorium Inovasi stage"),
        choices=[("", _("— not started —")), *LabStage.choices],
        required=False,
    )

    # Fields that take the whole width of the form (long texts); the others go two per row.
    wide_fields = frozenset(
        {"title", "affairs", "tags", "summary", "problem", "design", "goals", "benefits", "results"}
    )

    # Typed as plain fields here; title, affairs and tags have widgets of their own.
    PROFILE_NAMES = tuple(f for f in PROFILE_FIELDS if f not in ("title", "affairs", "tags"))

    def __init__(self, *args, creating, choose_unit, cycles=None, **kwargs):
        """`cycles`: the cycles the year picker offers (a unit's open ones); all by default."""
        super().__init__(*args, **kwargs)
        for name in self.PROFILE_NAMES:
            self.fields[name] = _model_field(name)
        # Field order follows the sections of the national form.
        self.order_fields([name for _key, _title, names in SECTIONS for name in names])
        if creating:
            cycles = Cycle.objects.all() if cycles is None else cycles
            years = list(cycles.order_by("-year").values_list("year", flat=True))
            self.fields["year"].choices = [(y, y) for y in years]
        else:
            del self.fields["year"]
        if creating and choose_unit:
            self.fields["unit"].queryset = Unit.objects.filter(active=True).order_by("name")
        else:
            del self.fields["unit"]
        for name, field in self.fields.items():
            if name in HELP_TEXTS:
                field.help_text = HELP_TEXTS[name]
            if name in TEXTAREA_ROWS:
                field.widget.attrs["rows"] = TEXTAREA_ROWS[name]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            field.widget.attrs.setdefault("class", css)
        for name in ("trial_date", "implementation_date"):
            self.fields[name].widget = DatePickerInput(attrs={"class": "form-control"})
        budget = self.fields["budget"]
        self.fields["budget"] = RupiahField(
            label=budget.label, min_value=0, required=False, help_text=budget.help_text
        )
        self.fields["budget"].widget = forms.TextInput(
            attrs={"inputmode": "numeric", "class": "form-control"}
        )
        design = self.fields["design"].widget.attrs
        design.update(
            {
                "data-word-count": "design-word-count",
                "data-word-target": MIN_DESIGN_WORDS,
                "aria-describedby": "design-word-count id_design_helptext",
            }
        )

    def sections(self):
        """[(key, heading, [bound fields])] for the template, skipping fields not on this form."""
        return [
            (key, title, [self[name] for name in names if name in self.fields])
            for key, title, names in SECTIONS
        ]

    def profile_data(self):
        """cleaned_data as keyword arguments of the services (lab_stage included)."""
        data = {name: self.cleaned_data.get(name) for name in self.PROFILE_NAMES}
        for name in ("summary", "problem", "design", "goals", "benefits", "results"):
            data[name] = data[name] or ""
        for name in ("origin", "form", "type", "initiator", "maturity", "budget_source"):
            data[name] = data[name] or ""
        data["video_url"] = data["video_url"] or ""
        data["title"] = self.cleaned_data["title"]
        data["affairs"] = self.cleaned_data.get("affairs") or []
        data["tags"] = self.cleaned_data.get("tags") or []
        data["lab_stage"] = self.cleaned_data.get("lab_stage") or ""
        return data


class InnovatorForm(forms.Form):
    """One innovator row; an entirely empty row is ignored, the rest is checked by the service."""

    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    nip = NIPFormField(required=False, help_text="")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control form-control-sm")


class PartnerForm(forms.Form):
    actor = forms.ChoiceField(
        label=_("Actor (hexa helix)"),
        choices=[("", "—"), *HelixActor.choices],
        required=False,
    )
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = (
                "form-select form-select-sm" if name == "actor" else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)


InnovatorFormSet = forms.formset_factory(InnovatorForm, extra=2, max_num=50, absolute_max=60)
PartnerFormSet = forms.formset_factory(PartnerForm, extra=2, max_num=50, absolute_max=60)


def filled_rows(formset):
    """The rows someone typed something in, as dicts for the services."""
    rows = []
    for form in formset.forms:
        data = {k: (v or "").strip() for k, v in form.cleaned_data.items()}
        if any(data.values()):
            rows.append(data)
    return rows


class CommunitySubmitterForm(forms.Form):
    """Who brought a community innovation (on paper): contact kept for curators only."""

    name = forms.CharField(label=_("Submitter's name"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail address"), required=False)
    phone = PhoneFormField(required=False)
    village = forms.CharField(label=_("Village / district"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-control")

    def submitter_data(self):
        data = {k: (v or "").strip() for k, v in self.cleaned_data.items()}
        return data if any(data.values()) else None


class AttachmentForm(forms.Form):
    """An optional evidence file (`kind` + `file`), checked by content in `attachment_add`."""

    kind = forms.ChoiceField(
        label=_("Kind of evidence"),
        choices=AttachmentKind.choices,
        initial=AttachmentKind.OTHER,
        required=False,
    )
    indicator = forms.IntegerField(
        label=_("IID indicator"),
        min_value=INDICATOR_MIN,
        max_value=INDICATOR_MAX,
        required=False,
        help_text=_("Optional: the IID indicator (16-35) this file supports."),
    )
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, JPEG, PNG, XLSX or DOCX; at most 10 MB."),
    )

    def __init__(self, *args, require_file=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = require_file
        for name, field in self.fields.items():
            css = "form-select" if name == "kind" else "form-control"
            field.widget.attrs.setdefault("class", css)

    def clean_kind(self):
        return self.cleaned_data.get("kind") or AttachmentKind.OTHER


class StageForm(forms.Form):
    """Record that a Laboratorium Inovasi stage was reached (names as the API's lab-stages)."""

    stage = forms.ChoiceField(label=_("Stage"), choices=LabStage.choices)
    reached_on = DateField(label=_("Reached on"), required=False)
    note = forms.CharField(label=_("Note"), max_length=2000, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = (
                "form-select form-select-sm" if name == "stage" else "form-control form-control-sm"
            )
            field.widget.attrs.setdefault("class", css)


class InnovationPageFilter(InnovationFilter):
    """The API's filters plus the unit's kind, for the region-wide list of the pages."""

    unit_kind = django_filters.ChoiceFilter(field_name="unit__kind", choices=UnitKind.choices)

    class Meta(InnovationFilter.Meta):
        fields = [*InnovationFilter.Meta.fields, "unit_kind"]
