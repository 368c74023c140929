"""Writes of the notifications app: queueing, reading, retrying, and the reminder sweep.

Other apps call `notify_assignment` and `notify_agreement_ready` (or send the signals listened
to in notifications.events); the innovation workflow is heard through its signal.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.enums import UNIT_ROLES, Role
from intan_banjar.exceptions import Refused, StateConflict

from .delivery import expire_claims, requeue_candidates
from .enums import EVENT_KIND_BY_ACTION, EVENT_KIND_BY_STATUS, EVENT_ROLES, DeliveryStatus, Kind
from .outbox import Planned, enqueue, enqueue_on_commit, new_planned, notifications_queue
from .recipients import admins, unit_staff
from .reminders import REGISTRY
from .rendering import innovation_url, portal_url
from .rules import may_manage_outbox

logger = logging.getLogger(__name__)


@transaction.atomic
def notification_mark_read(*, notification, by):
    if notification.recipient_id != by.pk:
        raise Refused(_("Only the recipient can mark a notification as read."))
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user):
    from .models import Notification

    return Notification.objects.own(user).unread().update(read_at=timezone.now())


RETRYABLE = (DeliveryStatus.FAILED, DeliveryStatus.UNCERTAIN)
# What an administrator may do with an outbox row, by its delivery status (the API's actions).
RESOLUTIONS = {
    DeliveryStatus.FAILED: ("retry",),
    DeliveryStatus.UNCERTAIN: ("retry", "mark-sent"),
}


def allowed_actions(status):
    return list(RESOLUTIONS.get(status, ()))


def _require_admin(by, message):
    if not may_manage_outbox(by):
        raise Refused(message)


def _conflict(notification, message):
    """The action does not fit the row's delivery status (409): checked after the role."""
    return StateConflict(
        message, status=notification.status, allowed_actions=allowed_actions(notification.status)
    )


def _resend_fields(by, now):
    return {
        "status": DeliveryStatus.PENDING,
        "attempts": 0,
        "queued_at": None,
        "handed_over_at": None,
        "next_attempt_at": now,
        "resolved_by": by,
        "resolved_at": now,
    }


@transaction.atomic
def notification_retry(*, notification, by):
    """An admin sends a row again with a fresh set of attempts: a failed one, or an uncertain
    one (the admin accepts that the recipient may then have it twice)."""
    _require_admin(by, _("Only administrators can retry notifications."))
    notification = type(notification).objects.locked(notification.pk)
    if notification.status not in RETRYABLE:
        raise _conflict(
            notification, _("Only failed or uncertain notifications can be sent again.")
        )
    fields = _resend_fields(by, timezone.now())
    for name, value in fields.items():
        setattr(notification, name, value)
    notification.save(update_fields=list(fields))
    enqueue_on_commit([notification.pk])
    return notification


@transaction.atomic
def notification_mark_sent(*, notification, by):
    """An admin settles an uncertain row as delivered (the recipient confirmed it arrived)."""
    _require_admin(by, _("Only administrators can resolve notifications."))
    notification = type(notification).objects.locked(notification.pk)
    if notification.status != DeliveryStatus.UNCERTAIN:
        raise _conflict(notification, _("Only uncertain notifications can be marked as sent."))
    now = timezone.now()
    notification.status = DeliveryStatus.SENT
    notification.sent_at = notification.handed_over_at or notification.last_attempt_at or now
    notification.resolved_by = by
    notification.resolved_at = now
    notification.save(update_fields=["status", "sent_at", "resolved_by", "resolved_at"])
    return notification


@transaction.atomic
def notifications_retry_failed(*, queryset, by, statuses=(DeliveryStatus.FAILED,)):
    """Send again every row of a selection in one of `statuses` (the admin site's actions)."""
    _require_admin(by, _("Only administrators can retry notifications."))
    ids = list(
        queryset.select_for_update(of=("self",))
        .filter(status__in=[s for s in statuses if s in RETRYABLE])
        .values_list("pk", flat=True)
    )
    queryset.model.objects.filter(pk__in=ids).update(**_resend_fields(by, timezone.now()))
    enqueue_on_commit(ids)
    return len(ids)


@transaction.atomic
def notifications_mark_sent(*, queryset, by):
    """Settle every uncertain row of a selection as delivered (the admin site's action)."""
    _require_admin(by, _("Only administrators can resolve notifications."))
    rows = list(queryset.select_for_update(of=("self",)).filter(status=DeliveryStatus.UNCERTAIN))
    for row in rows:
        notification_mark_sent(notification=row, by=by)
    return len(rows)


