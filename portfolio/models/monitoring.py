"""Monitoring and evaluation after the launch: each cycle's schedule and the reports filed."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from innovations.models import Attachment, Cycle, Innovation
from intan_banjar.choices import ChoiceLabels

from ..enums import MonitoringMethod
from ..querysets import PortfolioQuerySet


def default_reminder_offsets():
    return [14, 1]


class MonitoringSchedule(models.Model):
    """How often the launched innovations of a cycle report, and for how long.

    Period k ends `k × interval_months` after the cycle's launch date (31 December when it has
    none); its report is due on that day. A cycle without a row uses the defaults (every six
    months, four periods: the two years the IID counts an implementation).
    """

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="monitoring"
    )
    interval_months = models.PositiveSmallIntegerField(
        _("report every (months)"),
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    periods = models.PositiveSmallIntegerField(
        _("number of reports"),
        default=4,
        validators=[MaxValueValidator(20)],
        help_text=_("0: no monitoring for this cycle (e.g. years before the portal)."),
    )
    lead_days = models.PositiveSmallIntegerField(
        _("due from (days before the date)"), default=30, validators=[MaxValueValidator(180)]
    )
    reminder_offsets_days = models.JSONField(
        _("reminders (days before the date)"), default=default_reminder_offsets
    )

    class Meta:
        verbose_name = _("monitoring schedule")
        verbose_name_plural = _("monitoring schedules")

    def __str__(self):
        return f"{self.cycle}: {self.periods} × {self.interval_months}"


class MonitoringReport(ChoiceLabels, models.Model):
    innovation = models.ForeignKey(
        Innovation,
        verbose_name=_("innovation"),
        on_delete=models.CASCADE,
        related_name="monitoring_reports",
    )
    period = models.PositiveSmallIntegerField(_("period"), validators=[MinValueValidator(1)])
    reported_on = models.DateField(_("report date"))
    method = models.CharField(
        _("method"),
        max_length=20,
        choices=MonitoringMethod.choices,
        default=MonitoringMethod.INTERNAL,
    )
    beneficiaries = models.PositiveIntegerField(_("beneficiaries reached"))
    satisfaction_index = models.DecimalField(
        _("satisfaction survey result (0-100)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    budget_realised = models.PositiveBigIntegerField(
        _("budget realised (rupiah)"), null=True, blank=True
    )
    problems = models.TextField(_("problems"), blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    evidence = models.ManyToManyField(
        Attachment, verbose_name=_("evidence"), blank=True, related_name="monitoring_reports"
    )
    recorded_by = recorded_user(_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PortfolioQuerySet.as_manager()

    class Meta:
        ordering = ["innovation", "period"]
        verbose_name = _("monitoring report")
        verbose_name_plural = _("monitoring reports")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "period"], name="portfolio_monitoring_once_a_period"
            )
        ]

    def __str__(self):
        return f"{self.innovation_id} #{self.period}"
