"""List filters named like the API fields (API.md: Innovations)."""

import django_filters

from .enums import Form, InnovationType, LabStage, Maturity, Origin, SourceCategory, Status
from .models import Innovation


class InnovationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year")
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
