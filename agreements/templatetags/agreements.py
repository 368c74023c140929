"""Agreement tags: `{% unit_commitment %}`, `{% agreement_badge %}`, `{% compliance_table_rows %}`.

The badge and the table rows are formatted in Python rather than in templates because the
compliance table draws 100 rows a page: in the template language each row cost about 80 µs of
variable lookups, filters and escaping, more than all the page's SQL together (the same
reasoning as the Django admin's change list, which formats its result rows in Python).
"""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from accounts.enums import UnitKind
from innovations.models import Cycle
from intan_banjar.choices import translated_labels

from ..compliance import compliance_rows
from ..enums import AgreementStatus, Colour, Fulfilment

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


_ROW = (
    '<tr class="compliance-{colour}" data-unit="{unit}" data-colour="{colour}">'
    '<td>{unit_name}<div class="small text-body-secondary">{unit_kind}{inactive}</div></td>'
    "<td>{agreement}{fulfilment}</td>"
    '<td class="text-end" data-col="committed">{committed}</td>'
    '<td class="text-end" data-col="drafted">{drafted}</td>'
    '<td class="text-end" data-col="submitted">{submitted}</td>'
    '<td class="text-end" data-col="approved">{approved}</td>'
    '<td class="text-end" data-col="launched">{launched}</td>'
    '<td><span class="compliance-dot" title="{colour_label}"></span> '
    '<span data-col="met">{met}</span>'
    '<span class="visually-hidden"> ({colour_label})</span></td>'
    "</tr>\n"
)


@register.simple_tag
def compliance_table_rows(rows):
    """The `<tr>` of each `ComplianceRow` (with `agreement_url` set by the view)."""
    kinds = translated_labels(UnitKind)
    colours = translated_labels(Colour)
    statuses = translated_labels(AgreementStatus)
    fulfilments = translated_labels(Fulfilment)
    inactive = format_html(" · {}", gettext("inactive"))
    yes, no = gettext("Yes"), gettext("No")
    no_agreement = agreement_badge(None)
    return format_html_join(
        "",
        _ROW,
        (
            {
                "colour": row.colour,
                "unit": row.unit,
                "unit_name": row.unit_name,
                "unit_kind": kinds[row.unit_kind],
                "inactive": "" if row.unit_active else inactive,
                "agreement": (
                    format_html(
                        '<a href="{}">{}</a>',
                        row.agreement_url,
                        agreement_badge(row.agreement_status, statuses[row.agreement_status]),
                    )
                    if row.agreement_url
                    else no_agreement
                ),
                "fulfilment": (
                    format_html('<div class="small">{}</div>', fulfilments[row.fulfilment])
                    if row.fulfilment
                    else ""
                ),
                "committed": row.committed,
                "drafted": row.drafted,
                "submitted": row.submitted,
                "approved": row.approved,
                "launched": row.launched,
                "met": yes if row.met else no,
                "colour_label": colours[row.colour],
            }
            for row in rows
        ),
    )
