from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy as _


def give_year_bands(sender, instance, raw=False, **kwargs):
    """A cycle saved without bands (created without them, or cleared) gets its year's published
    bands: 2025 and later the 2025 ones (sangat inovatif from 65.01), before that 2023-24's."""
    if not raw and not instance.iga_bands:
        from .yearly import bands_for_year

        instance.iga_bands = bands_for_year(instance.year)


def give_year_rules(sender, instance, created, raw=False, **kwargs):
    """A new cycle starts with its year's IID rules (indicators of both parts, count-score
    brackets); admins edit that cycle's copy."""
    if created and not raw:
        from .models import IidRules, Indicator
        from .yearly import load_rules

        load_rules(instance, indicator_model=Indicator, rules_model=IidRules)


class IgaConfig(AppConfig):
    name = "iga"
    verbose_name = _("IGA readiness")

    def ready(self):
        from innovations.models import Cycle

        from . import exporters  # noqa: F401  (registers the IID exports)

        pre_save.connect(give_year_bands, sender=Cycle, dispatch_uid="iga.bands")
        post_save.connect(give_year_rules, sender=Cycle, dispatch_uid="iga.catalogue")
