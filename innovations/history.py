"""The innovation's history: every status change (the audit trail) and every submitted profile."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.fields import recorded_user
from intan_banjar.choices import ChoiceLabels

from .enums import HistoryAction, Status
from .rules import acts_as_agency, hides_actor, may_see_curators


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


# The actor's columns the history shows, read as annotations of the entry (`shown_history`).
ACTOR_COLUMNS = {
    "shown_actor_role": models.F("actor__role"),
    "actor_email": models.F("actor__email"),
    "actor_name": models.F("actor__full_name"),
}


def shown_history(innovation, viewer):
    """The innovation's status changes, oldest first, each with `shown_actor_email` and
    `shown_actor_name` as `shown_actor` gives them to `viewer`, in one query.

    For the innovation's page: the actor's three columns come as annotations instead of a
    joined user row (building a user per entry cost more than the entry), and whether `viewer`
    may see curators is asked once, not per entry. The entries carry no `actor`.
    """
    agency = None
    if not (viewer is not None and may_see_curators(viewer)):
        agency = str(_("Bappedalitbang"))
    from .detail_reads import history_entries  # the prepared read of the entries (issue 20)

    entries = history_entries(innovation)
    for entry in entries:
        if agency is not None and acts_as_agency(entry.action, entry.shown_actor_role):
            entry.shown_actor_email, entry.shown_actor_name = None, agency
        elif entry.actor_id is None:
            entry.shown_actor_email, entry.shown_actor_name = None, None
        else:
            entry.shown_actor_email, entry.shown_actor_name = entry.actor_email, entry.actor_name
    return entries


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
