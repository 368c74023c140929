from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from innovations.enums import Action
        from innovations.workflow import register_guard

        from .guards import launch_event_errors

        register_guard(Action.LAUNCH, launch_event_errors)

        from .schedule import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="reports.beat")
