"""The unread count for the navigation, counted only if a template actually shows it."""

from .models import Notification


def unread_count(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def count():
        return Notification.objects.own(user).unread().count()

    return {"notifications_unread": count}
