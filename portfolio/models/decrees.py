"""Decrees (SK) adopting an innovation: who signed what, when, and how long it is in force."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from innovations.models import Attachment, Innovation
from intan_banjar.choices import ChoiceLabels

from ..enums import DECREE_INDICATORS, DecreeKind, DecreeState
from ..querysets import PortfolioQuerySet

# A decree ending within this many days is flagged "expires soon" (readiness page, lists).
EXPIRING_WITHIN_DAYS = 60


class Decree(ChoiceLabels, models.Model):
    innovation = models.ForeignKey(
        Innovation, verbose_name=_("innovation"), on_delete=models.CASCADE, related_name="decrees"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DecreeKind.choices)
    number = models.CharField(_("number"), max_length=120)
    issued_on = models.DateField(_("date"))
    signatory = models.CharField(_("signatory"), max_length=200)
    valid_from = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Empty: from the decree's date.")
    )
    valid_until = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Empty: without an end date.")
    )
    indicator = models.PositiveSmallIntegerField(
        _("IID indicator"),
        choices=[(n, str(n)) for n in DECREE_INDICATORS],
        default=DECREE_INDICATORS[0],
        help_text=_(
            "The IID indicator the decree is evidence of (16: the innovation's regulation)."
        ),
    )
    document = models.OneToOneField(
        Attachment,
        verbose_name=_("scanned document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decree",
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = recorded_user(_("recorded by"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PortfolioQuerySet.as_manager()

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("decree")
        verbose_name_plural = _("decrees")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "number"], name="portfolio_decree_number_once"
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=F("issued_on")),
                name="portfolio_decree_ends_after_date",
            ),
        ]
        indexes = [models.Index(fields=["valid_until"], name="portfolio_decree_until")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.number}"

    def clean(self):
        super().clean()
        start = self.starts_on
        if self.valid_until and start and self.valid_until < start:
            raise ValidationError(
                {"valid_until": _("A decree cannot end before it comes into force.")}
            )

    @property
    def starts_on(self):
        return self.valid_from or self.issued_on

    def state(self, today=None):
        today = today or timezone.localdate()
        if self.starts_on and self.starts_on > today:
            return DecreeState.PENDING
        if self.valid_until is None:
            return DecreeState.VALID
        if self.valid_until < today:
            return DecreeState.EXPIRED
        if self.valid_until <= today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS):
            return DecreeState.EXPIRING
        return DecreeState.VALID

    def days_left(self, today=None):
        if self.valid_until is None:
            return None
        return (self.valid_until - (today or timezone.localdate())).days
