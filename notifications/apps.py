from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self):
        from .events import connect_receivers
        from .schedule import sync_after_migrate

        connect_receivers()
        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="notifications.beat")
