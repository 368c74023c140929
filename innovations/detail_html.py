"""The innovation page's repeated parts formatted in Python: the profile section, the
Laboratorium Inovasi stages and the history's rows.

They are some thirty labels, twenty values and a row per stage and status change. As template
nodes (a `{% translate %}`, a variable with its filters, a `{% for %}` iteration) each cost several
times what formatting it here does, and the page is one of the most requested of the portal
(curators and admins open it all day). The markup is byte for byte what the template wrote
(tests/innovations/test_pages_detail_html.py renders the former template beside each part); the
labels are the same msgids, so the catalogue is unchanged. Values go through
`render_value_in_context` as a template's variables do (localised, escaped); labels are not
escaped, as `{% translate %}` does not escape a literal's translation.
"""

from django.template import Context
from django.template.base import render_value_in_context
from django.template.defaultfilters import date as date_filter
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, ngettext

from .checks import MIN_DESIGN_WORDS, count_words
from .templatetags.rupiah import rupiah
from .templatetags.status import status_badge

# What a page's context holds for its variables (autoescape on, the settings' l10n and time
# zone); `render_value_in_context` reads only these three flags.
_PAGE = Context(autoescape=True)
DASH = "—"


def _value(value):
    return render_value_in_context(value, _PAGE)


def _or_dash(value):
    """`{{ value|default:"—" }}`."""
    return _value(value or DASH)


def _label(msgid):
    """`{% translate "msgid" %}`: a literal is safe, and so is its translation (not escaped)."""
    return gettext(msgid)


def _row(msgid, shown):
    return f'      <dt class="col-sm-4">{_label(msgid)}</dt><dd class="col-sm-8">{shown}</dd>'


def _text(msgid, value, extra=""):
    return f'      <dt>{_label(msgid)}{extra}</dt><dd class="profile-text">{_or_dash(value)}</dd>'


def _date(value):
    """`{{ value|date:"j F Y"|default:"—" }}`."""
    return _or_dash(date_filter(value, "j F Y"))


def _affairs(affairs):
    if not affairs:
        return DASH
    primary = f' <span class="text-body-secondary">({_label("primary")})</span>'
    return ", ".join(
        _value(affair) + (primary if index == 0 else "") for index, affair in enumerate(affairs)
    )


def _tags(tags):
    """`{{ tags|join:", "|default:"—" }}`."""
    try:
        joined = ", ".join(conditional_escape(tag) for tag in tags)
    except TypeError:
        return _or_dash(tags)
    return joined or DASH


def _design_words(design):
    words = count_words(design)
    shown = ngettext("%(counter)s word", "%(counter)s words", words) % {"counter": _value(words)}
    if words < MIN_DESIGN_WORDS:
        shown += "; " + gettext("at least %(min)s needed") % {"min": _value(MIN_DESIGN_WORDS)}
    return f' <span class="fw-normal text-body-secondary">({shown})</span>'


def _video(url):
    if not url:
        return DASH
    shown = _value(url)
    return f'<a href="{shown}" rel="noopener noreferrer" target="_blank">{shown}</a>'


def _contact(submitter):
    return [
        f'    <h3 class="h6 mt-3">{_label("Community submitter")}</h3>',
        '    <dl class="row facts small mb-0" id="community-contact">',
        _row("Name", _value(submitter.name)),
        _row("E-mail address", _or_dash(submitter.email)),
        _row("Phone", _or_dash(submitter.phone)),
        _row("Village / district", _or_dash(submitter.village)),
        "    </dl>",
    ]


