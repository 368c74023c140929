"""Perjanjian Inovasi Daerah: one agreement per unit and cycle, and its audit log."""

import uuid

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.enums import Role
from accounts.fields import recorded_user
from accounts.models import nip_validator
from intan_banjar.choices import ChoiceLabels
from intan_banjar.querysets import LockingQuerySet

from .enums import AgreementAction, AgreementStatus, Fulfilment


def cycle_end(cycle):
    """The day the cycle's results are final: the launch, or the end of curation without one."""
    return cycle.launch_date or cycle.curation_deadline


def cycle_has_ended(cycle, today=None):
    return (today or timezone.localdate()) > cycle_end(cycle)


def fulfilment_for(cycle, committed, delivered, today=None):
    """`fulfilled`/`not_fulfilled` once the cycle has ended, else None (still open)."""
    if not cycle_has_ended(cycle, today):
        return None
    return Fulfilment.FULFILLED if delivered >= committed else Fulfilment.NOT_FULFILLED


def scan_upload_to(instance, filename):
    """A random name: the uploader's file name never reaches the disk (nor guessable URLs)."""
    return f"agreements/{uuid.uuid4().hex}.pdf"


class AgreementQuerySet(LockingQuerySet):
    lock_related = ("unit", "cycle")

    def visible_to(self, user):
        """Unit staff see their own unit's agreements; Bappedalitbang and leaders see all."""
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role in (Role.CURATOR, Role.ADMIN, Role.LEADER):
            return self
        if user.role in (Role.OPERATOR, Role.HEAD) and user.unit_id:
            return self.filter(unit_id=user.unit_id)
        return self.none()

    def for_list(self):
        return self.select_related(
            "unit", "cycle", "signed_by", "verified_by", "created_by"
        ).with_delivered()

    def with_delivered(self):
        """Annotate `delivered`: the unit's approved or launched innovations of the cycle."""
        from innovations.enums import APPROVED_STATUSES
        from innovations.models import Innovation

        delivered = (
            Innovation.objects.filter(
                unit_id=models.OuterRef("unit_id"),
                cycle_id=models.OuterRef("cycle_id"),
                status__in=sorted(APPROVED_STATUSES),
            )
            .order_by()
            .values("unit_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        return self.annotate(
            delivered=models.functions.Coalesce(
                models.Subquery(delivered, output_field=models.IntegerField()), 0
            )
        )


class Agreement(ChoiceLabels, models.Model):
    """A unit head's yearly commitment to deliver innovations (PP 38/2017, Banjar's programme).

    Fulfilment is not a field: it follows from the unit's innovations at the end of the cycle,
    so it can never disagree with them.
    """

    unit = models.ForeignKey(
        "accounts.Unit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    cycle = models.ForeignKey(
        "innovations.Cycle",
        verbose_name=_("cycle"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AgreementStatus.choices,
        default=AgreementStatus.DRAFT,
        db_index=True,
    )
    committed_count = models.PositiveSmallIntegerField(_("committed innovations"), default=1)
    planned_titles = models.JSONField(_("planned titles"), default=list, blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_nip = models.CharField(
        _("signatory's NIP"), max_length=18, blank=True, validators=[nip_validator]
    )
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_by = recorded_user(_("signature recorded by"), on_delete=models.PROTECT)
    signed_at = models.DateTimeField(_("signature recorded at"), null=True, blank=True)
    signed_on_behalf = models.BooleanField(
        _("paper signature recorded by an administrator"), default=False
    )
    scan = models.FileField(
        _("scan of the signed agreement"), upload_to=scan_upload_to, blank=True, max_length=200
    )
    verified_by = recorded_user(_("verified by"), on_delete=models.PROTECT)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    rejection_note = models.TextField(_("reason it was sent back"), blank=True)
    created_by = recorded_user(_("created by"), on_delete=models.PROTECT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AgreementQuerySet.as_manager()

    class Meta:
        ordering = ["-cycle__year", "unit__kind", "unit__name"]
        verbose_name = _("innovation agreement")
        verbose_name_plural = _("innovation agreements")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "cycle"],
                name="one_agreement_per_unit_and_cycle",
                violation_error_message=_("This unit already has an agreement for this cycle."),
            ),
            models.CheckConstraint(
                condition=Q(committed_count__gte=1),
                name="agreement_commits_at_least_one",
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.cycle}"

    def clean(self):
        errors = {}
        if self.cycle_id and self.committed_count is not None:
            minimum = self.cycle.min_innovations_per_unit
            if self.committed_count < minimum:
                errors["committed_count"] = _(
                    "Commit to at least %(minimum)d innovation(s) this cycle."
                ) % {"minimum": minimum}
        titles = self.planned_titles
        if not isinstance(titles, list) or not all(
            isinstance(title, str) and title.strip() for title in titles
        ):
            errors["planned_titles"] = _("Give the planned titles as a list of non-empty texts.")
        elif any(len(title) > 300 for title in titles):
            errors["planned_titles"] = _("A planned title has at most 300 characters.")
        if errors:
            raise ValidationError(errors)

    @property
    def fulfilment(self):
        """Needs the `delivered` annotation (`for_list()` / `with_delivered()`)."""
        delivered = getattr(self, "delivered", None)
        if delivered is None:
            return None
        return fulfilment_for(self.cycle, self.committed_count, delivered)

    def get_fulfilment_display(self):
        fulfilment = self.fulfilment
        return Fulfilment(fulfilment).label if fulfilment else ""


class AgreementEvent(ChoiceLabels, models.Model):
    """Who did what to an agreement, and when: the signing act must be provable later."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=20, choices=AgreementAction.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("agreement event")
        verbose_name_plural = _("agreement events")

    def __str__(self):
        return f"{self.agreement} {self.action}"

    @property
    def shown_note(self):
        """The note as the history shows it, in the reader's language.

        An update's note holds the names of the fields it was given (`services.agreement_update`),
        shown as their labels; a name the model no longer has is shown as stored. Every other
        note is what a person typed (the reason an agreement was sent back) and is shown as is.
        """
        if self.action != AgreementAction.UPDATE or not self.note:
            return self.note
        labels = []
        for name in self.note.split(", "):
            try:
                labels.append(str(Agreement._meta.get_field(name).verbose_name))
            except FieldDoesNotExist:
                labels.append(name)
        return capfirst(", ".join(labels))


class ComplianceVersion(models.Model):
    """One row whose token PostgreSQL triggers replace on every write to the units, the
    agreements or the cycles' years (migration 0002), so a process may keep what the compliance
    table reads of them while the token it read them under is still current
    (`compliance_kept`).

    Written only by the triggers; a missing row (a flushed test database, SQLite) means "keep
    nothing".
    """

    id = models.SmallIntegerField(primary_key=True)
    token = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("compliance version")
        verbose_name_plural = _("compliance versions")

    def __str__(self):
        return self.token
