"""The queue's rows as they were drawn before the fast paths (issue 20), kept as the reference
the new ones must equal: the `queue_rows` tag over model instances, the filter bar's template
loop and `{% options %}` for the curator pick list."""

from django.template.defaultfilters import floatformat
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext

from innovations.enums import Status
from innovations.templatetags.status import status_badge
from intan_banjar.choices import translated_labels

_ROW = (
    '<tr id="queue-{pk}"{overdue}>'
    '<td><input class="form-check-input" type="checkbox" name="innovations" value="{pk}" '
    'data-select-item aria-label="{code}"></td>'
    '<td><a href="{url}">{title}</a>'
    '<div class="small text-body-secondary">{code}{round}{assigned}{reviewed}{similar}</div>'
    "{curators}</td>"
    "<td>{unit}</td>"
    "<td>{status}{held}</td>"
    '<td class="text-end" data-days>{days}</td>'
    '<td class="text-end" data-reviews>{done} / {reviewers}</td>'
    '<td class="text-end" data-score>{score}</td>'
    "</tr>\n"
)

# The filter bar of templates/curation/queue.html before `{% queue_filter_selects %}`.
FILTER_BAR = """{% load portal %}
  {% for field in filter.form %}{% if field.name != "search" and field.name != "assigned" and field.name != "unit" %}
  <div class="col-6 col-md-2">
    <label class="form-label small" for="{{ field.id_for_label }}">{{ field.label }}</label>
    <select class="form-select form-select-sm" id="{{ field.id_for_label }}" name="{{ field.html_name }}" data-autosubmit>
      {% select_options field %}
    </select>
  </div>
  {% endif %}{% endfor %}
"""  # noqa: E501


def old_queue_rows(items, overdue_days):
    """Rows of `queue_queryset` instances, with `days_waiting` and `review_url`."""
    statuses = translated_labels(Status)
    overdue = format_html(' class="{}"', "table-warning")
    badge = ' · <span class="badge text-bg-{}">{}</span>'
    assigned = format_html(badge, "info", gettext("assigned to me"))
    reviewed = format_html(badge, "success", gettext("reviewed"))
    similar = format_html(
        ' · <span class="badge text-bg-warning" data-has-similar>{}</span>',
        gettext("similar innovations"),
    )
    round_label = gettext("round %(round)s")
    community = gettext("Community")
    held_labels = {
        "approve": gettext("approved, not published yet"),
        "reject": gettext("rejected, not published yet"),
    }
    held = '<div class="small" data-held="{}"><span class="badge text-bg-warning">{}</span></div>'
    return format_html_join(
        "",
        _ROW,
        (
            {
                "pk": item.pk,
                "overdue": overdue if item.days_waiting > overdue_days else "",
                "code": item.code,
                "url": item.review_url,
                "title": item.title,
                "round": (
                    " · " + round_label % {"round": item.review_round}
                    if item.review_round > 1
                    else ""
                ),
                "assigned": assigned if item.assigned_to_me else "",
                "reviewed": reviewed if item.reviewed_by_me else "",
                "similar": similar if getattr(item, "has_similar", False) else "",
                "curators": _curators(item.assignment_list),
                "unit": item.unit.name if item.unit else community,
                "status": status_badge(item.status, statuses[item.status]),
                "held": (
                    format_html(held, item.held_action, held_labels[item.held_action])
                    if getattr(item, "held_action", None)
                    else ""
                ),
                "days": item.days_waiting,
                "done": item.reviews_done,
                "reviewers": item.reviewers_assigned,
                "score": "–" if item.score is None else floatformat(item.score, 1),
            }
            for item in items
        ),
    )


def _curators(assignments):
    if not assignments:
        return ""
    names = ", ".join(a.curator.full_name for a in assignments)
    return format_html('<div class="small text-body-secondary">{}</div>', names)
