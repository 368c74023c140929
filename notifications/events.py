"""Receivers of the signals other apps send. Notifications depend on those apps, never the
reverse, so each app announces its events and this module turns them into outbox rows.

Expected signal arguments:
- innovations.signals.innovation_transitioned: innovation_id, action, actor_id, from_status,
  to_status, note (and, from the transition itself, innovation, log_id, publishing)
- curation.signals.curators_assigned: innovation_id, curator_ids, actor_id
- agreements.signals.agreement_ready_for_signature: agreement_id, actor_id
- innovations.signals.community_confirmation_requested: innovation_id, link, occurrence, days
- accounts.signals.invitation_requested: user_id, link, occurrence
"""

import importlib

from django.apps import apps

from .enums import Kind
from .outbox import Planned, notifications_queue
from .services import (
    innovation_event_notify,
    notify_agreement_ready,
    notify_assignment,
    notify_decisions_published,
)


def on_innovation_transitioned(sender, *, innovation_id, to_status, note="", action="", **kwargs):
    # Runs inside the transition's transaction: the outbox rows commit with the change, and an
    # error here rolls the change back rather than losing its notification.
    innovation_event_notify(
        innovation_id=innovation_id,
        to_status=to_status,
        note=note or "",
        action=action,
        innovation=kwargs.get("innovation"),
        log_id=kwargs.get("log_id"),
        publishing=kwargs.get("publishing"),
    )


def on_curators_assigned(sender, *, innovation_id, curator_ids, **kwargs):
    Innovation = apps.get_model("innovations", "Innovation")
    User = apps.get_model("accounts", "User")
    innovation = Innovation.objects.select_related("cycle").filter(pk=innovation_id).first()
    if innovation is None:
        return []
    curators = list(User.objects.filter(pk__in=list(curator_ids)).order_by("id"))
    return notify_assignment(innovation=innovation, curators=curators)


def on_agreement_ready(sender, *, agreement_id, **kwargs):
    Agreement = apps.get_model("agreements", "Agreement")
    agreement = Agreement.objects.select_related("unit", "cycle").filter(pk=agreement_id).first()
    if agreement is None:
        return []
    return notify_agreement_ready(agreement=agreement)


def on_community_confirmation_requested(sender, *, innovation_id, link, occurrence, days, **kwargs):
    """The submitter has no account: the row goes to the entry's e-mail address. One row per
    request (`occurrence`), so asking again sends again while a retried request does not."""
    Innovation = apps.get_model("innovations", "Innovation")
    innovation = (
        Innovation.objects.select_related("cycle", "community_submitter")
        .filter(pk=innovation_id, unit__isnull=True)
        .first()
    )
    submitter = getattr(innovation, "community_submitter", None)
    if submitter is None or not submitter.email:
        return []
    return notifications_queue(
        planned=[
            Planned(
                kind=Kind.COMMUNITY_CONFIRMATION,
                key=f"{Kind.COMMUNITY_CONFIRMATION}:innovation:{innovation.pk}:{occurrence}",
                context={"innovation": innovation, "submitter": submitter, "days": days},
                link=link,
                email=submitter.email,
                recipient=None,
                target_type="innovation",
                target_id=innovation.pk,
                cycle_year=innovation.cycle.year,
            )
        ]
    )


def on_invitation_requested(sender, *, user_id, link, occurrence, **kwargs):
    """A new account's set-password e-mail, in the account's language (Indonesian unless the
    admin chose otherwise). One row per request (`occurrence`): never lost, never sent twice."""
    from accounts.invitations import link_lifetime_days

    User = apps.get_model("accounts", "User")
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return []
    return notifications_queue(
        planned=[
            Planned(
                kind=Kind.INVITATION,
                key=f"{Kind.INVITATION}:user:{user.pk}:{occurrence}",
                context={"days": link_lifetime_days()},
                link=link,
                recipient=user,
                target_type="user",
                target_id=user.pk,
            )
        ]
    )


def on_decisions_published(sender, *, publication_id, **kwargs):
    # Inside the publication's transaction, like the transitions it applied.
    return notify_decisions_published(publication_id=publication_id)


RECEIVERS = [
    ("innovations.signals", "decisions_published", on_decisions_published),
    ("innovations.signals", "innovation_transitioned", on_innovation_transitioned),
    ("curation.signals", "curators_assigned", on_curators_assigned),
    ("agreements.signals", "agreement_ready_for_signature", on_agreement_ready),
    ("accounts.signals", "invitation_requested", on_invitation_requested),
    (
        "innovations.signals",
        "community_confirmation_requested",
        on_community_confirmation_requested,
    ),
]


def connect_receivers():
    """Connect each receiver to its signal (a missing module or signal is an error)."""
    connected = []
    for module_name, signal_name, receiver in RECEIVERS:
        signal = getattr(importlib.import_module(module_name), signal_name)
        signal.connect(receiver, dispatch_uid=f"notifications.{signal_name}")
        connected.append(signal_name)
    return connected
