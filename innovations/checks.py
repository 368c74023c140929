"""The rules an innovation must meet before it is submitted (PRODUCT.md §4)."""

import datetime
import re
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MIN_DESIGN_WORDS = 300
REGION_TZ = ZoneInfo("Asia/Makassar")
# A letter or digit: exactly `str.isalnum()` for every code point (tested), searched in C
# instead of a generator per character (the innovation's page counts the design's words).
_ALNUM = re.compile(r"[^\W_]")

# Required before a submission (the national IID form's mandatory fields).
REQUIRED_FOR_SUBMIT = (
    "title",
    "origin",
    "form",
    "type",
    "initiator",
    "maturity",
    "summary",
    "problem",
    "design",
    "goals",
    "benefits",
)
# The public community form asks for less; a curator completes the rest during review.
REQUIRED_FOR_PUBLIC_SUBMIT = ("title", "summary", "problem", "design", "benefits")


def count_words(text):
    """Words as a reader counts them: runs separated by white space that hold a letter or digit.

    Punctuation standing alone ("-", "—", "•") is not a word; "anak-anak" and "10.000" are one.
    """
    return sum(1 for token in (text or "").split() if _ALNUM.search(token))


def shown_date(day):
    """A date as the pages write it ("30 September 2025"), never ISO, in a message."""
    return date_format(day, "j F Y")


def region_today():
    """Today's date in WITA: a deadline ends at midnight in Martapura, not UTC."""
    return timezone.localtime(timezone.now(), REGION_TZ).date()


def completeness_errors(innovation):
    required = (
        REQUIRED_FOR_PUBLIC_SUBMIT
        if innovation.unit_id is None and innovation.created_by_id is None
        else REQUIRED_FOR_SUBMIT
    )
    errors = {}
    for name in required:
        value = getattr(innovation, name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = [_("This field is required before the innovation is submitted.")]
    words = count_words(innovation.design)
    if "design" not in errors and words < MIN_DESIGN_WORDS:
        errors["design"] = [
            ngettext(
                "The design text needs at least %(min)d words; it has %(count)d word.",
                "The design text needs at least %(min)d words; it has %(count)d words.",
                words,
            )
            % {"min": MIN_DESIGN_WORDS, "count": words}
        ]
    return errors


def extension_until(innovation):
    """The latest date an admin's extension allows this innovation's unit to submit, or None."""
    from .models import DeadlineExtension

    return (
        DeadlineExtension.objects.filter(cycle_id=innovation.cycle_id, unit_id=innovation.unit_id)
        .order_by("-until")
        .values_list("until", flat=True)
        .first()
    )


def deadline_errors(innovation, today: datetime.date | None = None):
    today = today or region_today()
    deadline = innovation.cycle.submission_deadline
    if today <= deadline:
        return {}
    until = extension_until(innovation)
    if until is not None and today <= until:
        return {}
    return {
        "submission_deadline": [
            _("The submission deadline of %(year)s (%(date)s) has passed.")
            % {"year": innovation.cycle.year, "date": shown_date(deadline)}
        ]
    }


def not_open_errors(innovation, today: datetime.date | None = None):
    """A unit submits only once its cycle's submission window has opened (open cycles only)."""
    today = today or region_today()
    cycle = innovation.cycle
    if innovation.unit_id is None or today >= cycle.submission_opens:
        return {}
    return {
        "submission_opens": [
            _("Submissions for %(year)s open on %(date)s.")
            % {"year": cycle.year, "date": shown_date(cycle.submission_opens)}
        ]
    }


def submit_errors(innovation, user, note):
    return {
        **completeness_errors(innovation),
        **not_open_errors(innovation),
        **deadline_errors(innovation),
    }


def note_required_errors(innovation, user, note):
    if not (note or "").strip():
        return {"note": [_("Please give a reason.")]}
    return {}
