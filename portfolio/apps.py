from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    """Innovations across years: continuation, the legacy archive, decrees, monitoring and
    replication. The app sits above the others and hooks into them where they offer it."""

    name = "portfolio"
    verbose_name = _("Innovation portfolio")

    def ready(self):
        from iga.readiness import register_evidence_source
        from notifications.reminders import register

        from . import exporters  # noqa: F401  (registers the portfolio's exports)
        from .evidence import portfolio_facts
        from .reminders import DecreeExpiring, MonitoringDue

        register(MonitoringDue)
        register(DecreeExpiring)
        register_evidence_source(portfolio_facts)

        from .beat import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self, dispatch_uid="portfolio.beat")
