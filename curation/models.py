"""Rubric, assignments, reviews and internal comments of Bappedalitbang's curation.

Reviews and internal comments belong to the region's curators: no unit ever reads them.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from innovations.models import Cycle, Innovation
from intan_banjar.choices import ChoiceLabels

from .rubric import WEIGHT_TOTAL


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Approve")
    REVISE = "revise", _("Revise")
    REJECT = "reject", _("Reject")


code_validator = RegexValidator(
    r"^[a-z][a-z0-9_]*$",
    _("Use lower-case letters, digits and underscores, starting with a letter."),
)


class Criterion(models.Model):
    """One line of a cycle's rubric; a review scores each line 1-5.

    `descriptions()` says what 1, 3 and 5 mean (2 and 4 lie between)."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="criteria"
    )
    code = models.CharField(_("code"), max_length=40, validators=[code_validator])
    name = models.CharField(_("name"), max_length=200)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(WEIGHT_TOTAL)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # What a score means, so two curators give the same innovation the same number.
    description_1 = models.TextField(_("a score of 1 means"), blank=True, max_length=500)
    description_3 = models.TextField(_("a score of 3 means"), blank=True, max_length=500)
    description_5 = models.TextField(_("a score of 5 means"), blank=True, max_length=500)

    class Meta:
        ordering = ["cycle", "order", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "code"], name="criterion_unique_code"),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight})"

    def descriptions(self):
        """[(score, text)] for the scores described, in order."""
        return [
            (score, text)
            for score, text in (
                (1, self.description_1),
                (3, self.description_3),
                (5, self.description_5),
            )
            if text
        ]


class Assignment(models.Model):
    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="assignments")
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curator"),
        on_delete=models.CASCADE,
        related_name="curation_assignments",
    )
    assigned_by = recorded_user(_("assigned by"))
    assigned_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        ordering = ["assigned_at", "id"]
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "curator"], name="assignment_unique_curator"
            ),
        ]

    def __str__(self):
        return f"{self.innovation_id} → {self.curator}"


class Review(ChoiceLabels, models.Model):
    """One curator's scoring of one round of an innovation (a resubmission opens a new round)."""

    innovation = models.ForeignKey(Innovation, on_delete=models.CASCADE, related_name="reviews")
    curator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("curator"),
        on_delete=models.PROTECT,
        related_name="curation_reviews",
    )
    round = models.PositiveSmallIntegerField(_("review round"))
    scores = models.JSONField(_("scores"), default=dict)
    comment = models.TextField(_("comment"), blank=True)
    recommendation = models.CharField(
        _("recommendation"), max_length=10, choices=Recommendation.choices
    )
    weighted_score = models.FloatField(_("weighted score"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-round", "created_at", "id"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["innovation", "curator", "round"], name="review_one_per_curator_round"
            ),
        ]
        indexes = [models.Index(fields=["innovation", "round"], name="review_innovation_round")]

    def __str__(self):
        return f"{self.innovation_id} r{self.round} {self.curator}: {self.weighted_score}"


class InternalComment(models.Model):
    """A note between curators on an innovation; never shown to the unit."""

    innovation = models.ForeignKey(
        Innovation, on_delete=models.CASCADE, related_name="internal_comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("internal comment")
        verbose_name_plural = _("internal comments")

    def __str__(self):
        return f"{self.innovation_id} {self.author}: {self.body[:40]}"


class NoteTemplateQuerySet(models.QuerySet):
    def for_decision(self, action):
        return self.filter(action=action).order_by("title", "id")


class NoteTemplate(ChoiceLabels, models.Model):
    """A reusable note for one decision, kept by lead curators and admins (issue 16).

    The decision form offers them; the curator edits the text before sending it to the unit.
    """

    class Decision(models.TextChoices):
        REQUEST_REVISION = "request_revision", _("Request revision")
        APPROVE = "approve", _("Approve")
        REJECT = "reject", _("Reject")

    action = models.CharField(_("decision"), max_length=30, choices=Decision.choices)
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("text"), max_length=5000)
    created_by = recorded_user(_("created by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = NoteTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["action", "title", "id"]
        verbose_name = _("decision note template")
        verbose_name_plural = _("decision note templates")

    def __str__(self):
        return self.title
