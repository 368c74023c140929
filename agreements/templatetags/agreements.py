"""`{% unit_commitment %}`: what the user's unit still owes this cycle (for the home page)."""

from django import template

from innovations.models import Cycle

from ..compliance import compliance_rows

register = template.Library()


@register.inclusion_tag("agreements/_commitment.html", takes_context=True)
def unit_commitment(context, cycle=None):
    user = context["request"].user
    cycle = cycle or Cycle.objects.current()
    if cycle is None or not user.is_authenticated or not user.unit_id or user.sees_region:
        return {"row": None}
    rows = compliance_rows(cycle, user=user)
    row = rows[0] if rows else None
    return {
        "row": row,
        "cycle": cycle,
        "owed": max(row.committed - row.approved, 0) if row else 0,
        "to_submit": max(row.committed - row.submitted, 0) if row else 0,
        "user": user,
    }
