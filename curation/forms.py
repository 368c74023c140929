"""Page forms of curation; field names follow the API (`scores.<criterion>`, `comment`, ...)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NoteTemplate, Recommendation
from .rubric import DESCRIPTION_FIELDS, SCORE_MAX, SCORE_MIN, WEIGHT_TOTAL

SCORE_CHOICES = [(value, str(value)) for value in range(SCORE_MIN, SCORE_MAX + 1)]


def score_field_name(code):
    return f"scores.{code}"


class ReviewForm(forms.Form):
    """One 1-5 radio group per criterion of the cycle, a comment and a recommendation."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "form-control"}),
    )
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[score_field_name(criterion.code)] = forms.TypedChoiceField(
                label=criterion.name,
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=_("Weight %(weight)s") % {"weight": criterion.weight},
            )
        self.order_fields([score_field_name(c.code) for c in self.criteria])

    def score_rows(self):
        """(field, criterion) per criterion: the page shows what 1, 3 and 5 mean next to it."""
        return [(self[score_field_name(c.code)], c) for c in self.criteria]

    @classmethod
    def initial_from(cls, review):
        if review is None:
            return {}
        initial = {score_field_name(code): value for code, value in review.scores.items()}
        initial.update(comment=review.comment, recommendation=review.recommendation)
        return initial

    def score_fields(self):
        return [self[score_field_name(c.code)] for c in self.criteria]

    def scores(self):
        return {c.code: self.cleaned_data[score_field_name(c.code)] for c in self.criteria}


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Internal comment"),
        widget=forms.Textarea(attrs={"rows": 3, "class": "form-control"}),
        max_length=5000,
    )


class DecisionForm(forms.Form):
    action = forms.CharField(max_length=40)
    note = forms.CharField(required=False, max_length=5000)


def _description_field(label):
    return forms.CharField(
        label=label,
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 2}),
    )


class CriterionForm(forms.Form):
    """One line of a cycle's rubric; the service checks the lines together (codes, weights)."""

    code = forms.CharField(
        label=_("Code"),
        max_length=40,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm font-monospace"}),
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    weight = forms.IntegerField(
        label=_("Weight"),
        min_value=1,
        max_value=WEIGHT_TOTAL,
        widget=forms.NumberInput(
            attrs={"class": "form-control form-control-sm text-end", "data-weight": ""}
        ),
    )
    description_1 = _description_field(_("A score of 1 means"))
    description_3 = _description_field(_("A score of 3 means"))
    description_5 = _description_field(_("A score of 5 means"))


# Two blank lines to add criteria; a ticked "delete" drops a line. Lines keep the page's order.
CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, can_delete=True)


def rubric_rows(formset):
    """The criteria a valid formset describes, in order, without deleted and blank lines."""
    return [
        {
            key: form.cleaned_data.get(key, "")
            for key in ("code", "name", "weight", *DESCRIPTION_FIELDS)
        }
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class NoteTemplateForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Decision"),
        choices=NoteTemplate.Decision.choices,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        widget=forms.TextInput(attrs={"class": "form-control form-control-sm"}),
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=5000,
        widget=forms.Textarea(attrs={"class": "form-control form-control-sm", "rows": 4}),
    )
