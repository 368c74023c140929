"""IGA readiness: the IID rules per cycle (indicators of both parts, the count-score scale), levels
per innovation and of the region, national entries, and the published index per year.

Every number here feeds an *estimate*: the rules are per-cycle data loaded from the year's shipped
edition (`iga/data/rules-*.json`, see `iga.yearly`), each figure marked confirmed or not, and
edited by admins in the portal. The formula is Kemendagri's (`iga.method`).
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from innovations.models import Cycle, Innovation
from intan_banjar.choices import ChoiceLabels

from .enums import INDICATOR_NUMBERS, MAX_LEVEL, NationalStatus, Part, Predicate


class Indicator(models.Model):
    """One indicator of one cycle's rules: of the region part (SPD, 1-15) or of the innovation part
    (SID, 16-35), numbered as the year's edition numbers them."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="iid_indicators"
    )
    number = models.PositiveSmallIntegerField(
        _("number"),
        validators=[
            MinValueValidator(INDICATOR_NUMBERS.start),
            MaxValueValidator(INDICATOR_NUMBERS.stop - 1),
        ],
    )
    part = models.CharField(_("part"), max_length=12, choices=Part.choices, default=Part.INNOVATION)
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
    evidence_1 = models.TextField(_("evidence for level 1"), blank=True)
    evidence_2 = models.TextField(_("evidence for level 2"), blank=True)
    evidence_3 = models.TextField(_("evidence for level 3"), blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=False)
    effort_per_level = models.PositiveSmallIntegerField(
        _("effort per level"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("The planner's effort units for climbing one level of this indicator."),
    )
    name_confirmed = models.BooleanField(_("name confirmed"), default=False)
    weight_confirmed = models.BooleanField(_("weight confirmed"), default=False)
    levels_confirmed = models.BooleanField(_("level texts confirmed"), default=False)
    source = models.CharField(
        _("source"),
        max_length=60,
        blank=True,
        help_text=_("Where the figures come from: a key of iga/data/README."),
    )

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

    def level_evidence(self, level):
        return {1: self.evidence_1, 2: self.evidence_2, 3: self.evidence_3}.get(level, "")

    @property
    def is_region(self):
        return self.part == Part.REGION

    @property
    def confirmed(self):
        return self.name_confirmed and self.weight_confirmed and self.levels_confirmed

    def levels(self):
        """[(level, text, evidence)] for levels 1-3, for pages and the API."""
        return [(n, self.level_description(n), self.level_evidence(n)) for n in (1, 2, 3)]


class IidRules(models.Model):
    """The rules of one cycle beyond its indicators: the edition they were loaded from and the
    count-score scale ("skor jumlah inovasi"). The bands and the minimum divisor stay on the cycle
    (`Cycle.iga_bands`, `Cycle.iid_min_divisor`, part of the cycles API)."""

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="iid_rules"
    )
    edition = models.CharField(_("edition"), max_length=10)
    count_brackets = models.JSONField(
        _("count-score brackets"),
        default=list,
        help_text=_(
            "[{min, max (empty: no limit), points}] over the number of reported innovations."
        ),
    )
    count_brackets_confirmed = models.BooleanField(
        _("count-score brackets confirmed"), default=False
    )
    min_divisor_confirmed = models.BooleanField(_("minimum divisor confirmed"), default=False)
    updated_by = recorded_user(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("IID rules")
        verbose_name_plural = _("IID rules")

    def __str__(self):
        return f"{self.cycle} ({self.edition})"


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
        if self.indicator_id and self.indicator.is_region:
            raise ValidationError({"indicator": _("A region indicator has no innovation levels.")})


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
    """The region's level (0-3) on one region-part indicator of the cycle, entered by
    Bappedalitbang with its evidence. Like an innovation's level, it counts only with evidence."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="region_indicators"
    )
    indicator = models.OneToOneField(
        Indicator,
        verbose_name=_("indicator"),
        on_delete=models.CASCADE,
        related_name="region_level",
    )
    level = models.PositiveSmallIntegerField(
        _("level"), default=0, validators=[MaxValueValidator(MAX_LEVEL)]
    )
    note = models.TextField(_("note"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"), upload_to=region_evidence_upload_to, max_length=200, blank=True
    )
    evidence_filename = models.CharField(_("evidence file name"), max_length=255, blank=True)
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    updated_by = recorded_user(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        ordering = ["cycle", "indicator__number"]
        verbose_name = _("region indicator level")
        verbose_name_plural = _("region indicator levels")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__lte=MAX_LEVEL), name="iga_region_level_max"
            ),
        ]

    def __str__(self):
        return f"{self.cycle} #{self.indicator_id}: {self.level}"

    @property
    def has_evidence(self):
        return bool(self.evidence_file or self.evidence_link)

    def clean(self):
        if self.indicator_id and self.cycle_id and self.indicator.cycle_id != self.cycle_id:
            raise ValidationError({"indicator": _("The indicator belongs to another cycle.")})
        if self.indicator_id and not self.indicator.is_region:
            raise ValidationError({"indicator": _("This is not a region indicator.")})


class PublishedIndex(models.Model):
    """The region's Indeks Inovasi Daerah as Kemendagri published it for a year (admin-entered;
    years before the portal have no cycle, so this is keyed by the year alone)."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    index = models.DecimalField(
        _("published index"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    predicate = models.CharField(_("predicate"), max_length=30, choices=Predicate.choices)
    source = models.CharField(_("source"), max_length=300, blank=True)
    entered_by = recorded_user(_("entered by"))
    entered_at = models.DateTimeField(_("entered at"), default=timezone.now)

    class Meta:
        ordering = ["year"]
        verbose_name = _("published IID")
        verbose_name_plural = _("published IID")

    def __str__(self):
        return f"{self.year}: {self.index}"