def profile_html(innovation, show_contact):
    """The profile section as the page shows it; the submitter's contact when `show_contact`."""
    i = innovation
    lines = [
        '<section class="card card-intan mb-3" id="profile" aria-labelledby="profile-title">',
        '  <div class="card-body">',
        f'    <h2 class="h5" id="profile-title">{_label("Profile")}</h2>',
        f'    <h3 class="h6 mt-3">{_label("Classification")}</h3>',
        '    <dl class="row facts small mb-0">',
        _row("Source", _value(i.get_source_category_display())),
        _row("Origin", _or_dash(i.get_origin_display())),
        _row("Form", _or_dash(i.get_form_display())),
        _row("Type", _or_dash(i.get_type_display())),
        _row("Initiator", _or_dash(i.get_initiator_display())),
        _row("Government affairs", _affairs(i.affairs)),
        _row("Thematic tags", _tags(i.tags)),
        "    </dl>",
        f'    <h3 class="h6 mt-3">{_label("Maturity and dates")}</h3>',
        '    <dl class="row facts small mb-0">',
        _row("Maturity", _or_dash(i.get_maturity_display())),
        _row("Trial date", _date(i.trial_date)),
        _row("Implementation date", _date(i.implementation_date)),
        "    </dl>",
        f'    <h3 class="h6 mt-3">{_label("Substance")}</h3>',
        '    <dl class="facts small mb-0">',
        _text("Summary", i.summary),
        _text("Problem (latar belakang)", i.problem),
        _text("Design and main changes (rancang bangun)", i.design, _design_words(i.design)),
        _text("Goals (tujuan)", i.goals),
        _text("Benefits (manfaat)", i.benefits),
        _text("Results (hasil)", i.results),
        f"      <dt>{_label('Video')}</dt><dd>{_video(i.video_url)}</dd>",
        "    </dl>",
        f'    <h3 class="h6 mt-3">{_label("Budget")}</h3>',
        '    <dl class="row facts small mb-0">',
        _row("Budget", _value(rupiah(i.budget))),
        _row("Budget source", _or_dash(i.budget_source)),
        "    </dl>",
    ]
    # The template's `{% if %}` line and its `{% endif %}` line each left their indentation.
    lines.append("    ")
    submitter = getattr(i, "community_submitter", None) if show_contact else None
    if submitter:
        lines += [*_contact(submitter), "    "]
    lines += ["  </div>", "</section>"]
    return SafeString("\n".join(lines))


def _stage_item(number, stage):
    css = ("stage-done" if stage["done"] else "") + (" stage-current" if stage["current"] else "")
    current = ' aria-current="step"' if stage["current"] else ""
    if stage["record"]:
        when = _value(date_filter(stage["record"].reached_on, "j F Y"))
    else:
        when = gettext("reached") if stage["done"] else gettext("not yet")
    return (
        f'\n      <li class="{css}" data-stage="{_value(stage["value"])}"{current}>'
        f'\n        <span class="fw-semibold">{number}. {_value(stage["label"])}</span>'
        f'\n        <span class="d-block small text-body-secondary">{when}</span>'
        "\n      </li>\n      "
    )


def stage_items_html(stages):
    """The `<li>` of each stage (`views.stage_progress`), as the template's loop wrote them."""
    return SafeString("".join(_stage_item(n, s) for n, s in enumerate(stages, start=1)))


def _history_row(entry):
    shown = entry.shown_actor_name or entry.shown_actor_email
    who = _value(shown) if shown else gettext("System")
    at = _value(date_filter(template_localtime(entry.at), "j F Y H:i"))
    return (
        f'\n        <tr data-history="{_value(entry.action)}">'
        f'\n          <td class="small text-nowrap">{at}</td>'
        f'\n          <td class="small">{who}</td>'
        f"\n          <td>{status_badge(entry.from_status, entry.get_from_status_display())}</td>"
        f"\n          <td>{status_badge(entry.to_status, entry.get_to_status_display())}</td>"
        f'\n          <td class="small history-note">{_value(entry.note)}</td>'
        "\n        </tr>\n        "
    )


def history_rows_html(entries):
    """The `<tr>` of each status change (`history.shown_history`), as the template wrote them."""
    return SafeString("".join(_history_row(entry) for entry in entries))
