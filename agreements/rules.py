"""Who may do what with an agreement. States are checked by the services (wrong state: 409)."""

import rules

from accounts.rules import (
    belongs_to_unit,
    is_admin,
    is_curator,
    is_head,
    is_region_viewer,
    is_unit_staff,
)

# Bappedalitbang's admins prepare any unit's agreement (they choose the unit).
may_prepare_for_any_unit = is_admin
# Operators prepare the draft with their head, for their own unit.
can_prepare_agreement = may_prepare_for_any_unit | belongs_to_unit
# Only the unit's own head signs in person; an admin may record a signature made on paper on the
# head's behalf (the agreement notes it as such).
signs_in_person = is_head & belongs_to_unit
can_sign_agreement = signs_in_person | is_admin
can_check_agreement = is_curator | is_admin
can_print_all_agreements = is_curator | is_admin
can_view_all_compliance = is_region_viewer
can_view_compliance = is_region_viewer | is_unit_staff
# The navigation's entries: the agreements of those who prepare, sign or check them (leaders read
# compliance instead); compliance for the heads who answer for it and the region.
works_on_agreements = is_unit_staff | can_check_agreement
follows_compliance = is_head | can_view_all_compliance

rules.add_rule("agreements.sign_in_person", signs_in_person)
