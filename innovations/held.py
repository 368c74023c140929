"""Decisions held back until Bappedalitbang publishes a cycle's decisions together (issue 16).

In a cycle with `publish_decisions_together`, approving or rejecting records a `HeldDecision`
and leaves the status where curation has it ("Dalam kurasi" for the unit, which hears nothing);
`publishing.decisions_publish` then applies every held decision in one step and each unit is
told its results once. Keeping the status unchanged until then means the catalogue, filters,
counts and exports never show a decision the regency has not announced.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from intan_banjar.choices import ChoiceLabels

from .cycles import Cycle
from .enums import Action, Status
from .rules import may_see_held_decisions

# The decisions a unit hears about as a result; revision requests go out at once, since the
# unit has work to do.
HELD_ACTIONS = frozenset({Action.APPROVE, Action.REJECT})


# What a held decision (and a replaced one) may be.
HELD_CHOICES = [(a.value, a.label) for a in Action if a in HELD_ACTIONS]


class DecisionPublication(models.Model):
    """One "publish the cycle's decisions" step: who, when, and what it announced."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="publications"
    )
    published_by = recorded_user(_("published by"))
    published_at = models.DateTimeField(_("published at"), default=timezone.now)
    innovation_ids = models.JSONField(_("innovations"), default=list)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("decision publication")
        verbose_name_plural = _("decision publications")

    def __str__(self):
        return f"{self.cycle} {self.published_at:%Y-%m-%d %H:%M}"


class HeldDecision(ChoiceLabels, models.Model):
    """A decision taken but not yet published; deleted once it is applied."""

    innovation = models.OneToOneField(
        "innovations.Innovation", on_delete=models.CASCADE, related_name="held_decision"
    )
    action = models.CharField(_("decision"), max_length=30, choices=HELD_CHOICES)
    note = models.TextField(_("note"), blank=True)
    decided_by = recorded_user(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)
    # Set while the publication applies it: the per-innovation event is then left to the
    # publication's one message per unit.
    publication = models.ForeignKey(
        DecisionPublication, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("held decision")
        verbose_name_plural = _("held decisions")

    def __str__(self):
        return f"{self.innovation_id}: {self.action}"


class HeldDecisionChange(ChoiceLabels, models.Model):
    """A held decision that a later decision replaced before publication.

    Only the latest decision is held (and applied); this row keeps the one it replaced and who
    replaced it, so a second decider's change is part of the record instead of an overwrite.
    Like the held decision, it is curation's: units never see it.
    """

    innovation = models.ForeignKey(
        "innovations.Innovation",
        on_delete=models.CASCADE,
        related_name="held_decision_changes",
    )
    action = models.CharField(_("decision"), max_length=30, choices=HELD_CHOICES)
    note = models.TextField(_("note"), blank=True)
    decided_by = recorded_user(_("decided by"))
    decided_at = models.DateTimeField(_("decided at"))
    changed_by = recorded_user(_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("changed held decision")
        verbose_name_plural = _("changed held decisions")

    def __str__(self):
        return f"{self.innovation_id}: {self.action} (changed {self.changed_at:%Y-%m-%d %H:%M})"


def shown_held_decision(innovation, user):
    """The decision held for `innovation` with its earlier changes, or None: for `user` only
    where `may_see_held_decisions`.

    A decision is held only in review in a cycle that publishes decisions together (an approval
    or rejection of a submitted innovation starts the review first), so any other innovation
    costs no query.
    """
    if (
        innovation.status != Status.IN_REVIEW
        or not innovation.cycle.publish_decisions_together
        or not may_see_held_decisions(user)
    ):
        return None
    held = (
        HeldDecision.objects.filter(innovation=innovation, publication__isnull=True)
        .select_related("decided_by")
        .first()
    )
    if held is not None:
        held.changes = list(
            HeldDecisionChange.objects.filter(innovation=innovation).select_related(
                "decided_by", "changed_by"
            )
        )
    return held
