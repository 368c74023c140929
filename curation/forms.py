"""Page forms of curation; field names follow the API (`scores.<criterion>`, `comment`, ...)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Recommendation
from .rubric import SCORE_MAX, SCORE_MIN

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
