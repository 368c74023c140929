"""Who may do what in curation (predicates of the `rules` package).

Services, pages and the API import these predicates; `curation.assign` is registered as a rule for
the templates (`{% test_rule %}`). Admins pass only where a rule says `| is_admin`.
"""

import rules

from accounts.rules import (
    is_admin,
    is_curator,
    is_decider,
    is_lead_curator,
    is_own_unit,
    is_unit_staff,
)

is_curation_staff = is_curator | is_admin
may_assign = is_lead_curator | is_admin
may_edit_rubric = is_admin
# Curators review (score on the rubric); admins follow curation and decide, but never score.
is_reviewer = is_curator
# A curator who belongs to a unit does not judge that unit's innovations.
may_review = is_reviewer & ~is_own_unit
# Approving and rejecting; the workflow adds four eyes per innovation (`innovations.rules`).
may_decide = is_decider
# Four eyes: an administrator's approval is itself the second pair of eyes on a round only a lead
# curator reviewed.
approves_without_second_reviewer = is_admin
# Decision note templates are the team's wording: the lead curators and admins keep them.
may_keep_note_templates = is_lead_curator | is_admin
# Reviews and internal comments exist for the region's curators; units get a 404, never a 403.
hides_curation = is_unit_staff

rules.add_rule("curation.assign", may_assign)
