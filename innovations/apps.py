from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = _("Innovations")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
        from .checks import launch_event_errors
        from .enums import Action
        from .workflow import register_guard

        # A guard, not the table's own rule: the launch event lives in reports, and the table's
        # tests run without the guards of other apps (workflow.isolated_guards).
        register_guard(Action.LAUNCH, launch_event_errors)
