"""Compliance per unit and cycle: what each unit committed to and what it has delivered.

One SQL query for all rows, however many units: the agreement's fields come in as subqueries and the
innovation counts as conditional aggregates over the cycle's innovations joined once.
"""

from dataclasses import dataclass

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from accounts.enums import UnitKind
from accounts.models import Unit
from innovations.enums import APPROVED_STATUSES, CLOSED_STATUSES, SUBMITTED_STATUSES, Status

from .enums import SIGNED_STATUSES, AgreementStatus, Colour, Fulfilment
from .models import Agreement, cycle_has_ended, fulfilment_for

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

    @property
    def unit_kind_label(self):
        return UnitKind(self.unit_kind).label

    @property
    def colour_label(self):
        return Colour(self.colour).label

    @property
    def fulfilment_label(self):
        return Fulfilment(self.fulfilment).label if self.fulfilment else ""


def _colour(status, met, ended):
    if met:
        return Colour.GREEN
    if status not in SIGNED_STATUSES or ended:
        return Colour.RED
    return Colour.AMBER


def compliance_units(cycle, user=None):
    """The annotated Unit queryset (without filters on the annotations)."""
    from innovations.models import Innovation

    agreements = Agreement.objects.filter(unit=OuterRef("pk"), cycle=cycle)
    in_cycle = Innovation.objects.filter(unit=OuterRef("pk"), cycle=cycle)
    units = Unit.objects.filter(Q(active=True) | Exists(agreements) | Exists(in_cycle)).annotate(
        cycle_innovations=FilteredRelation("innovations", condition=Q(innovations__cycle=cycle)),
        agreement_id=Subquery(agreements.values("pk")[:1]),
        agreement_status=Subquery(agreements.values("status")[:1]),
        committed=Coalesce(
            Subquery(agreements.values("committed_count")[:1]), cycle.min_innovations_per_unit
        ),
        # Withdrawn and rejected innovations never count, not even as drafted.
        drafted=_count(~Q(cycle_innovations__status__in=sorted(CLOSED_STATUSES))),
        submitted=_count(Q(cycle_innovations__status__in=sorted(SUBMITTED_STATUSES))),
        approved=_count(Q(cycle_innovations__status__in=sorted(APPROVED_STATUSES))),
        launched=_count(Q(cycle_innovations__status=Status.LAUNCHED)),
    )
    if user is not None and not user.sees_region:
        units = units.filter(pk=user.unit_id)
    return units.order_by("kind", "name", "pk")


def _count(condition):
    return Count("cycle_innovations", filter=condition & Q(cycle_innovations__isnull=False))


def compliance_rows(cycle, *, user=None, unit_kind=None, agreement_status=None, met=None):
    """Rows for the table, the API and the exports; `user` limits unit staff to their unit."""
    units = compliance_units(cycle, user)
    if unit_kind:
        units = units.filter(kind=unit_kind)
    if agreement_status == NO_AGREEMENT:
        units = units.filter(agreement_status__isnull=True)
    elif agreement_status:
        units = units.filter(agreement_status=agreement_status)
    ended = cycle_has_ended(cycle)
    rows = []
    for unit in units:
        is_met = unit.approved >= unit.committed
        if met is not None and is_met != met:
            continue
        rows.append(
            ComplianceRow(
                unit=unit.code,
                unit_name=unit.name,
                unit_kind=unit.kind,
                unit_active=unit.active,
                agreement_id=unit.agreement_id,
                agreement_status=unit.agreement_status,
                committed=unit.committed,
                drafted=unit.drafted,
                submitted=unit.submitted,
                approved=unit.approved,
                launched=unit.launched,
                met=is_met,
                colour=_colour(unit.agreement_status, is_met, ended),
                fulfilment=(
                    fulfilment_for(cycle, unit.committed, unit.approved)
                    if unit.agreement_status
                    else None
                ),
            )
        )
    return rows


def compliance_totals(rows):
    totals = {field: sum(getattr(row, field) for row in rows) for field in COUNT_FIELDS}
    totals["units"] = len(rows)
    totals["met"] = sum(1 for row in rows if row.met)
    totals["signed"] = sum(1 for row in rows if row.agreement_status in SIGNED_STATUSES)
    for colour in Colour:
        totals[colour.value] = sum(1 for row in rows if row.colour == colour)
    return totals
