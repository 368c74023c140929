"""REST API: a user's own notifications; the whole outbox for admins (`?all=1`)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from .filters import NotificationFilter
from .models import Notification
from .rules import may_manage_outbox
from .serializers import NotificationSerializer
from .services import (
    notification_mark_read,
    notification_mark_sent,
    notification_retry,
    notifications_mark_all_read,
)


def wants_all(request):
    wanted = request.query_params.get("all") in {"1", "true", "yes"}
    return wanted and may_manage_outbox(request.user)


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("all", bool, description="Admins: the whole outbox, not only theirs.")
        ]
    )
)
class NotificationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    # Ids are integers: anything else must be a 404, not a ValueError in the lookup.
    lookup_value_regex = r"\d+"
    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    search_fields = ["subject", "email"]
    ordering_fields = ["created_at", "sent_at", "status", "kind"]

    def get_queryset(self):
        qs = Notification.objects.for_list()
        if self.action == "list" and not wants_all(self.request):
            return qs.own(self.request.user)
        return qs.visible_to(self.request.user)

    def get_object(self):
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def _act(self, permission, service):
        """The row, refused (403) unless the user holds `permission` on it, then `service`: its
        own refusals (409 for a row in the wrong status) are answered by the exception handler."""
        notification = self.get_object()
        if not self.request.user.has_perm(permission, notification):
            raise PermissionDenied
        notification = service(notification=notification, by=self.request.user)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        return self._act("notifications.read_notification", notification_mark_read)

    @extend_schema(request=None, responses={200: {"type": "object"}})
    @action(detail=False, methods=["post"], url_path="read-all")
    def read_all(self, request):
        return Response({"marked": notifications_mark_all_read(user=request.user)})

    @extend_schema(
        request=None,
        responses=NotificationSerializer,
        description=(
            "Admins: send a `failed` or `uncertain` notification again with a fresh set of "
            "attempts (an uncertain one may then reach its recipient twice). Other statuses: 409."
        ),
    )
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        return self._act("notifications.retry_notification", notification_retry)

    @extend_schema(
        request=None,
        responses=NotificationSerializer,
        description=(
            "Admins: settle an `uncertain` notification as delivered (the recipient confirmed "
            "that it arrived). Other statuses: 409."
        ),
    )
    @action(detail=True, methods=["post"], url_path="mark-sent")
    def mark_sent(self, request, pk=None):
        return self._act("notifications.resolve_notification", notification_mark_sent)
