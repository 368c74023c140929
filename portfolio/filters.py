"""List filters of the portfolio's pages, API and exports (named like the fields)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovations.filters import YearFilter
from intan_banjar.filtersets import PortalFilterSet

from .enums import AdopterKind, DecreeKind, DecreeState, ObligationStatus, RowOutcome
from .models import EXPIRING_WITHIN_DAYS, Decree, LegacyImportRow, Replication


class DecreeFilter(PortalFilterSet):
    year = YearFilter(field_name="innovation__year", label=_("Year"))
    unit = django_filters.CharFilter(field_name="innovation__unit__code", label=_("Unit"))
    kind = django_filters.ChoiceFilter(choices=DecreeKind.choices, label=_("Kind"))
    state = django_filters.ChoiceFilter(
        choices=DecreeState.choices, method="filter_state", label=_("State")
    )

    class Meta:
        model = Decree
        fields = ["year", "unit", "kind", "state"]

    def filter_state(self, queryset, name, value):
        today = timezone.localdate()
        soon = today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
        starts = Q(valid_from__gt=today) | Q(valid_from__isnull=True, issued_on__gt=today)
        if value == DecreeState.PENDING:
            return queryset.filter(starts)
        queryset = queryset.exclude(starts)
        if value == DecreeState.EXPIRED:
            return queryset.filter(valid_until__lt=today)
        if value == DecreeState.EXPIRING:
            return queryset.filter(valid_until__gte=today, valid_until__lte=soon)
        return queryset.filter(Q(valid_until__isnull=True) | Q(valid_until__gt=soon))


class ReplicationFilter(PortalFilterSet):
    year = YearFilter(field_name="innovation__year", label=_("Year"))
    unit = django_filters.CharFilter(field_name="innovation__unit__code", label=_("Unit"))
    adopter_kind = django_filters.ChoiceFilter(
        choices=AdopterKind.choices, label=_("Replicated by")
    )

    class Meta:
        model = Replication
        fields = ["year", "unit", "adopter_kind"]


class ObligationFilterForm(forms.Form):
    """Filters of the monitoring dashboard (its rows are computed, not a model's).

    The filter is `status`, like the rows' field; `state` (its first name) is still read when
    `status` is absent, so links and clients written before keep working.
    """

    STATUS_ALIAS = "state"

    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    unit = forms.CharField(label=_("Unit"), required=False, max_length=30)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Due and overdue"))]
        + [(s.value, s.label) for s in (ObligationStatus.DUE, ObligationStatus.OVERDUE)],
    )

    def __init__(self, data=None, **kwargs):
        if data is not None and "status" not in data and self.STATUS_ALIAS in data:
            data = data.copy()
            data["status"] = data[self.STATUS_ALIAS]
        super().__init__(data, **kwargs)

    def states(self):
        chosen = self.cleaned_data.get("status")
        return (chosen,) if chosen else (ObligationStatus.DUE, ObligationStatus.OVERDUE)


class ImportRowFilter(PortalFilterSet):
    outcome = django_filters.ChoiceFilter(choices=RowOutcome.choices, label=_("Outcome"))

    class Meta:
        model = LegacyImportRow
        fields = ["outcome"]
