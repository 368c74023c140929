"""Auto-assignment: k curators for each innovation of a filtered part of the queue (issue 16).

A lead curator asks, the portal proposes, the lead confirms. The proposal is balanced greedily:
innovations in queue order, each given the k eligible curators with the lowest load so far
(assignments on innovations still in curation plus what this proposal has given them), a
curator whose field of expertise matches the innovation's government affairs first when
curators have one, and never a curator of the innovation's own unit. Curators already assigned
count towards the k. Confirming applies it through `services.assignment_create`, whose rules
(own unit, curation status, rights) are checked again.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from accounts.enums import Role
from intan_banjar.exceptions import InvalidInput, Refused

from .models import Assignment
from .rules import is_own_unit, may_assign
from .services import ASSIGNABLE_STATUSES, assignment_create

MAX_PER_INNOVATION = 5
MAX_INNOVATIONS = 500


@dataclass
class Proposal:
    # [(innovation, [curators to add])], in queue order
    rows: list = field(default_factory=list)
    # innovations that cannot get k curators (too few eligible), with how many they lack
    short: list = field(default_factory=list)
    # curator -> load after the proposal
    load: dict = field(default_factory=dict)

    @property
    def pairs(self):
        return [(innovation, curator) for innovation, curators in self.rows for curator in curators]


def _curators():
    return list(
        get_user_model()
        .objects.filter(role=Role.CURATOR, is_active=True)
        .annotate(
            load=Count(
                "curation_assignments",
                filter=Q(curation_assignments__innovation__status__in=sorted(ASSIGNABLE_STATUSES)),
            )
        )
        .order_by("id")
    )


def _expert(curator, innovation):
    expertise = {e.strip().lower() for e in (getattr(curator, "expertise", None) or [])}
    affairs = {a.strip().lower() for a in (innovation.affairs or [])}
    return bool(expertise & affairs)


def propose(*, innovations, k, by):
    """The balanced proposal for `innovations` (a list, in queue order) with `k` curators each."""
    if not may_assign(by):
        raise Refused(_("Only a lead curator or an administrator can assign curators."))
    if not isinstance(k, int) or not 1 <= k <= MAX_PER_INNOVATION:
        raise InvalidInput(
            {
                "k": [
                    _("Ask for 1 to %(max)s curators per innovation.") % {"max": MAX_PER_INNOVATION}
                ]
            }
        )
    innovations = [i for i in innovations if i.status in ASSIGNABLE_STATUSES][:MAX_INNOVATIONS]
    curators = _curators()
    load = Counter({curator.pk: curator.load for curator in curators})
    existing = {}
    for innovation_id, curator_id in Assignment.objects.filter(
        innovation__in=innovations
    ).values_list("innovation_id", "curator_id"):
        existing.setdefault(innovation_id, set()).add(curator_id)
    proposal = Proposal()
    for innovation in innovations:
        have = existing.get(innovation.pk, set())
        wanted = k - len(have)
        if wanted <= 0:
            continue
        eligible = [c for c in curators if c.pk not in have and not is_own_unit(c, innovation)]
        eligible.sort(key=lambda c: (not _expert(c, innovation), load[c.pk], c.pk))
        chosen = eligible[:wanted]
        for curator in chosen:
            load[curator.pk] += 1
        if chosen:
            proposal.rows.append((innovation, chosen))
        if len(chosen) < wanted:
            proposal.short.append((innovation, wanted - len(chosen)))
    by_id = {c.pk: c for c in curators}
    proposal.load = {by_id[pk]: value for pk, value in load.items()}
    return proposal


def apply(*, proposal, by):
    """Create the proposed assignments (each innovation with its curators); returns them."""
    created = []
    for innovation, curators in proposal.rows:
        created += assignment_create(innovations=[innovation], curators=curators, by=by)
    return created
