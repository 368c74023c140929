"""Portal pages: each user's notifications; the outbox for admins."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from intan_banjar.pages import attempt

from .enums import DeliveryStatus, Kind
from .filters import NotificationFilter
from .models import Notification
from .services import (
    notification_mark_read,
    notification_mark_sent,
    notification_retry,
    notifications_mark_all_read,
)

PAGE_SIZE = 30


def _back(request, default):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(default)


@require_safe
def notification_list(request):
    qs = Notification.objects.own(request.user).for_list()
    only_unread = request.GET.get("unread") == "1"
    if only_unread:
        qs = qs.unread()
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/list.html",
        {"page": page, "only_unread": only_unread},
    )


@require_safe
def unread_badge(request):
    """The navigation's unread count, fetched by htmx after the page: pages stay one query
    lighter, and the badge can refresh without reloading the page."""
    count = Notification.objects.own(request.user).unread().count()
    return render(request, "notifications/unread_badge.html", {"count": count})


@require_POST
def notification_read(request, pk):
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("notifications.read_notification", notification):
        raise PermissionDenied
    notification_mark_read(notification=notification, by=request.user)
    return _back(request, "notifications:list")


@require_POST
def notification_read_all(request):
    notifications_mark_all_read(user=request.user)
    return _back(request, "notifications:list")


@require_safe
def outbox(request):
    if not request.user.has_perm("notifications.view_outbox"):
        raise PermissionDenied
    filterset = NotificationFilter(
        request.GET, queryset=Notification.objects.visible_to(request.user).for_list()
    )
    page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "notifications/outbox.html",
        {
            "page": page,
            "filter": filterset,
            "kinds": Kind.choices,
            "statuses": DeliveryStatus.choices,
            "selected_kind": request.GET.get("kind", ""),
            "selected_status": request.GET.get("status", ""),
            "uncertain_count": Notification.objects.filter(status=DeliveryStatus.UNCERTAIN).count(),
        },
    )


def _resolve(request, pk, permission, service, done):
    """An administrator's action on an outbox row: 403 without `permission` on it; a row in the
    wrong status (the worker may have moved it since the page was shown) gets a page saying so."""
    notification = get_object_or_404(Notification.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm(permission, notification):
        raise PermissionDenied
    result = attempt(
        request,
        lambda: service(notification=notification, by=request.user),
        quiet=True,
        catch_refusal=False,
    )
    if result.failed:
        context = {"message": result.message, "notification": notification}
        return render(request, "notifications/conflict.html", context, status=result.status)
    messages.success(request, done)
    return _back(request, "notifications:outbox")


@require_POST
def notification_retry_view(request, pk):
    return _resolve(
        request,
        pk,
        "notifications.retry_notification",
        notification_retry,
        _("The notification was queued again."),
    )


@require_POST
def notification_mark_sent_view(request, pk):
    """An uncertain row settled as delivered (the recipient confirmed it arrived)."""
    return _resolve(
        request,
        pk,
        "notifications.resolve_notification",
        notification_mark_sent,
        _("The notification was marked as sent."),
    )
