"""Compliance per unit and cycle: what each unit committed to and what it has delivered.

Two queries for all rows, however many units: the units joined with the cycle's agreements, and
the cycle's innovations counted per unit in one GROUP BY over the innovation table. Joining units
to innovations and grouping by every unit column cost 0.8 s at 100,000 innovations; counting on
the innovation table alone and merging by unit id in Python keeps the work to one pass.

The per-unit counts of a whole cycle are cached under the cycle's version, which every write to
one of its innovations replaces (`innovations.written`), so the table's cost follows the number
of units, not the number of innovations, and a change shows on the next request. The units,
the agreements and the finished rows are kept per process under a token that every unit or
agreement write replaces (`compliance_kept`): a request that finds them reads one row instead
of 5,000.
"""

import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from django.core.cache import cache
from django.db.models import Count, FilteredRelation, Q

from accounts.models import Unit
from innovations import written
from innovations.enums import APPROVED_STATUSES, CLOSED_STATUSES, SUBMITTED_STATUSES, Status

from . import compliance_kept
from .enums import SIGNED_STATUSES, AgreementStatus, Colour, Fulfilment
from .models import cycle_has_ended

# Drawings kept per rows (a page of 100 rows is about 30 kB of HTML).
MAX_DRAWN = 4
COUNT_FIELDS = ("committed", "drafted", "submitted", "approved", "launched")
NO_AGREEMENT = "none"


@dataclass
class ComplianceRow:
    unit: str
    unit_name: str
    unit_kind: str
    unit_active: bool
    agreement_id: int | None
    agreement_status: str | None
    committed: int
    drafted: int
    submitted: int
    approved: int
    launched: int
    met: bool
    colour: str
    fulfilment: str | None

    @property
    def agreement_status_label(self):
        return AgreementStatus(self.agreement_status).label if self.agreement_status else ""


def _innovation_counts(cycle, unit_ids=None):
    """The cycle's counts per unit in one query, as five columns of plain ints: unit ids,
    drafted, submitted, approved, launched.

    Columns rather than a dict per unit: every compliance request reads them back from the
    cache, and at 100,000 innovations (a count for each of 5,000 units) the dicts took 1.2 ms
    to unpickle, the columns 0.3 ms.
    """
    from innovations.models import Innovation

    innovations = Innovation.objects.filter(cycle=cycle, unit__isnull=False)
    if unit_ids is not None:
        innovations = innovations.filter(unit_id__in=unit_ids)
    rows = (
        innovations.order_by()
        .values("unit_id")
        .annotate(
            # Withdrawn and rejected innovations never count, not even as drafted.
            # COUNT(status), not COUNT(id): the index innovation_compliance then answers
            # alone (an index-only scan), 3x faster than reading the table at 100,000 rows.
            drafted=Count("status", filter=~Q(status__in=sorted(CLOSED_STATUSES))),
            submitted=Count("status", filter=Q(status__in=sorted(SUBMITTED_STATUSES))),
            approved=Count("status", filter=Q(status__in=sorted(APPROVED_STATUSES))),
            launched=Count("status", filter=Q(status=Status.LAUNCHED)),
        )
        .values_list("unit_id", *COUNTS)
    )
    return tuple(map(list, zip(*rows, strict=True))) or ([], [], [], [], [])


# The counts of `_innovation_counts`, in its column order after the unit ids.
COUNTS = ("drafted", "submitted", "approved", "launched")
NO_COUNTS = (0, 0, 0, 0)

# A safety net only: a write that bypasses the model signals (a bulk seed) shows after this long.
COUNTS_TIMEOUT = written.TIMEOUT


def _counts_entry(cycle, version):
    """(time counted, `_innovation_counts` of every unit of `cycle`), from the cache while no
    innovation changed.

    The version is read before counting, so counts computed while a write commits are stored
    under the version that write replaces, and never served after it. The time is taken before
    counting, so rows kept from these counts (`compliance_kept`) end no later than the entry.
    """
    # "counted-at": the (time, columns) key, so no entry of a former shape is ever read.
    key = f"compliance:counted-at:{cycle.pk}:{version}"
    entry = cache.get(key)
    if entry is None:
        entry = (time.time(), _innovation_counts(cycle))
        cache.set(key, entry, COUNTS_TIMEOUT)
    return entry


def cycle_counts(cycle):
    """`_innovation_counts` of every unit of `cycle` (see `_counts_entry`)."""
    return _counts_entry(cycle, written.current_version(cycle.pk))[1]


