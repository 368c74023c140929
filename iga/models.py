"""IGA readiness: the indicator catalogue per cycle, levels per innovation, national entries and
the region-level indicators.

Every number here feeds an *estimate*: the weights and the way the two parts combine are not
confirmed against the official guideline, so they are per-cycle data, never code.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from innovations.models import Cycle, Innovation
from intan_banjar.choices import ChoiceLabels

from .enums import MAX_LEVEL, NationalStatus

# DOMAIN.md: the region part weighs 25.2% of the index, the innovations 74.8% (unconfirmed).
DEFAULT_REGION_SHARE = Decimal("25.2")
DEFAULT_INNOVATION_SHARE = Decimal("74.8")


class Indicator(models.Model):
    """One innovation indicator (16-35) of one cycle's catalogue."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="iid_indicators"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(16), MaxValueValidator(35)]
    )
    name = models.CharField(_("name"), max_length=200)
    weight = models.DecimalField(
        _("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)]
    )
    max_score = models.DecimalField(
        _("maximum score"),
        max_digits=6,
        decimal_places=2,
        editable=False,
        help_text=_("Always three times the weight (level 3)."),
    )
    parameters = models.TextField(_("parameters (as published)"), blank=True)
    level_1 = models.TextField(_("level 1 means"), blank=True)
    level_2 = models.TextField(_("level 2 means"), blank=True)
    level_3 = models.TextField(_("level 3 means"), blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=False)

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("IID indicator")
        verbose_name_plural = _("IID indicators")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="iga_indicator_cycle_number")
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def save(self, *args, **kwargs):
        self.max_score = (self.weight or 0) * MAX_LEVEL
        super().save(*args, **kwargs)

    def level_description(self, level):
        return {1: self.level_1, 2: self.level_2, 3: self.level_3}.get(level, "")


class IndicatorScore(models.Model):
    """The level an innovation claims on one indicator; evidence is the tagged attachments."""

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="iid_scores",
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="scores"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), default=0, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    note = models.TextField(_("note"), blank=True)
    updated_by = recorded_user(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("indicator level")
        verbose_name_plural = _("indicator levels")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "indicator"], name="iga_score_innovation_indicator"
            ),
            models.CheckConstraint(condition=models.Q(level__lte=MAX_LEVEL), name="iga_level_max"),
        ]

    def __str__(self):
        return f"{self.innovation_id} #{self.indicator_id}: {self.level}"

    def clean(self):
        if (
            self.indicator_id
            and self.innovation_id
            and self.indicator.cycle_id != self.innovation.cycle_id
        ):
            raise ValidationError(
                {"indicator": _("The indicator belongs to another cycle's catalogue.")}
            )


class IgaEntry(ChoiceLabels, models.Model):
    """An innovation marked as reported to the national IGA of one year (the reporting cycle)."""

    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.PROTECT,
        related_name="iga_entries",
    )
    cycle = models.ForeignKey(
        Cycle, verbose_name=_("IGA year"), on_delete=models.PROTECT, related_name="iga_entries"
    )
    national_status = models.CharField(
        _("national status"),
        max_length=30,
        choices=NationalStatus.choices,
        default=NationalStatus.REPORTED,
    )
    warnings_confirmed = models.JSONField(
        _("warnings confirmed when reported"), default=list, blank=True
    )
    reported_by = recorded_user(_("reported by"))
    reported_at = models.DateTimeField(_("reported at"), default=timezone.now)

    class Meta:
        ordering = ["cycle", "reported_at", "id"]
        verbose_name = _("IGA entry")
        verbose_name_plural = _("IGA entries")
        constraints = [
            models.UniqueConstraint(fields=["innovation", "cycle"], name="iga_entry_once_a_year")
        ]

    def __str__(self):
        return f"{self.cycle} {self.innovation}"


def region_evidence_upload_to(instance, filename):
    import uuid

    return f"iga/region/{timezone.now():%Y}/{uuid.uuid4().hex}"


class RegionIndicator(models.Model):
    """A region-level indicator (1-15), entered once a year by Bappedalitbang.

    `value` is the indicator's score on a 0-100 scale; `weight` is its share inside the region
    part (relative: the region part is Σ weight × value / Σ weight).
    """

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="region_indicators"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), validators=[MinValueValidator(1), MaxValueValidator(15)]
    )
    name = models.CharField(_("name"), max_length=200)
    value = models.DecimalField(
        _("score (0-100)"),
        max_digits=6,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    weight = models.DecimalField(
        _("weight within the region part"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(1),
        validators=[MinValueValidator(0)],
    )
    evidence_file = models.FileField(
        _("evidence file"), upload_to=region_evidence_upload_to, max_length=200, blank=True
    )
    evidence_filename = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    updated_by = recorded_user(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["cycle", "number"]
        verbose_name = _("region indicator")
        verbose_name_plural = _("region indicators")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "number"], name="iga_region_cycle_number")
        ]

    def __str__(self):
        return f"{self.cycle} {self.number}. {self.name}"

    @property
    def has_evidence(self):
        return bool(self.evidence_file or self.evidence_link)


class EstimateSettings(models.Model):
    """How a cycle's estimate combines the region part and the innovation part (unconfirmed)."""

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="iga_settings"
    )
    region_share = models.DecimalField(
        _("region part share (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_REGION_SHARE,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    innovation_share = models.DecimalField(
        _("innovation part share (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_INNOVATION_SHARE,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("IGA estimate settings")
        verbose_name_plural = _("IGA estimate settings")

    def __str__(self):
        return str(self.cycle)

    def clean(self):
        if (self.region_share or 0) + (self.innovation_share or 0) != 100:
            raise ValidationError(_("The two shares must add up to 100."))
