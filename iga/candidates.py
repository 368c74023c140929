"""Which innovations may be reported for a year's IGA: the national rule, across years.

Kemendagri counts implementations of the last two years (DOMAIN.md). A candidate for the IGA of
year Y is an approved or launched innovation (imported archive entries included)
- implemented within the two years before the reference day (31 December of Y, or today while
  Y runs), or, without an implementation date, of a cycle of Y-2 to Y;
- and the newest such entry of its lineage: an innovation continued from one year to the next
  is one innovation, reported once, through its latest approved or launched entry up to Y.
Entries already recorded for the year stay candidates whatever the rule says now.
"""

from django.db.models import Exists, OuterRef, Q

from innovations.enums import APPROVED_STATUSES
from innovations.models import Innovation

from .models import IgaEntry

CANDIDATE_YEARS_BACK = 2


def recent(cycle, today=None):
    """The implementation condition of the IGA of `cycle.year`."""
    from .guards import reference_day, two_years_before  # guards reads the estimate, which reads us

    day = reference_day(cycle, today)
    dated = Q(implementation_date__gte=two_years_before(day), implementation_date__lte=day)
    undated = Q(
        implementation_date__isnull=True,
        year__gte=cycle.year - CANDIDATE_YEARS_BACK,
        year__lte=cycle.year,
    )
    return dated | undated


def superseded(cycle):
    """A later entry of the same innovation, approved or launched, by the IGA's year."""
    return Exists(
        Innovation.objects.filter(
            predecessor=OuterRef("pk"),
            status__in=sorted(APPROVED_STATUSES),
            year__lte=cycle.year,
        )
    )


def candidates(cycle, user, today=None):
    """Innovations this user sees that may be reported for the cycle's IGA, each annotated with
    `entered` (already recorded for it)."""
    entered = IgaEntry.objects.filter(cycle=cycle, innovation=OuterRef("pk"))
    eligible = Q(status__in=sorted(APPROVED_STATUSES), year__lte=cycle.year) & recent(cycle, today)
    return (
        Innovation.objects.visible_to(user)
        .annotate(entered=Exists(entered), superseded=superseded(cycle))
        .filter((eligible & Q(superseded=False)) | Q(entered=True))
    )