class ComplianceRows(Sequence):
    """The table's rows: filtered and totalled from plain tuples, built as objects when read.

    A page shows 50 or 100 of 5,000 units; building every row object cost a fifth of the
    compliance API's time. Each row is kept as the pair (unit tuple, tail), the tail being the
    rest of the row (`_tails`): most rows share the one `default` tail. Indexing, slicing
    (paginators) and iterating (exports) give `ComplianceRow`s; `totals` sums every row.
    """

    def __init__(self, pairs, default, token=None):
        self._pairs = pairs
        self._default = default
        # The `compliance_kept` token the rows were read under (None: not kept).
        self.token = token
        self._drawn = {}

    def __len__(self):
        return len(self._pairs)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [_row(*pair) for pair in self._pairs[index]]
        return _row(*self._pairs[index])

    def __iter__(self):
        return (_row(*pair) for pair in self._pairs)

    def drawn(self, key, draw):
        """`draw()`, kept with these rows under `key`: rows never change once built, so what
        is drawn from them (a page of the table in one language) is drawn once, however often
        the rows are served. A few keys at most: the first pages are the ones read."""
        value = self._drawn.get(key)
        if value is None:
            if len(self._drawn) >= MAX_DRAWN:
                self._drawn.clear()
            value = self._drawn[key] = draw()
        return value

    def values(self, index=slice(None)):
        """The rows of `index` (a slice) as plain tuples in ComplianceRow's field order."""
        return [(*unit[1:], *tail) for unit, tail in self._pairs[index]]

    @cached_property
    def totals(self):
        """Sums over every row: over the few tails of units with records, plus the shared
        default tail times the number of rows that have it (summing 5,000 rows cost 1 ms)."""
        default = self._default
        tails = [tail for _unit, tail in self._pairs if tail is not default]
        shared = len(self._pairs) - len(tails)
        # The tails' fields from agreement_status to colour.
        columns = list(zip(*tails, strict=True))[1:9] if tails else [()] * 8
        status, *counts, met, colour = columns
        colours = Counter(colour)
        if shared:
            colours[default[8]] += shared
        return {
            **{
                field: sum(column) + (default[position] * shared if shared else 0)
                for position, field, column in zip(range(2, 7), COUNT_FIELDS, counts, strict=True)
            },
            "units": len(self._pairs),
            "met": sum(met) + (shared if shared and default[7] else 0),
            "signed": sum(map(SIGNED_STATUSES.__contains__, status))
            + (shared if shared and default[1] in SIGNED_STATUSES else 0),
            **{value: colours[value] for value in Colour.values},
        }


def _row(unit, tail):
    return ComplianceRow(*unit[1:], *tail)


def _tails(cycle, ended, by_unit, counts, *, agreement_status=None, met=None):
    """The row fields after the unit's own (ComplianceRow's from agreement_id on) per unit id
    with an agreement (`by_unit`: (id, status, committed) per unit id) or counted innovations,
    None where the filters leave the unit out; and the same `default` for every other unit (no
    agreement, nothing counted).

    Most units of a cycle have neither, and their rows differ only in the unit's columns, so
    these are decided once per unit with records rather than field by field for all 5,000
    rows: that was most of the compliance pages' own time. `counts` are the columns of
    `_innovation_counts`.
    """
    minimum = cycle.min_innovations_per_unit
    green, amber, red = Colour.GREEN, Colour.AMBER, Colour.RED
    fulfilled, not_fulfilled = Fulfilment.FULFILLED, Fulfilment.NOT_FULFILLED
    none_only = agreement_status == NO_AGREEMENT
    status_wanted = None if none_only else agreement_status

    def tail(agreement, tally):
        if agreement is None:
            if status_wanted:
                return None
            status, agreement_id, committed = None, None, minimum
        else:
            agreement_id, status, committed = agreement
            if none_only or (status_wanted and status != status_wanted):
                return None
        drafted, submitted, approved, launched = tally
        is_met = approved >= committed
        if met is not None and is_met != met:
            return None
        # Met is green; unsigned, or unmet once the cycle is over, red; else amber.
        if is_met:
            colour = green
        elif status not in SIGNED_STATUSES or ended:
            colour = red
        else:
            colour = amber
        # As `models.fulfilment_for`, for a unit with an agreement.
        if status and ended:
            fulfilment = fulfilled if approved >= committed else not_fulfilled
        else:
            fulfilment = None
        return (
            agreement_id,
            status,
            committed,
            drafted,
            submitted,
            approved,
            launched,
            is_met,
            colour,
            fulfilment,
        )

    # `tail(None, counts)` of every counted unit, written out: at 100,000 innovations every
    # unit has counts, and 5,000 calls cost 1.5 ms. Units with an agreement are redone below
    # (their counts read back from here).
    counted = {
        unit_id: (
            None,
            None,
            minimum,
            drafted,
            submitted,
            approved,
            launched,
            approved >= minimum,
            green if approved >= minimum else red,
            None,
        )
        for unit_id, drafted, submitted, approved, launched in zip(*counts, strict=True)
    }
    if status_wanted:  # units without an agreement are all left out
        tails = dict.fromkeys(counted)
    elif met is not None:
        tails = {unit_id: row if row[7] == met else None for unit_id, row in counted.items()}
    else:
        tails = counted
    for unit_id, agreement in by_unit.items():
        row = counted.get(unit_id)
        tails[unit_id] = tail(agreement, row[3:7] if row else NO_COUNTS)
    return tails, tail(None, NO_COUNTS)


