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
from .enums import Action

# The decisions a unit hears about as a result; revision requests go out at once, since the
# unit has work to do.
HELD_ACTIONS = frozenset({Action.APPROVE, Action.REJECT})


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
    action = models.CharField(
        _("decision"),
        max_length=30,
        choices=[(a.value, a.label) for a in Action if a in HELD_ACTIONS],
    )
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
