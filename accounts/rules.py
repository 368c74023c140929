"""Permission predicates, declared once and used by views, the API and templates.

Later apps combine these (`is_unit_member & is_draft`, ...) in their own rules modules.
"""

import rules

from .enums import Role


@rules.predicate
def is_admin(user):
    return user.is_authenticated and user.is_active and user.role == Role.ADMIN


@rules.predicate
def is_curator(user):
    return user.is_authenticated and user.is_active and user.role == Role.CURATOR


@rules.predicate
def is_lead_curator(user):
    return is_curator(user) and user.is_lead


@rules.predicate
def is_leader(user):
    return user.is_authenticated and user.is_active and user.role == Role.LEADER


@rules.predicate
def is_operator(user):
    return user.is_authenticated and user.is_active and user.role == Role.OPERATOR


@rules.predicate
def is_head(user):
    return user.is_authenticated and user.is_active and user.role == Role.HEAD


is_unit_staff = is_operator | is_head
is_region_viewer = is_admin | is_curator | is_leader
is_decider = is_admin | is_lead_curator


@rules.predicate
def belongs_to_unit(user, unit):
    """The object is the user's own unit (works for a Unit or anything with a `unit_id`)."""
    if unit is None or not is_unit_staff(user):
        return False
    unit_id = getattr(unit, "unit_id", None) or getattr(unit, "pk", None)
    return unit_id is not None and unit_id == user.unit_id


rules.add_perm("accounts.manage_users", is_admin)
rules.add_perm("accounts.manage_units", is_admin)
rules.add_perm("accounts.view_units", rules.is_authenticated)