def _units_and_agreements(cycle):
    """The units as (pk, code, name, kind, active) in the table's order, and the cycle's
    agreements as (id, status, committed) per unit id: one LEFT JOIN, read as plain tuples
    (building 5,000 Unit instances took more time than all the SQL of the page)."""
    return (
        Unit.objects.annotate(
            agreement=FilteredRelation("agreements", condition=Q(agreements__cycle=cycle))
        )
        .order_by("kind", "name", "pk")
        .values_list(
            "pk",
            "code",
            "name",
            "kind",
            "active",
            "agreement__id",
            "agreement__status",
            "agreement__committed_count",
        )
    )


def _split(rows):
    rows = list(rows)
    units = [row[:5] for row in rows]
    by_unit = {row[0]: row[5:] for row in rows if row[5] is not None}
    return units, by_unit


def _rows(cycle, ended, units, by_unit, counts, *, unit_kind, agreement_status, met, token=None):
    tails, default = _tails(
        cycle, ended, by_unit, counts, agreement_status=agreement_status, met=met
    )
    # Retired units stay listed only where they have records in this cycle (a key of `tails`).
    return ComplianceRows(
        [
            (unit, tail)
            for unit in units
            if (not unit_kind or unit[3] == unit_kind)
            and (tail := tails.get(unit[0], default)) is not None
            and (unit[4] or unit[0] in tails)
        ],
        default,
        token,
    )


def compliance_rows(cycle, *, user=None, unit_kind=None, agreement_status=None, met=None):
    """Rows for the table, the API and the exports; `user` limits unit staff to their unit.

    For those who see the region the rows come from what the process keeps (see the module's
    docstring) when the units, agreements and counts have not changed: one query, the token.
    """
    filters = {"unit_kind": unit_kind, "agreement_status": agreement_status, "met": met}
    ended = cycle_has_ended(cycle)
    if user is not None and not user.sees_region:
        units, by_unit = _split(_units_and_agreements(cycle).filter(pk=user.unit_id))
        counts = _innovation_counts(cycle, [user.unit_id])
        return _rows(cycle, ended, units, by_unit, counts, **filters)
    token = compliance_kept.current_token()
    version = written.current_version(cycle.pk)
    key = (
        cycle.pk,
        cycle.min_innovations_per_unit,
        ended,
        version,
        unit_kind,
        agreement_status,
        met,
    )
    rows = compliance_kept.rows(token, key)
    if rows is None:
        units, by_unit = compliance_kept.kept(
            token, ("units", cycle.pk), lambda: _split(_units_and_agreements(cycle))
        )
        counted_at, counts = _counts_entry(cycle, version)
        rows = _rows(cycle, ended, units, by_unit, counts, **filters, token=token)
        if version is not None:  # None: the cache is down, every request counts
            compliance_kept.keep_rows(token, key, rows, until=counted_at + COUNTS_TIMEOUT)
    return rows


def cycle_years(rows):
    """Every cycle's year, newest first (the page's year list), kept under the token `rows`
    were read under."""
    from innovations.models import Cycle

    return compliance_kept.kept(
        rows.token,
        ("years",),
        lambda: list(Cycle.objects.order_by("-year").values_list("year", flat=True)),
    )


def compliance_totals(rows):
    """Sums over every row of `compliance_rows` (computed once, in one pass)."""
    return rows.totals
