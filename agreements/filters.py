"""Query-parameter filters of the agreements API (named like the fields, as API.md asks)."""

import django_filters

from innovations.filters import YearFilter
from intan_banjar.filtersets import PortalFilterSet

from .enums import AgreementStatus
from .models import Agreement


class AgreementFilter(PortalFilterSet):
    year = YearFilter(field_name="cycle__year", help_text="Cycle year.")
    unit = django_filters.CharFilter(field_name="unit__code", help_text="Unit code.")
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices)

    class Meta:
        model = Agreement
        fields = ["year", "unit", "status"]
