"""Who may see and change IGA readiness.

Readiness is evidence work that goes on long after curation (the national reporting window is
June-August, often after the launch), so levels can be maintained at any status: by the
innovation's own unit staff, and by curators and admins who help units prepare. Leaders read.
Reporting to the IGA, the region indicators, the year's rules and the published indices are
Bappedalitbang's: admins only.
Seeing an innovation at all is `Innovation.objects.visible_to(user)` (otherwise 404).
"""

import rules

from accounts.rules import belongs_to_unit, is_admin, is_curator, is_region_viewer

may_edit_readiness = belongs_to_unit | is_curator | is_admin
may_view_region = is_region_viewer
may_manage_iga = is_admin
# The rules of a year (indicators, level texts, bands) are what everyone scores against: every
# signed-in user reads them; admins change them. The planner and the published indices beside
# the estimate are the region's working figures, like the estimate itself.
may_view_rules = rules.is_authenticated
may_plan = is_region_viewer
may_view_history = is_region_viewer
