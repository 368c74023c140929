"""Notification kinds and delivery states."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role


class Kind(models.TextChoices):
    # Reminders, produced by the daily sweep (notifications.reminders).
    SUBMISSION_DUE = "submission_due", _("Submission due")
    AGREEMENT_UNSIGNED = "agreement_unsigned", _("Agreement not signed")
    REVISION_PENDING = "revision_pending", _("Revision pending")
    REVIEW_OVERDUE = "review_overdue", _("Review overdue")
    REVIEW_OVERDUE_DIGEST = "review_overdue_digest", _("Reviews overdue (weekly digest)")
    # Also sent as an event when an operator's submission starts waiting for the head.
    HEAD_APPROVAL_PENDING = "head_approval_pending", _("Waiting for the unit head's approval")
    MONITORING_DUE = "monitoring_due", _("Monitoring report due")
    DECREE_EXPIRING = "decree_expiring", _("Decree about to lapse")
    # Events, produced when something happens (notifications.events).
    INNOVATION_SUBMITTED = "innovation_submitted", _("Innovation submitted")
    # To the unit's operators when the head sends a submission back to them with a note.
    INNOVATION_RETURNED = "innovation_returned", _("Returned by the unit head")
    INNOVATION_REVISION_REQUESTED = "innovation_revision_requested", _("Revision requested")
    INNOVATION_APPROVED = "innovation_approved", _("Innovation approved")
    INNOVATION_REJECTED = "innovation_rejected", _("Innovation rejected")
    INNOVATION_LAUNCHED = "innovation_launched", _("Innovation launched")
    CURATOR_ASSIGNED = "curator_assigned", _("Curator assigned")
    # One per unit (and per community entry) when a cycle's held decisions are published.
    DECISIONS_PUBLISHED = "decisions_published", _("Curation results published")
    AGREEMENT_READY = "agreement_ready", _("Agreement ready for signature")
    # To a community submitter, who has no account: the e-mail confirmation link.
    COMMUNITY_CONFIRMATION = "community_confirmation", _("Community submission confirmation")
    # To a new account (or again on an admin's request): the link to set one's own password.
    INVITATION = "invitation", _("Invitation to the portal")
    # Operational notices to admins.
    UNITS_WITHOUT_RECIPIENTS = "units_without_recipients", _("Units without recipients")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    # Claimed by a worker and being handed to the mail server right now.
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    # The worker stopped after the mail server may have accepted the message: never resent
    # automatically, an administrator decides (mark sent, or send again).
    UNCERTAIN = "uncertain", _("Uncertain")


# The innovation status an event notification announces, by the status it moved to.
EVENT_KIND_BY_STATUS = {
    "awaiting_head": Kind.HEAD_APPROVAL_PENDING,
    "submitted": Kind.INNOVATION_SUBMITTED,
    "revision_requested": Kind.INNOVATION_REVISION_REQUESTED,
    "approved": Kind.INNOVATION_APPROVED,
    "rejected": Kind.INNOVATION_REJECTED,
    "launched": Kind.INNOVATION_LAUNCHED,
}

# Actions whose event is a kind of its own whatever status they lead to: a return to the
# operator leads to "draft" like an administrator's reopen, which nobody is told about.
EVENT_KIND_BY_ACTION = {"return_to_operator": Kind.INNOVATION_RETURNED}

# Events for one role of the unit only (the rest reach all of the unit's staff): the head
# approves what waits for them; the operators rework what the head returned.
EVENT_ROLES = {
    Kind.HEAD_APPROVAL_PENDING: (Role.HEAD,),
    Kind.INNOVATION_RETURNED: (Role.OPERATOR,),
}