def notifications_requeue_pending(*, now=None, limit=5000):
    """Settle claims whose worker died, then hand the broker again the pending rows whose
    message is lost or never was (e.g. it was down at the event)."""
    released, uncertain = expire_claims(now=now)
    if uncertain:
        logger.error("%s notifications may have been sent by a stopped worker", uncertain)
    ids = released + [
        pk
        for pk in requeue_candidates(now=now).values_list("pk", flat=True)[:limit]
        if pk not in released
    ]
    published = enqueue(ids) if ids else []
    if ids:
        logger.info(
            "Re-queued %s of %s pending notifications (%s after a stopped worker)",
            len(published),
            len(ids),
            len(released),
        )
    return published


# Events -------------------------------------------------------------------------------------


def innovation_event_notify(
    *, innovation_id, to_status, note="", action="", innovation=None, log_id=None, publishing=None
):
    """Tell the unit (or the community submitter) that its innovation changed status.

    The transition passes what it holds: its locked `innovation` (cycle and unit joined), the
    `log_id` of the history row it wrote, whether a publication is `publishing` it; each one
    given is a query not made. Without them (a repeated signal) they are read."""
    kind = EVENT_KIND_BY_ACTION.get(action) or EVENT_KIND_BY_STATUS.get(to_status)
    if kind is None:
        return []
    if innovation is None:
        Innovation = apps.get_model("innovations", "Innovation")
        innovation = (
            Innovation.objects.select_related("unit", "cycle", "community_submitter")
            .filter(pk=innovation_id)
            .first()
        )
    if innovation is None:
        return []
    # A held decision carries its publication only while `decisions_publish` applies it.
    if publishing if publishing is not None else _announced_by_publication(innovation):
        return []  # the publication tells each unit all its results in one message
    # The history row of this very transition makes the key: a later, genuine repeat of the
    # same change (a second rejection after a reopen) is new; a key naming the row the
    # transition has just written cannot exist yet (`new_keys`).
    new_keys = log_id is not None
    if log_id is None:
        log_id = (
            innovation.history.filter(to_status=to_status)
            .order_by("-at", "-id")
            .values_list("id", flat=True)
            .first()
        )
    occurrence = f"t{log_id}" if log_id else f"r{innovation.review_round}"
    base = dict(
        kind=kind,
        key=f"{kind}:innovation:{innovation.pk}:c{innovation.cycle.year}:{occurrence}",
        context={"innovation": innovation, "cycle": innovation.cycle, "note": note},
        target_type="innovation",
        target_id=innovation.pk,
        cycle_year=innovation.cycle.year,
    )
    planned = []
    if innovation.unit_id:
        link = innovation_url(innovation.pk)
        roles = EVENT_ROLES.get(kind, UNIT_ROLES)
        staff = unit_staff([innovation.unit_id], roles=roles)
        for person in staff.get(innovation.unit_id, []):
            planned.append(Planned(**base, link=link, recipient=person))
    else:
        submitter = getattr(innovation, "community_submitter", None)
        if submitter is not None and submitter.email:
            link = portal_url("katalog:list")
            planned.append(Planned(**base, link=link, email=submitter.email))
    return notifications_queue(planned=planned, new_keys=new_keys)


def _announced_by_publication(innovation):
    HeldDecision = apps.get_model("innovations", "HeldDecision")
    return HeldDecision.objects.filter(
        innovation_id=innovation.pk, publication__isnull=False
    ).exists()


def notify_decisions_published(*, publication_id):
    """Each unit hears its results of one publication once: one message per person of the unit
    listing all its decided innovations; a community entry's submitter hears of their entry."""
    DecisionPublication = apps.get_model("innovations", "DecisionPublication")
    Innovation = apps.get_model("innovations", "Innovation")
    publication = DecisionPublication.objects.select_related("cycle").filter(pk=publication_id)
    publication = publication.first()
    if publication is None:
        return []
    cycle = publication.cycle
    innovations = list(
        Innovation.objects.filter(pk__in=publication.innovation_ids)
        .select_related("unit", "community_submitter")
        .order_by("unit_id", "code")
    )
    by_unit = {}
    for innovation in innovations:
        if innovation.unit_id:
            by_unit.setdefault(innovation.unit_id, []).append(innovation)
    staff = unit_staff(list(by_unit))
    kind = Kind.DECISIONS_PUBLISHED
    planned = []
    link = portal_url("innovations:list")
    for unit_id, results in by_unit.items():
        context = {"cycle": cycle, "unit": results[0].unit, "innovations": results}
        for person in staff.get(unit_id, []):
            planned.append(
                Planned(
                    kind=kind,
                    key=f"{kind}:unit:{unit_id}:c{cycle.year}:p{publication.pk}",
                    context=context,
                    link=link,
                    recipient=person,
                    target_type="unit",
                    target_id=unit_id,
                    cycle_year=cycle.year,
                )
            )
    for innovation in innovations:
        submitter = getattr(innovation, "community_submitter", None)
        if innovation.unit_id is None and submitter is not None and submitter.email:
            planned.append(
                Planned(
                    kind=kind,
                    key=f"{kind}:innovation:{innovation.pk}:c{cycle.year}:p{publication.pk}",
                    context={"cycle": cycle, "unit": None, "innovations": [innovation]},
                    link=portal_url("katalog:list"),
                    email=submitter.email,
                    target_type="innovation",
                    target_id=innovation.pk,
                    cycle_year=cycle.year,
                )
            )
    return notifications_queue(planned=planned)


