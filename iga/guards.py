"""Warnings before an innovation is marked as reported to the IGA.

They are warnings, not errors: the region may have reasons to report anyway, so the person must
confirm, and the confirmed warnings are kept on the entry.
"""

import datetime
from dataclasses import dataclass

from django.db import connection
from django.db.models.expressions import RawSQL
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from innovations.checks import region_today, shown_date
from innovations.models import Innovation

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


def _lineage_ids(innovation):
    """The ids of the innovation's lineage (its earlier entries, itself and the entries continuing
    it), as one recursive subquery: the walk of `innovations.lineage` costs a query per year,
    and this check runs for every innovation marked as reported. UNION, not UNION ALL, so that
    a cycle in corrupted data ends the recursion."""
    # Only the model's quoted table name is formatted in; the ids are parameters.
    table = connection.ops.quote_name(Innovation._meta.db_table)
    sql = (
        f"WITH RECURSIVE up(id, predecessor_id) AS (SELECT id, predecessor_id FROM {table} "  # noqa: S608
        f"WHERE id = %s UNION SELECT i.id, i.predecessor_id FROM {table} i "
        "JOIN up ON i.id = up.predecessor_id), "
        f"down(id) AS (SELECT id FROM {table} WHERE id = %s UNION SELECT i.id FROM {table} i "
        "JOIN down ON i.predecessor_id = down.id) "
        "SELECT id FROM up UNION SELECT id FROM down"
    )
    return RawSQL(sql, (innovation.pk, innovation.pk))  # noqa: S611


def earlier_entries(innovation, cycle):
    """In how many other years the innovation was entered in the IGA: a continued innovation is
    one innovation (`iga.candidates`), so its earlier and later entries count with it."""
    return (
        IgaEntry.objects.filter(innovation_id__in=_lineage_ids(innovation))
        .exclude(cycle=cycle)
        .values("cycle_id")
        .distinct()
        .count()
    )


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
    earlier = earlier_entries(innovation, cycle)
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
