"""The region overview of a cycle for admins, curators and leaders, in a few aggregate queries."""

from django.db.models import Count, Q

from agreements.compliance import compliance_rows, compliance_totals
from agreements.enums import COMPLIANCE_COLOURS, Colour
from innovations.colours import STATUS_COLOURS
from innovations.enums import APPROVED_STATUSES, SourceCategory, Status
from innovations.models import Innovation

from .charts import bar_chart, line_chart


def status_counts(queryset):
    aggregates = {s.value: Count("id", filter=Q(status=s.value)) for s in Status}
    aggregates.update(
        {f"cat_{c.value}": Count("id", filter=Q(source_category=c.value)) for c in SourceCategory}
    )
    counts = queryset.aggregate(total=Count("id"), **aggregates)
    by_status = [(s, counts[s.value]) for s in Status]
    by_category = [(c, counts[f"cat_{c.value}"]) for c in SourceCategory]
    return counts["total"], by_status, by_category


def yearly_trend(user):
    """Per year: all innovations counted for `user`, those approved or launched, and how many
    of these came from the legacy archive (imported with their final status) or continue an
    earlier year."""
    delivered = Q(status__in=APPROVED_STATUSES)
    rows = (
        Innovation.objects.counted_for(user)
        .values("cycle__year")
        .annotate(
            total=Count("id"),
            delivered=Count("id", filter=delivered),
            imported=Count("id", filter=delivered & Q(import_key__isnull=False)),
            continued=Count("id", filter=Q(predecessor__isnull=False)),
        )
        .order_by("cycle__year")
    )
    return [
        (row["cycle__year"], row["total"], row["delivered"], row["imported"], row["continued"])
        for row in rows
    ]


def iid_trend():
    """The published Indeks Inovasi Daerah per year beside the portal's estimate (iga.history);
    imported here, not at the top: the iga app builds on this one."""
    from iga.history import trend, trend_chart

    rows = trend()
    return rows, trend_chart(rows)


def region_overview(*, cycle, user):
    queryset = Innovation.objects.counted_for(user).filter(cycle=cycle)
    total, by_status, by_category = status_counts(queryset)
    compliance = compliance_rows(cycle, user=user)
    totals = compliance_totals(compliance)
    trend = yearly_trend(user)
    iid_rows, iid_chart = iid_trend()
    waiting = sum(count for s, count in by_status if s in (Status.SUBMITTED, Status.IN_REVIEW))
    decided = sum(
        count for s, count in by_status if s in (Status.APPROVED, Status.REJECTED, Status.LAUNCHED)
    )
    return {
        "cycle": cycle,
        "total": total,
        "by_status": by_status,
        "by_category": by_category,
        "compliance_totals": totals,
        "curation": {
            "waiting": waiting,
            "decided": decided,
            "revision": dict(by_status)[Status.REVISION_REQUESTED],
        },
        "trend": trend,
        "iid_trend": iid_rows,
        "charts": {
            "iid": iid_chart,
            # Each status's bar in its badge's colours (its outline, drawn in its text colour).
            "status": bar_chart(
                [(s.label, n) for s, n in by_status],
                colours=[(STATUS_COLOURS[s].border, STATUS_COLOURS[s].text) for s, _n in by_status],
            ),
            "category": bar_chart([(c.label, n) for c, n in by_category]),
            "compliance": bar_chart(
                [(c.label, totals.get(c.value, 0)) for c in Colour],
                colours=[(COMPLIANCE_COLOURS[c],) * 2 for c in Colour],
            ),
            "trend": line_chart([(row[0], row[1]) for row in trend]),
        },
    }
