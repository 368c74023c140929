"""Who may do what with an innovation (predicates of the `rules` package).

They read only the user and the innovation's own columns, so a list can ask them for every row
without a query. Services, pages, serializers and the API import the predicates; the few that
templates or views ask by name are registered as rules (`rules.test_rule(name, user, innovation)`,
`{% test_rule %}`). Admins pass only where a predicate says `| is_admin`.
"""

import rules

from accounts.enums import Role
from accounts.rules import (
    belongs_to_unit,
    is_admin,
    is_curator,
    is_decider,
    is_lead_curator,
    is_region_viewer,
    is_unit_staff,
)

from .enums import EDITABLE_STATUSES, Action

# Unit staff enter their own unit's innovations; curators and admins choose the unit, or none (a
# community entry, which they then keep up).
may_choose_unit = is_curator | is_admin


@rules.predicate
def is_innovation_owner(user, innovation):
    """The innovation's unit staff; for a masyarakat entry, the curator or admin who entered it."""
    if innovation is None or user is None:
        return False
    if innovation.unit_id is None:
        return (
            may_choose_unit(user)
            and innovation.created_by_id is not None
            and innovation.created_by_id == user.pk
        )
    return belongs_to_unit(user, innovation)


@rules.predicate
def is_innovation_creator(user, innovation):
    """The user entered this innovation (a curator's masyarakat entry, a unit's draft)."""
    return (
        innovation is not None
        and innovation.created_by_id is not None
        and innovation.created_by_id == getattr(user, "pk", None)
    )


@rules.predicate
def is_editable(user, innovation):
    return innovation is not None and innovation.status in EDITABLE_STATUSES


# Curators' scores are Bappedalitbang's working material: a unit never reads them, so it may
# neither see the field nor sort or filter by it (API.md: `score`).
may_see_scores = is_region_viewer
# Who reviewed is part of the review, which units never see (API.md: Curation). The first review
# starts the review, so the actor of `start_review` is the first reviewer.
may_see_curators = is_region_viewer
AGENCY_ACTIONS = frozenset({Action.START_REVIEW})


def acts_as_agency(action, actor_role):
    """A curator's or administrator's action that units see as the agency's, not by name."""
    return action in AGENCY_ACTIONS and actor_role in (Role.CURATOR, Role.ADMIN)


@rules.predicate
def hides_actor(user, entry):
    """The history entry's actor is shown to `user` as the agency, not by name."""
    actor = entry.actor
    return (
        actor is not None
        and acts_as_agency(entry.action, actor.role)
        and not (user is not None and may_see_curators(user))
    )


may_create_innovation = is_unit_staff | may_choose_unit
# Four eyes: a lead curator never approves an entry they entered themselves (another lead or an
# administrator does); that they did not review it alone is curation's guard on `approve`.
may_approve = is_admin | (is_lead_curator & ~is_innovation_creator)
# A masyarakat entry's submitter (name, e-mail, phone, village) is personal data: the curators who
# verify the entry and the admins see it; leaders do not. The page and the API ask this one rule.
may_view_submitter_contact = is_curator | is_admin
# Bappedalitbang runs the Laboratorium Inovasi: its admins record any innovation's stages, alone
# move a stage back (the record keeps the move), and add a stage's artefacts whenever the
# innovation is not closed, where units follow the stage windows (`enums.STAGE_EVIDENCE_OPEN`).
# Publishing a cycle's held decisions together is itself a decision: the deciders do it.
may_publish_decisions = is_decider
# A decision held for publication is curation's until it is published: those who work the
# curation queue see it (and who took it); units never do, leaders only once it is published.
may_see_held_decisions = is_curator | is_admin
may_record_lab_stage = is_innovation_owner | is_admin
may_move_lab_stage_back = is_admin
may_add_stage_evidence_any_time = is_admin
# IGA readiness is kept up long after curation (the national reporting runs June-August, after
# the December launch), so whoever keeps an innovation's readiness (`iga.rules.may_edit_readiness`,
# which this app cannot import: the same roles) adds files tagged with an IID indicator at any
# status. Outside draft and revision such a file stays beside the submitted profile, never in it:
# each removes only their own, and only one no submitted version holds (`evidence_services`).
may_add_iid_evidence = belongs_to_unit | is_curator | is_admin


@rules.predicate
def is_iid_evidence_uploader(user, attachment):
    return (
        attachment is not None
        and attachment.indicator is not None
        and attachment.uploaded_by_id is not None
        and attachment.uploaded_by_id == getattr(user, "pk", None)
    )


# Cycles (their dates and deadlines) and the deadline extensions of single units.
may_manage_cycles = is_admin
# The list's unit columns and unit filters: for those who see every unit's innovations.
sees_all_units = is_region_viewer

rules.add_rule("innovations.create_innovation", may_create_innovation)
rules.add_rule("innovations.edit_innovation", is_innovation_owner & is_editable)
rules.add_rule("innovations.record_lab_stage", may_record_lab_stage)
