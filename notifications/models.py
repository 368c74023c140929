"""The outbox: every notification is a row before it is an e-mail.

A row is written in the transaction of the event that causes it, with a unique idempotency key,
so a re-run sweep, a retried task or a redelivered message can never produce a second e-mail,
and a broker outage loses nothing (pending rows are re-queued).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.fields import recorded_user
from intan_banjar.choices import ChoiceLabels
from intan_banjar.querysets import LockingQuerySet

from .enums import DeliveryStatus, Kind
from .rendering import site_path


class NotificationQuerySet(LockingQuerySet):
    def visible_to(self, user):
        """Admins see the whole outbox; everyone else only what was addressed to them."""
        if not user.is_authenticated:
            return self.none()
        if user.is_active and user.role == Role.ADMIN:
            return self
        return self.filter(recipient=user)

    def own(self, user):
        if not user.is_authenticated:
            return self.none()
        return self.filter(recipient=user)

    def for_list(self):
        return self.select_related("recipient")

    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(ChoiceLabels, models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
        help_text=_("Empty for people without an account (community submitters)."),
    )
    email = models.EmailField(_("e-mail address"))
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices, db_index=True)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("plain text body"))
    body_html = models.TextField(_("HTML body"), blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    target_type = models.CharField(_("target type"), max_length=30, blank=True)
    target_id = models.PositiveBigIntegerField(_("target id"), null=True, blank=True)
    cycle_year = models.PositiveSmallIntegerField(_("cycle"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeliveryStatus.choices,
        default=DeliveryStatus.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # When the current (or last) attempt claimed the row: the start of its lease.
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    # Set just before the message is given to the mail server (SMTP DATA): a worker that dies
    # after this may have sent it, one that dies before certainly did not.
    handed_over_at = models.DateTimeField(_("handed to the mail server"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    queued_at = models.DateTimeField(_("handed to the broker"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    idempotency_key = models.CharField(_("idempotency key"), max_length=300, unique=True)
    resolved_by = recorded_user(_("resolved by"))
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read"),
            models.Index(fields=["status", "created_at"], name="notif_status_created"),
            models.Index(fields=["status", "next_attempt_at"], name="notif_status_next_attempt"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(email=""),
                name="notification_has_address",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.email}"

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def site_link(self):
        """The link as the portal's pages show it: a path on the reader's own site."""
        return site_path(self.link)
