from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from .schedule import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="reports.beat")
