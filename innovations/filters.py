"""List filters named like the API fields (API.md: Innovations), shared by the list and exports."""

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q

from intan_banjar.filtersets import PortalFilterSet

from .cycles import parse_year
from .enums import Form, InnovationType, LabStage, Maturity, Origin, SourceCategory, Status
from .models import Innovation

SEARCH_FIELDS = ("title", "code", "summary")  # the list API's search_fields


class YearField(forms.IntegerField):
    """A year read as `Cycle.objects.resolve` reads it: four digits ("abc", "-1", "2025.5" are
    errors, never a filter that matches nothing or is dropped)."""

    def to_python(self, value):
        return parse_year(value)


class YearFilter(django_filters.NumberFilter):
    """Every filter on a year (innovations, agreements, the public catalogue) is this one."""

    field_class = YearField


class InnovationFilter(PortalFilterSet):
    year = YearFilter(field_name="year")
    unit = django_filters.CharFilter(field_name="unit__code")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    source_category = django_filters.ChoiceFilter(choices=SourceCategory.choices)
    origin = django_filters.ChoiceFilter(choices=Origin.choices)
    form = django_filters.ChoiceFilter(choices=Form.choices)
    type = django_filters.ChoiceFilter(choices=InnovationType.choices)
    maturity = django_filters.ChoiceFilter(choices=Maturity.choices)
    lab_stage = django_filters.ChoiceFilter(choices=LabStage.choices)

    class Meta:
        model = Innovation
        fields = [
            "year",
            "unit",
            "status",
            "source_category",
            "origin",
            "form",
            "type",
            "maturity",
            "lab_stage",
        ]


def search_innovations(queryset, text):
    """Every word must appear in one of the searched fields (DRF SearchFilter's semantics)."""
    for term in (text or "").replace(",", " ").split():
        condition = Q()
        for name in SEARCH_FIELDS:
            condition |= Q(**{f"{name}__icontains": term})
        queryset = queryset.filter(condition)
    return queryset


def innovations_filtered(queryset, params):
    """`queryset` narrowed by the list API's filters and search, and the validated values.

    An invalid value raises ValidationError (per field), as the list API answers 400: an export
    must never drop a filter silently and hand out more rows than were asked for.
    """
    filterset = InnovationFilter(params, queryset=queryset)
    if not filterset.is_valid():
        raise ValidationError(filterset.errors)
    return search_innovations(filterset.qs, params.get("search")), filterset.form.cleaned_data


def year_filter_status(request, filterset):
    """The status of a list page: 400, with the message, when its `?year=` is malformed.

    The page still shows its list, without the year filter, and says why: as the API refuses the
    value (400), the page never drops it silently (docs/decisions.md, "One answer for
    `?year=`"). Other filters keep their page behaviour (an unknown choice is ignored).
    """
    if not filterset.is_bound or "year" not in filterset.errors:
        return 200
    field = filterset.form.fields["year"]
    messages.error(request, f"{field.label}: {' '.join(filterset.errors['year'])}")
    return 400
