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


@rules.predicate
def is_own_unit(user, obj):
    """`obj` is a Unit or anything with a `unit_id` (an agreement)."""
    return belongs_to_unit(user, obj)


can_view_agreement = is_region_viewer | is_own_unit
# Operators prepare the draft with their head; Bappedalitbang's admins may prepare any unit's.
can_prepare_agreement = is_admin | (is_unit_staff & is_own_unit)
# Only the unit's own head signs; an admin may record a signature made on paper.
can_sign_agreement = (is_head & is_own_unit) | is_admin
can_check_agreement = is_curator | is_admin
can_print_all_agreements = is_curator | is_admin
can_view_all_compliance = is_region_viewer
can_view_compliance = is_region_viewer | is_unit_staff

rules.add_perm("agreements.view_agreement", can_view_agreement)
rules.add_perm("agreements.add_agreement", can_prepare_agreement)
rules.add_perm("agreements.change_agreement", can_prepare_agreement)
rules.add_perm("agreements.sign_agreement", can_sign_agreement)
rules.add_perm("agreements.verify_agreement", can_check_agreement)
rules.add_perm("agreements.reject_agreement", can_check_agreement)
rules.add_perm("agreements.print_all_agreements", can_print_all_agreements)
rules.add_perm("agreements.view_compliance", can_view_compliance)
rules.add_perm("agreements.view_all_compliance", can_view_all_compliance)
