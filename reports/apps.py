from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from innovations.enums import Action
        from innovations.workflow import register_guard

        from .guards import launch_event_errors

        register_guard(Action.LAUNCH, launch_event_errors)
