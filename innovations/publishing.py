"""Publishing a cycle's decisions together: every held decision applied in one step.

Each decision goes through `innovation_transition` as its decider took it (same rules, same
history); the units then hear once per publication, through the `decisions_published` signal,
instead of once per innovation.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from intan_banjar.exceptions import Refused, StateConflict
from intan_banjar.prepared_reads import PreparedRows

from .held import DecisionPublication, HeldDecision
from .rules import may_publish_decisions
from .services import innovation_transition
from .signals import decisions_published

# What the workflow answers when a held decision no longer applies: reported, never fatal.
REFUSALS = (PermissionDenied, ValidationError, StateConflict)


@dataclass
class PublishResult:
    publication: DecisionPublication | None = None
    published: list = field(default_factory=list)
    # (innovation, reason): held decisions that could not be applied; they stay held.
    refused: list = field(default_factory=list)


def held_decisions(cycle):
    """The cycle's decisions waiting for publication, oldest first."""
    return (
        HeldDecision.objects.filter(innovation__cycle=cycle, publication__isnull=True)
        .select_related("innovation", "innovation__unit", "decided_by")
        .order_by("decided_at", "id")
    )


_HELD_COUNT = PreparedRows(
    HeldDecision,
    lambda cycle_id: (
        HeldDecision.objects.filter(innovation__cycle_id=cycle_id, publication__isnull=True)
        .order_by()
        .values("innovation__cycle_id")
        .annotate(held=Count("*"))
        .values_list("held")
    ),
    cycle_id=int,
)


def held_count(cycle):
    """How many of `held_decisions(cycle)` there are: the queue's banner (SQL compiled once)."""
    rows = _HELD_COUNT.rows(cycle_id=cycle.pk)
    return rows[0][0] if rows else 0


def _reason(exc):
    messages = getattr(exc, "messages", None)
    return " ".join(str(m) for m in messages) if messages else str(exc)


@transaction.atomic
def decisions_publish(*, cycle, by):
    """Apply every held decision of `cycle` and tell each unit its results once.

    Lead curators and admins only. A decision that no longer applies (the rules changed under
    it) stays held and is reported; publishing again later applies only what is still held.
    """
    if not may_publish_decisions(by):
        raise Refused(_("Only a lead curator or an administrator can publish decisions."))
    held = list(held_decisions(cycle).select_for_update(of=("self",)))
    result = PublishResult()
    if not held:
        return result
    publication = DecisionPublication.objects.create(
        cycle=cycle, published_by=by, published_at=timezone.now()
    )
    for decision in held:
        decision.publication = publication
        decision.save(update_fields=["publication"])
        try:
            with transaction.atomic():
                innovation_transition(
                    innovation=decision.innovation,
                    action=decision.action,
                    by=decision.decided_by or by,
                    note=decision.note,
                    publishing=True,
                )
        except REFUSALS as exc:
            decision.publication = None
            decision.save(update_fields=["publication"])
            result.refused.append((decision.innovation, _reason(exc)))
            continue
        result.published.append(decision.innovation)
        decision.delete()
    publication.innovation_ids = [innovation.pk for innovation in result.published]
    publication.save(update_fields=["innovation_ids"])
    result.publication = publication
    if result.published:
        decisions_published.send(
            sender=DecisionPublication, publication_id=publication.pk, cycle_id=cycle.pk
        )
    return result
