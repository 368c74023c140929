"""Who may do what with an innovation's portfolio (predicates of the `rules` package).

Reading follows the innovation: whoever sees it (`Innovation.objects.visible_to`) sees its
decrees, monitoring reports, replications and earlier years. Recording them is the innovation's
own unit's work (for a community entry, the curator or admin who entered it) and the
administrators' (Bappedalitbang records what it learns, e.g. a replication by another region).
"""

import rules

from accounts.rules import is_admin, is_curator, is_region_viewer, is_unit_staff
from innovations.rules import is_innovation_owner


@rules.predicate
def is_community_entry(user, innovation):
    return innovation is not None and innovation.unit_id is None


@rules.predicate
def is_own_unit_entry(user, innovation):
    return (
        innovation is not None
        and innovation.unit_id is not None
        and is_unit_staff(user)
        and user.unit_id == innovation.unit_id
    )


# Continuing last year's innovation into the open cycle: its unit; for a community entry (no
# unit) any curator or administrator, who enter community innovations.
may_continue = is_own_unit_entry | (is_community_entry & (is_curator | is_admin))
may_record_portfolio = is_innovation_owner | is_admin
may_import_archive = is_admin
may_manage_schedule = is_admin
# The lineage diff against last year's approved profile is curation's working view; the unit
# sees its own years.
may_see_lineage_changes = is_region_viewer | is_innovation_owner

rules.add_rule("portfolio.continue_innovation", may_continue)
rules.add_rule("portfolio.record", may_record_portfolio)
rules.add_rule("portfolio.import_archive", may_import_archive)
rules.add_rule("portfolio.manage_schedule", may_manage_schedule)
