"""Who may do what with an innovation's portfolio (predicates of the `rules` package).

Reading follows the innovation: whoever sees it (`Innovation.objects.visible_to`) sees its
decrees, monitoring reports, replications and earlier years. Recording them is the innovation's
own unit's work (for a community entry, the curator or admin who entered it) and the
administrators' (Bappedalitbang records what it learns, e.g. a replication by another region).
"""

import rules

from accounts.rules import belongs_to_unit, is_admin, is_curator, is_region_viewer
from innovations.rules import is_innovation_owner


@rules.predicate
def is_community_entry(user, innovation):
    return innovation is not None and innovation.unit_id is None


# Continuing last year's innovation into the open cycle: its unit; for a community entry (no
# unit) any curator or administrator, who enter community innovations.
may_continue = belongs_to_unit | (is_community_entry & (is_curator | is_admin))
may_record_portfolio = is_innovation_owner | is_admin
may_import_archive = is_admin
may_manage_schedule = is_admin
# The lineage diff against last year's approved profile is curation's working view; the unit
# sees its own years.
may_see_lineage_changes = is_region_viewer | is_innovation_owner
# The monitoring dashboard is Bappedalitbang's follow-up of every unit (in the navigation).
may_view_monitoring = is_region_viewer
