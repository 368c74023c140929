"""The innovation's history: every status change (the audit trail) and every submitted profile."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from intan_banjar.choices import ChoiceLabels

from .enums import HistoryAction, Status
from .rules import hides_actor


class TransitionLog(ChoiceLabels, models.Model):
    """Who moved the innovation from which status to which, when and why (the audit trail)."""

    innovation = models.ForeignKey(
        "innovations.Innovation", on_delete=models.CASCADE, related_name="history"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = recorded_user(_("actor"))
    action = models.CharField(_("action"), max_length=30, choices=HistoryAction.choices)
    from_status = models.CharField(_("from"), max_length=20, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=1)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self):
        return f"{self.action}: {self.from_status} -> {self.to_status}"


def shown_actor(entry, viewer):
    """(e-mail, name) of the entry's actor as `viewer` may see them; (None, None) for the system.

    The one place the API and the pages ask: a unit sees "Bappedalitbang" where the actor is a
    curator it may not know about (`rules.hides_actor`).
    """
    if hides_actor(viewer, entry):
        return None, str(_("Bappedalitbang"))
    if entry.actor is None:
        return None, None
    return entry.actor.email, entry.actor.full_name


class ProfileVersion(models.Model):
    """The profile as it was submitted, so curators see what changed between rounds."""

    innovation = models.ForeignKey(
        "innovations.Innovation", on_delete=models.CASCADE, related_name="versions"
    )
    review_round = models.PositiveSmallIntegerField(_("review round"))
    data = models.JSONField(_("profile"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    created_by = recorded_user(_("created by"))

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("profile version")
        verbose_name_plural = _("profile versions")

    def __str__(self):
        return f"{self.innovation_id} round {self.review_round}"
