"""`{% queue_rows rows overdue_days %}`: the curation queue's table rows, formatted in Python.

A queue page shows 50 innovations; in the template language their rows cost more than all of
the page's SQL (about 60 µs a row of variable lookups, filters and escaping), so, like the
compliance table and the Django admin's change list, the rows are formatted here. The rows are
dicts (`curation.queue.queue_rows_queryset`), and each text is escaped with `html.escape`, which
is what `django.utils.html.escape` calls: `format_html` per row and per badge (its
`conditional_escape` of every argument, lazy-string checks, SafeString wrapping) took half of
the rows' time. Everything that is the same on every row (badges, labels) is formatted once
per page.
"""

from html import escape

from django import template
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.defaultfilters import floatformat
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from innovations.enums import Status
from innovations.templatetags.status import status_badge
from intan_banjar.kept import Kept

register = template.Library()

_OVERDUE = ' class="table-warning"'
_BADGE = ' · <span class="badge text-bg-{}">{}</span>'
_HELD = '<div class="small" data-held="{}"><span class="badge text-bg-warning">{}</span></div>'


class _Labels:
    """The strings every row shares, translated and escaped once per page."""

    def __init__(self):
        self.badges = {}  # status -> its badge, for the statuses on the page (two: the queue's)
        self.assigned = _BADGE.format("info", escape(gettext("assigned to me")))
        self.reviewed = _BADGE.format("success", escape(gettext("reviewed")))
        self.similar = (
            ' · <span class="badge text-bg-warning" data-has-similar>'
            f"{escape(gettext('similar innovations'))}</span>"
        )
        self.round = gettext("round %(round)s")
        self.community = escape(gettext("Community"))
        self.held = {
            action: _HELD.format(escape(action), escape(label))
            for action, label in (
                ("approve", gettext("approved, not published yet")),
                ("reject", gettext("rejected, not published yet")),
            )
        }

    def badge(self, status):
        badge = self.badges.get(status)
        if badge is None:
            badge = self.badges[status] = status_badge(status, str(Status(status).label))
        return badge


@register.simple_tag
def queue_rows(rows, overdue_days):
    """Rows of `queue_rows_queryset` with `curators`, `days_waiting` and `review_url`."""
    labels = _Labels()
    return mark_safe("".join(_row(row, overdue_days, labels) for row in rows))  # noqa: S308


def _row(row, overdue_days, labels):
    """One `<tr>`: an f-string, a third faster than `str.format` with 17 keywords."""
    pk = row["id"]
    code = escape(row["code"])
    round_ = row["review_round"]
    curators = row["curators"]
    unit = row["unit__name"]
    held = row["held_action"]
    score = row["score"]
    overdue = _OVERDUE if row["days_waiting"] > overdue_days else ""
    return (
        f'<tr id="queue-{pk}"{overdue}>'
        '<td><input class="form-check-input" type="checkbox" name="innovations" '
        f'value="{pk}" data-select-item aria-label="{code}"></td>'
        f'<td><a href="{escape(row["review_url"])}">{escape(row["title"])}</a>'
        f'<div class="small text-body-secondary">{code}'
        f"{escape(' · ' + labels.round % {'round': round_}) if round_ > 1 else ''}"
        f"{labels.assigned if row['assigned_to_me'] else ''}"
        f"{labels.reviewed if row['reviewed_by_me'] else ''}"
        f"{labels.similar if row['has_similar'] else ''}</div>"
        f"{_curators(curators) if curators else ''}</td>"
        f"<td>{labels.community if unit is None else escape(unit)}</td>"
        f"<td>{labels.badge(row['status'])}{labels.held[held] if held else ''}</td>"
        f'<td class="text-end" data-days>{row["days_waiting"]}</td>'
        f'<td class="text-end" data-reviews>{row["reviews_done"]} / '
        f"{row['reviewers_assigned']}</td>"
        f'<td class="text-end" data-score>{"–" if score is None else _score(score)}</td>'
        "</tr>\n"
    )


# `floatformat(score, 1)` by language and score: a pure function of them and the format
# settings (forgotten when one changes), at 10 µs a call the dearest part of a scored row.
_scores = Kept(1024)


def _score(score):
    if type(score) is not float or not score > 0:  # -0.0 and NaN are not keys to trust
        return floatformat(score, 1)
    return _scores.get((get_language(), score), lambda: floatformat(score, 1))


@receiver(setting_changed)
def _forget_scores(**kwargs):
    global _scores
    _scores = Kept(1024)


def _curators(curators):
    names = escape(", ".join(name for _, name in curators))
    return f'<div class="small text-body-secondary">{names}</div>'


# What the filter bar and the pick list drew, by what they were drawn from: the same on most
# requests (the jury changes seldom, most pages are unfiltered), redrawn when that changes.
_drawn = Kept(64)


@register.simple_tag
def curator_options(choices):
    """The `<option>`s of (email, label) pairs, none selected: what `{% options %}` gives, for
    the 200 curators of the bulk-assignment pick list without a `format_html` per option."""
    return _drawn.get(("curators", tuple(choices)), lambda: _curator_options(choices))


def _curator_options(choices):
    return mark_safe(  # noqa: S308 - every value and label is escaped
        "".join(
            f'<option value="{escape(str(value))}">{escape(str(label))}</option>'
            for value, label in choices
        )
    )


_SELECT = (
    '\n  <div class="col-6 col-md-2">\n'
    '    <label class="form-label small" for="{id}">{label}</label>\n'
    '    <select class="form-select form-select-sm" id="{id}" name="{name}" data-autosubmit>\n'
    "      {options}\n"
    "    </select>\n"
    "  </div>\n  "
).format


@register.simple_tag
def queue_filter_selects(form, *skip):
    """The filter bar's `<select>`s, one per field of `form` but the `skip`ped ones (drawn as
    text inputs by the page), each option `select_options`' (`{% load portal %}`) exactly.

    The template loop this replaces resolved six variables per field and formatted every
    option with `format_html`: a millisecond a page, as much as the queue's 50 rows. Drawn
    once per language and chosen values (a select's value is its parameter, `Select`'s
    `value_from_datadict`)."""
    names = tuple(name for name in form.fields if name not in skip)
    chosen = tuple(form.data.get(name) for name in names) if form.is_bound else None
    return _drawn.get(
        ("selects", get_language(), names, chosen, form.auto_id, form.prefix),
        lambda: _filter_selects(form, skip),
    )


def _filter_selects(form, skip):
    return mark_safe(  # noqa: S308 - every id, name, label and option is escaped
        "".join(
            _SELECT(
                id=_escape(bound.id_for_label),
                label=_escape(bound.label),
                name=_escape(bound.html_name),
                options=_options(bound),
            )
            for bound in form
            if bound.name not in skip
        )
    )


def _options(bound):
    current = bound.value()
    current = "" if current is None else str(current)
    return "".join(
        '<option value="{}"{}>{}</option>'.format(
            _escape(value),
            " selected" if value != "" and str(value) == current else "",
            _escape(label),
        )
        for value, label in bound.field.choices
    )


def _escape(value):
    """`conditional_escape`: what is already HTML (`__html__`) stays as it is."""
    html = getattr(value, "__html__", None)
    return html() if html is not None else escape(str(value))
