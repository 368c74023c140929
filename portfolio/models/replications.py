"""Who replicated an innovation: another unit of Banjar, or another region."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from accounts.models import Unit
from innovations.models import Attachment, Innovation
from intan_banjar.choices import ChoiceLabels

from ..enums import AdopterKind
from ..querysets import PortfolioQuerySet

# Kemendagri region codes: province "63", regency "63.03", district "63.03.01", village
# "63.03.01.2001" (Kepmendagri 300.2.2-2430/2025).
REGION_CODE = re.compile(r"^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$")
OWN_REGION_CODE = "63.03"  # Kabupaten Banjar itself: its units are recorded as units


class Replication(ChoiceLabels, models.Model):
    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="replications",
    )
    adopter_kind = models.CharField(_("replicated by"), max_length=10, choices=AdopterKind.choices)
    adopter_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replications",
    )
    region_name = models.CharField(_("region"), max_length=200, blank=True)
    region_code = models.CharField(
        _("Kemendagri region code"),
        max_length=13,
        blank=True,
        validators=[RegexValidator(REGION_CODE, _("Write the code like 63.04 or 63.04.02."))],
    )
    replicated_on = models.DateField(_("replicated on"))
    description = models.TextField(_("what was replicated"), blank=True)
    evidence = models.ManyToManyField(
        Attachment, verbose_name=_("evidence"), blank=True, related_name="replications"
    )
    recorded_by = recorded_user(_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    objects = PortfolioQuerySet.as_manager()

    class Meta:
        ordering = ["-replicated_on", "-id"]
        verbose_name = _("replication")
        verbose_name_plural = _("replications")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(adopter_kind=AdopterKind.UNIT, adopter_unit__isnull=False, region_code="")
                    | Q(adopter_kind=AdopterKind.REGION, adopter_unit__isnull=True)
                    & ~Q(region_code="")
                    & ~Q(region_name="")
                ),
                name="portfolio_replication_one_adopter",
            ),
            models.UniqueConstraint(
                fields=["innovation", "adopter_unit"],
                condition=Q(adopter_kind=AdopterKind.UNIT),
                name="portfolio_replication_unit_once",
            ),
            models.UniqueConstraint(
                fields=["innovation", "region_code"],
                condition=Q(adopter_kind=AdopterKind.REGION),
                name="portfolio_replication_region_once",
            ),
        ]

    def __str__(self):
        return f"{self.innovation_id} → {self.adopter_name}"

    @property
    def adopter_name(self):
        if self.adopter_kind == AdopterKind.UNIT:
            return self.adopter_unit.name if self.adopter_unit_id else ""
        return self.region_name

    def clean(self):
        super().clean()
        errors = {}
        if self.adopter_kind == AdopterKind.UNIT:
            if not self.adopter_unit_id:
                errors["adopter_unit"] = _("Choose the unit that replicated the innovation.")
            elif self.innovation_id and self.adopter_unit_id == self.innovation.unit_id:
                errors["adopter_unit"] = _("An innovation is not replicated by its own unit.")
            self.region_name, self.region_code = "", ""
        elif self.adopter_kind == AdopterKind.REGION:
            self.adopter_unit = None
            if not self.region_name.strip():
                errors["region_name"] = _("Give the region's name.")
            if not self.region_code.strip():
                errors["region_code"] = _("Give the region's Kemendagri code.")
            elif self.region_code == OWN_REGION_CODE or self.region_code.startswith(
                OWN_REGION_CODE + "."
            ):
                errors["region_code"] = _(
                    "This is Kabupaten Banjar itself: record a unit of Banjar instead."
                )
        if errors:
            raise ValidationError(errors)
