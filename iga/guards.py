"""Warnings before an innovation is marked as reported to the IGA.

They are warnings, not errors: the region may have reasons to report anyway, so the person must
confirm, and the confirmed warnings are kept on the entry.
"""

import datetime
from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from innovations.checks import region_today, shown_date

from .estimate import region_estimate
from .method import round2
from .models import IgaEntry
from .readiness import readiness_of

MAX_ENTRIES = 2  # DOMAIN.md: an innovation may be entered at most twice in the IGA
RECENT_YEARS = 2  # only implementations of the last two years count


@dataclass(frozen=True)
class EntryWarning:
    code: str
    message: str

    def as_dict(self):
        return {"code": self.code, "message": self.message}


def two_years_before(day):
    try:
        return day.replace(year=day.year - RECENT_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year - RECENT_YEARS, day=28)


def reference_day(cycle, today=None):
    """Today, or the end of the IGA year when recording a past year's entry."""
    today = today or region_today()
    return min(today, datetime.date(cycle.year, 12, 31))


def entry_warnings(*, innovation, cycle, today=None):
    warnings = []
    before = region_estimate(cycle).figures
    # Scored with the reporting cycle's rules, as the estimate will count it.
    score = readiness_of(innovation, cycle=cycle).score
    after = before.with_one_more(score)
    if after.sid < before.sid:
        warnings.append(
            EntryWarning(
                "lowers_average",
                _(
                    "Reporting it would lower the innovation part (SID) from %(before)s to "
                    "%(after)s points, the index from %(index_before)s to %(index_after)s "
                    "(its score is %(score)s)."
                )
                % {
                    # Half up and in the locale's way ("60,60"), as the page writes them
                    # (number_format alone would cut 60.605 to 60.60).
                    key: number_format(round2(value), 2)
                    for key, value in {
                        "before": before.sid,
                        "after": after.sid,
                        "index_before": before.index,
                        "index_after": after.index,
                        "score": score,
                    }.items()
                },
            )
        )
    earlier = IgaEntry.objects.filter(innovation=innovation).exclude(cycle=cycle).count()
    if earlier >= MAX_ENTRIES:
        warnings.append(
            EntryWarning(
                "entered_twice",
                _("It has already been entered %(count)d times in the IGA (at most twice).")
                % {"count": earlier},
            )
        )
    day = reference_day(cycle, today)
    if innovation.implementation_date is None:
        warnings.append(EntryWarning("no_implementation_date", _("It has no implementation date.")))
    elif innovation.implementation_date < two_years_before(day):
        warnings.append(
            EntryWarning(
                "implementation_old",
                _("Its implementation (%(date)s) is older than two years.")
                % {"date": shown_date(innovation.implementation_date)},
            )
        )
    return warnings