def notify_assignment(*, innovation, curators):
    """Tell curators they were assigned an innovation to review (called by curation)."""
    planned = [
        Planned(
            kind=Kind.CURATOR_ASSIGNED,
            key=(
                f"{Kind.CURATOR_ASSIGNED}:innovation:{innovation.pk}:c{innovation.cycle.year}"
                f":r{innovation.review_round}"
            ),
            context={"innovation": innovation, "cycle": innovation.cycle},
            link=innovation_url(innovation.pk),
            recipient=curator,
            target_type="innovation",
            target_id=innovation.pk,
            cycle_year=innovation.cycle.year,
        )
        for curator in curators
        if curator.is_active
    ]
    return notifications_queue(planned=planned)


def notify_agreement_ready(*, agreement, today=None):
    """Tell the unit head that the agreement waits for a signature (called by agreements).

    Units without a head account hear it through their operators."""
    today = today or timezone.localdate()
    staff = unit_staff([agreement.unit_id]).get(agreement.unit_id, [])
    heads = [user for user in staff if user.role == Role.HEAD] or staff
    cycle = agreement.cycle
    # Each time the agreement comes (back) to the head is one occurrence: its latest event.
    event_id = agreement.events.order_by("-id").values_list("id", flat=True).first()
    occurrence = f"e{event_id}" if event_id else today.isoformat()
    link = portal_url("agreements:detail", agreement.pk)
    planned = [
        Planned(
            kind=Kind.AGREEMENT_READY,
            key=f"{Kind.AGREEMENT_READY}:agreement:{agreement.pk}:c{cycle.year}:{occurrence}",
            context={"agreement": agreement, "unit": agreement.unit, "cycle": cycle},
            link=link,
            recipient=person,
            target_type="agreement",
            target_id=agreement.pk,
            cycle_year=cycle.year,
        )
        for person in heads
    ]
    return notifications_queue(planned=planned)


# The reminder sweep ---------------------------------------------------------------------------


@dataclass
class SweepResult:
    today: datetime.date
    dry_run: bool
    # kind -> the Planned notifications it queued (or, in a dry run, would queue)
    by_kind: dict = field(default_factory=dict)
    orphan_units: dict = field(default_factory=dict)

    @property
    def total(self):
        return sum(len(items) for items in self.by_kind.values())


def sweep_cycles(today):
    """Cycles whose reminders can still be due: last year's, this year's and next year's."""
    Cycle = apps.get_model("innovations", "Cycle")
    return list(Cycle.objects.filter(year__range=(today.year - 1, today.year + 1)).order_by("year"))


@transaction.atomic
def reminders_sweep(*, today=None, dry_run=False):
    """Run every reminder kind for the open cycles; a second run the same day adds nothing."""
    today = today or timezone.localdate()
    result = SweepResult(today=today, dry_run=dry_run)
    occasions = [(cycle, kind) for cycle in sweep_cycles(today) for kind in REGISTRY]
    occasions += [(None, kind) for kind, reminder in REGISTRY.items() if not reminder.per_cycle]
    for cycle, kind in occasions:
        reminder = REGISTRY[kind]
        if (cycle is None) == reminder.per_cycle:
            continue
        plan = reminder.plan(cycle, today)
        fresh = new_planned(plan.planned)
        if not dry_run and fresh:
            notifications_queue(planned=fresh)
        result.by_kind.setdefault(kind, []).extend(fresh)
        if plan.orphan_units and cycle is not None:
            result.orphan_units.setdefault(cycle.year, []).extend(plan.orphan_units)
    for year, names in result.orphan_units.items():
        fresh = new_planned(orphans_report(year=year, names=names, today=today))
        if not dry_run and fresh:
            notifications_queue(planned=fresh)
        result.by_kind.setdefault(Kind.UNITS_WITHOUT_RECIPIENTS, []).extend(fresh)
    return result


def orphans_report(*, year, names, today):
    """Units that should have been reminded but have no active user: admins hear of it daily."""
    names = sorted(set(names))
    return [
        Planned(
            kind=Kind.UNITS_WITHOUT_RECIPIENTS,
            key=f"{Kind.UNITS_WITHOUT_RECIPIENTS}:cycle:{year}:c{year}:{today.isoformat()}",
            context={"units": names, "year": year, "today": today},
            link=portal_url("users"),  # the portal's own user management, not the Django admin
            recipient=admin,
            target_type="cycle",
            target_id=year,
            cycle_year=year,
        )
        for admin in admins()
    ]
