"""Agreement tags: `{% unit_commitment %}` for the home page and `{% agreement_badge %}`.

The badge is a tag rather than an `{% include %}` because the compliance table draws one per
unit row, and an include renders a whole template in a pushed context each time.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext

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


@register.simple_tag
def agreement_badge(status, label=""):
    """An agreement's status, or "No agreement" where the unit has none for the cycle."""
    if not status:
        return format_html(
            '<span class="status-badge status-none" data-status="none">{}</span>',
            gettext("No agreement"),
        )
    return format_html(
        '<span class="status-badge status-{}" data-status="{}">{}</span>',
        status,
        status,
        label or status,
    )
