import django_filters

from intan_banjar.filtersets import PortalFilterSet

from .enums import DeliveryStatus, Kind
from .models import Notification


class NotificationFilter(PortalFilterSet):
    kind = django_filters.ChoiceFilter(choices=Kind.choices)
    status = django_filters.ChoiceFilter(choices=DeliveryStatus.choices)
    unread = django_filters.BooleanFilter(field_name="read_at", lookup_expr="isnull")

    class Meta:
        model = Notification
        fields = ["kind", "status", "unread"]
