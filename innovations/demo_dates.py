"""Demo data tells what has happened: no signature, decision, launch, review or history entry of
a demo record is dated after today, whatever the cycle's planned dates (a current-year demo
cycle plans its launch months ahead, and a story stepped forward from its start ran past it).

Every seeding module (innovations, agreements, curation, portfolio) keeps its dates in the past
through these two; tests/test_demo_dates.py seeds everything and checks every date field.
"""

from django.utils import timezone

from .checks import region_today


def past_date(value, today=None):
    """`value`, or today when it lies ahead (None stays None)."""
    if value is None:
        return None
    return min(value, today or region_today())


def past_moment(value, now=None):
    """`value` (an aware datetime), or now when it lies ahead (None stays None)."""
    if value is None:
        return None
    return min(value, now or timezone.now())
