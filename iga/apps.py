from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def give_default_catalogue(sender, instance, created, raw=False, **kwargs):
    """A new cycle starts with the default IID indicators; admins edit that cycle's copy."""
    if created and not raw:
        from .catalogue import load_default_catalogue
        from .models import Indicator

        load_default_catalogue(instance.pk, Indicator)


class IgaConfig(AppConfig):
    name = "iga"
    verbose_name = _("IGA readiness")

    def ready(self):
        from innovations.models import Cycle

        from . import exporters  # noqa: F401  (registers the IID exports)

        post_save.connect(give_default_catalogue, sender=Cycle, dispatch_uid="iga.catalogue")
