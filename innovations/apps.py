from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InnovationsConfig(AppConfig):
    name = "innovations"
    verbose_name = _("Innovations")

    def ready(self):
        from . import receivers  # noqa: F401  (connects the signal receivers)
