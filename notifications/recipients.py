"""Who hears about a unit's or an innovation's business: one query per question, whatever
the number of units."""

from collections import defaultdict

from accounts.enums import UNIT_ROLES, Role
from accounts.models import User


def unit_staff(unit_ids, *, roles=UNIT_ROLES):
    """Active operators and heads by unit id (heads first)."""
    by_unit = defaultdict(list)
    if not unit_ids:
        return by_unit
    users = User.objects.filter(
        unit_id__in=list(unit_ids), role__in=sorted(roles), is_active=True
    ).order_by("unit_id", "role", "id")
    for user in users:
        by_unit[user.unit_id].append(user)
    for staff in by_unit.values():
        staff.sort(key=lambda u: u.role != Role.HEAD)
    return by_unit


def lead_curators():
    return list(User.objects.filter(role=Role.CURATOR, is_lead=True, is_active=True).order_by("id"))


def admins():
    return list(User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id"))
