"""What an innovation sent back to its unit asks of the unit: the reason, who sent it back, and
the date by which it must be submitted again.

The innovation page puts this at the top for the unit's operators and head, and the unit's home
page lists these innovations as a to-do: the reason otherwise sat at the bottom of the history.
Both count a draft as sent back only while its last change is the head's return.
"""

from dataclasses import dataclass

from django.db.models import Max, OuterRef, Q, Subquery

from .checks import region_today
from .enums import Action, Status
from .history import TransitionLog
from .models import DeadlineExtension, Innovation
from .rules import is_innovation_owner

# The statuses an innovation is "sent back" in, and the action that sent it there.
SENT_BACK = {
    Status.REVISION_REQUESTED: Action.REQUEST_REVISION,
    Status.DRAFT: Action.RETURN_TO_OPERATOR,
}


@dataclass(frozen=True)
class SentBack:
    action: str
    note: str
    at: object
    # The last day the unit may submit again (the cycle's deadline, or its extension).
    due: object

    @property
    def overdue(self):
        return self.due is not None and self.due < region_today()

    @property
    def is_revision(self):
        return self.action == Action.REQUEST_REVISION


def _due(cycle, until):
    return max(cycle.submission_deadline, until) if until else cycle.submission_deadline


def sent_back(innovation, user, history=None):
    """The open request of `innovation` for its own unit's staff, or None.

    None for anybody else (curators read it in the history) and once the unit has acted: a
    draft counts as returned only while its last change was the head's return. `history`, the
    innovation's entries in ("at", "id") order where the caller has read them already (the
    innovation's page), saves the query for the last one.
    """
    action = SENT_BACK.get(innovation.status)
    if action is None or not is_innovation_owner(user, innovation):
        return None
    if history is not None:
        entry = history[-1] if history else None
    else:
        entry = innovation.history.order_by("-at", "-id").first()
    if entry is None or entry.action != action:
        return None
    until = DeadlineExtension.objects.filter(
        cycle_id=innovation.cycle_id, unit_id=innovation.unit_id
    ).aggregate(until=Max("until"))["until"]
    return SentBack(action=action, note=entry.note, at=entry.at, due=_due(innovation.cycle, until))


def revisions_for_unit(user):
    """The user's unit's innovations sent back to it and not acted on since, oldest first: those
    waiting for the revision Bappedalitbang asked for, and the drafts whose last change was the
    head's return (otherwise seen only as one more draft). Each with `revision_action`,
    `revision_note`, `revision_at` and `revision_due` (three queries whatever their number).

    All of them: the home page counts them in its heading, and a unit has a handful at most."""
    if user.unit_id is None:
        return []
    last_action = TransitionLog.objects.filter(innovation=OuterRef("pk")).order_by("-at", "-id")
    innovations = list(
        Innovation.objects.visible_to(user)
        .filter(unit_id=user.unit_id, status__in=SENT_BACK)
        .annotate(last_action=Subquery(last_action.values("action")[:1]))
        .filter(
            Q(status=Status.REVISION_REQUESTED)
            | Q(status=Status.DRAFT, last_action=Action.RETURN_TO_OPERATOR)
        )
        .select_related("cycle")
        .order_by("updated_at", "id")
    )
    if not innovations:
        return []
    requests = {}
    for entry in TransitionLog.objects.filter(
        innovation__in=innovations, action__in=set(SENT_BACK.values())
    ).order_by("at", "id"):
        requests[entry.innovation_id, entry.action] = entry
    extensions = dict(
        DeadlineExtension.objects.filter(
            unit_id=user.unit_id, cycle_id__in={i.cycle_id for i in innovations}
        )
        .values_list("cycle_id")
        .annotate(until=Max("until"))
        .order_by()
    )
    for innovation in innovations:
        innovation.revision_action = SENT_BACK[innovation.status]
        entry = requests.get((innovation.pk, innovation.revision_action))
        innovation.revision_note = entry.note if entry else ""
        innovation.revision_at = entry.at if entry else None
        innovation.revision_due = _due(innovation.cycle, extensions.get(innovation.cycle_id))
        innovation.revision_overdue = innovation.revision_due < region_today()
    return innovations
