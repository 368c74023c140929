from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Agreements")

    def ready(self):
        # exporters and compliance_pdf register the compliance files (XLSX, CSV; PDF).
        from . import compliance_pdf, exporters  # noqa: F401
