"""Who may do what in curation (predicates of the `rules` package).

Registered as rules, not permissions: admins hold every Django permission, so test them with
`rules.test_rule(name, user, obj)` or `{% test_rule %}` in templates.
"""

import rules

from accounts.rules import is_admin, is_curator, is_lead_curator, is_unit_staff


@rules.predicate
def is_of_own_unit(user, innovation):
    """A curator who belongs to a unit does not judge that unit's innovations."""
    return (
        innovation is not None
        and user.unit_id is not None
        and innovation.unit_id is not None
        and user.unit_id == innovation.unit_id
    )


is_curation_staff = is_curator | is_admin
may_assign = is_lead_curator | is_admin
may_edit_rubric = is_admin
# Decision note templates are the team's wording: the lead curators and admins keep them.
may_keep_note_templates = is_lead_curator | is_admin
# Publishing a cycle's held decisions is a decision itself: the deciders do it.
may_publish_decisions = is_lead_curator | is_admin
may_review = is_curator & ~is_of_own_unit
# Reviews and internal comments exist for the region's curators; units get a 404, never a 403.
hides_curation = is_unit_staff

rules.add_rule("curation.view_queue", is_curation_staff)
rules.add_rule("curation.assign", may_assign)
rules.add_rule("curation.edit_rubric", may_edit_rubric)
rules.add_rule("curation.review", may_review)
rules.add_rule("curation.comment", is_curation_staff)
rules.add_rule("curation.keep_note_templates", may_keep_note_templates)
rules.add_rule("curation.publish_decisions", may_publish_decisions)
