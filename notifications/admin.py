from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_celery_beat.models import ClockedSchedule, SolarSchedule

from .enums import DeliveryStatus
from .models import Notification
from .services import notifications_mark_sent, notifications_retry_failed


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "email", "subject", "status", "attempts", "sent_at"]
    list_filter = ["status", "kind", "cycle_year"]
    search_fields = ["email", "subject", "idempotency_key"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    raw_id_fields = ["recipient"]
    actions = ["retry_failed", "resend_uncertain", "mark_uncertain_sent"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def _queued_again(self, request, count):
        self.message_user(
            request,
            ngettext(
                "%(count)d notification queued again.",
                "%(count)d notifications queued again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Retry the selected failed notifications"))
    def retry_failed(self, request, queryset):
        self._queued_again(request, notifications_retry_failed(queryset=queryset, by=request.user))

    @admin.action(
        description=_("Send the selected uncertain notifications again (may arrive twice)")
    )
    def resend_uncertain(self, request, queryset):
        count = notifications_retry_failed(
            queryset=queryset, by=request.user, statuses=(DeliveryStatus.UNCERTAIN,)
        )
        self._queued_again(request, count)

    @admin.action(description=_("Mark the selected uncertain notifications as sent"))
    def mark_uncertain_sent(self, request, queryset):
        count = notifications_mark_sent(queryset=queryset, by=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d notification marked as sent.",
                "%(count)d notifications marked as sent.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


# django-celery-beat registers its schedules in the admin site; the portal's periodic tasks use
# crontab and interval schedules only (notifications.schedule, portfolio.beat), so the solar and
# clocked ones are noise in the admins' menu.
for _model in (SolarSchedule, ClockedSchedule):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
