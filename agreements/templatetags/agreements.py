"""Agreement tags: `{% unit_commitment %}`, `{% agreement_badge %}`, `{% compliance_table_rows %}`,
`{% compliance_table %}` and `{% compliance_filter_fields %}`.

The badge and the table rows are formatted in Python rather than in templates because the
compliance table draws 100 rows a page: in the template language each row cost about 80 µs of
variable lookups, filters and escaping, more than all the page's SQL together (the same
reasoning as the Django admin's change list, which formats its result rows in Python).
"""

from html import escape

from django import template
from django.template.loader import get_template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from accounts.enums import UnitKind
from innovations.models import Cycle
from intan_banjar.choices import translated_labels
from intan_banjar.kept import Kept
from intan_banjar.links import row_url

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
    # The colour's meaning in words, visible: "No" alone is the same for an amber and a red row.
    '<td><span class="compliance-dot" aria-hidden="true"></span> '
    '<span data-col="met">{met}</span>'
    '<div class="small text-body-secondary" data-col="colour">{colour_label}</div></td>'
    "</tr>\n"
)


@register.simple_tag
def compliance_table_rows(rows):
    """The `<tr>` of each `ComplianceRow` (with `agreement_url` set by the view).

    Labels and badges are escaped once per page, the row's own strings with the standard
    library's `html.escape` (what Django's `escape` calls, without its lazy-string wrapper and
    `conditional_escape` per value: they were most of the rows' time); numbers need none.
    """
    kinds = {value: escape(label) for value, label in translated_labels(UnitKind).items()}
    colours = {value: escape(label) for value, label in translated_labels(Colour).items()}
    badges = {
        value: agreement_badge(value, label)
        for value, label in translated_labels(AgreementStatus).items()
    }
    fulfilments = {
        value: f'<div class="small">{escape(label)}</div>'
        for value, label in translated_labels(Fulfilment).items()
    }
    inactive = " · " + escape(gettext("inactive"))
    met = {True: escape(gettext("Yes")), False: escape(gettext("No"))}
    no_agreement = agreement_badge(None)
    row_html, link = _ROW.format, '<a href="{}">{}</a>'.format
    # Every text in the rows is escaped above or is a number.
    return mark_safe(  # noqa: S308
        "".join(
            [
                row_html(
                    colour=row.colour.value,
                    unit=escape(row.unit),
                    unit_name=escape(row.unit_name),
                    unit_kind=kinds[row.unit_kind],
                    inactive="" if row.unit_active else inactive,
                    agreement=(
                        link(escape(row.agreement_url), badges[row.agreement_status])
                        if row.agreement_url
                        else no_agreement
                    ),
                    fulfilment=fulfilments[row.fulfilment] if row.fulfilment else "",
                    committed=row.committed,
                    drafted=row.drafted,
                    submitted=row.submitted,
                    approved=row.approved,
                    launched=row.launched,
                    met=met[row.met],
                    colour_label=colours[row.colour],
                )
                for row in rows
            ]
        )
    )


@register.simple_tag
def compliance_table(page):
    """The legend and the table (`agreements/_compliance_table.html`) of a page of
    `ComplianceRows`, each row linked to its agreement, with the totals of every row.

    Drawn once per page number and size, language and agreement URL prefix, and kept with the
    rows (`ComplianceRows.drawn`): rows a process keeps between requests are then drawn once.
    """
    rows = page.paginator.object_list
    link = row_url("agreements:detail")

    def draw():
        shown = page.object_list
        for row in shown:
            row.agreement_url = link(row.agreement_id) if row.agreement_id else None
        return get_template("agreements/_compliance_table.html").render(
            {"rows": shown, "totals": rows.totals}
        )

    return rows.drawn((page.number, page.paginator.per_page, get_language(), link("")), draw)


# What a valid filter form draws, per language and submitted values (a few hundred at most).
_filter_fields = Kept(512)


@register.simple_tag
def compliance_filter_fields(form):
    """The compliance filter form's fields (`agreements/_compliance_filters.html`).

    Drawing three selects through the form machinery was a fifth of the page's Python (issue
    20). A valid form draws the same for the same submitted values in the same language, so
    that drawing is kept per process; a form with errors is drawn each time.
    """

    def draw():
        return get_template("agreements/_compliance_filters.html").render({"form": form})

    if form.errors:
        return draw()
    return _filter_fields.get(
        (get_language(), *(form.data.get(name) for name in form.fields)), draw
    )
