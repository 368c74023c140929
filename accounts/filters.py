"""Query-parameter filters of the accounts API (named like the fields, as API.md asks)."""

import django_filters

from intan_banjar.filtersets import PortalFilterSet

from .enums import Role, UnitKind
from .models import Unit, User


class UnitFilter(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=UnitKind.choices)
    active = django_filters.BooleanFilter()

    class Meta:
        model = Unit
        fields = ["kind", "active"]


class UserFilter(PortalFilterSet):
    role = django_filters.ChoiceFilter(choices=Role.choices)
    unit = django_filters.CharFilter(field_name="unit__code", help_text="Unit code.")
    is_active = django_filters.BooleanFilter()

    class Meta:
        model = User
        fields = ["role", "unit", "is_active"]
