"""Who may see and change IGA readiness.

Readiness is evidence work that goes on long after curation (the national reporting window is
June-August, often after the launch), so levels can be maintained at any status: by the
innovation's own unit staff, and by curators and admins who help units prepare. Leaders read.
Reporting to the IGA, the region indicators, the year's rules and the published indices are
Bappedalitbang's: admins only.
Seeing an innovation at all is `Innovation.objects.visible_to(user)` (otherwise 404).
"""

import rules

from accounts.rules import is_admin, is_curator, is_region_viewer, is_unit_staff


@rules.predicate
def is_unit_of_innovation(user, innovation):
    return (
        innovation is not None
        and innovation.unit_id is not None
        and is_unit_staff(user)
        and user.unit_id == innovation.unit_id
    )


may_edit_readiness = is_unit_of_innovation | is_curator | is_admin
may_view_region = is_region_viewer
may_manage_iga = is_admin
# The rules of a year (indicators, level texts, bands) are what everyone scores against: every
# signed-in user reads them; admins change them. The planner and the published indices beside
# the estimate are the region's working figures, like the estimate itself.
may_view_rules = rules.is_authenticated
may_plan = is_region_viewer
may_view_history = is_region_viewer

rules.add_rule("iga.edit_readiness", may_edit_readiness)
rules.add_rule("iga.view_region", may_view_region)
rules.add_rule("iga.manage", may_manage_iga)
rules.add_rule("iga.view_rules", may_view_rules)
rules.add_rule("iga.plan", may_plan)
rules.add_rule("iga.view_history", may_view_history)
