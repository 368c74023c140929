"""What the portfolio's records tell the IID readiness (registered in `PortfolioConfig.ready`).

Per innovation and indicator, a `Fact` with the level the record supports (following the
parameters of iid_indicators.csv, themselves unconfirmed):
- 16 (regulation): a decree of the Bupati or the agency head in force supports level 1; one that
  has lapsed or lapses soon is an alert (the IGA 2025 asks for a decree in force);
- 23 (implementer): a decree naming the implementers supports level 3 (an SK);
- 31 (replication): replications in 1, 2, 3 or more other regions support levels 1-3; units of
  Banjar are listed but are not other regions;
- 33 (benefit): the beneficiaries of the latest monitoring report: 1-200, 201-500, 501 or more;
- 34 (monitoring and evaluation): an internal report 1, a satisfaction survey 2, an external
  research-based evaluation 3.
Three queries for any number of innovations.
"""

from collections import defaultdict

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from iga.readiness import Fact

from .enums import AdopterKind, DecreeKind, DecreeState, MonitoringMethod
from .models import Decree, MonitoringReport, Replication

ADOPTING_KINDS = (DecreeKind.BUPATI, DecreeKind.AGENCY_HEAD)
IN_FORCE = (DecreeState.VALID, DecreeState.EXPIRING)
DECREE_LEVELS = {16: 1, 23: 3}
METHOD_LEVELS = {
    MonitoringMethod.INTERNAL: 1,
    MonitoringMethod.SURVEY: 2,
    MonitoringMethod.EXTERNAL: 3,
}


def beneficiary_level(count):
    if not count:
        return None
    if count <= 200:
        return 1
    return 2 if count <= 500 else 3


def _date(day):
    return formats.date_format(day, "j F Y")


def _page(innovation_id, anchor):
    return reverse("portfolio:innovation", args=[innovation_id]) + f"#{anchor}"


def decree_fact(decree, today):
    state = decree.state(today)
    label = f"{decree.get_kind_display()} {decree.number} ({_date(decree.issued_on)})"
    if state == DecreeState.EXPIRED:
        text = _("%(decree)s lapsed on %(date)s: renew it.") % {
            "decree": label,
            "date": _date(decree.valid_until),
        }
    elif state == DecreeState.EXPIRING:
        text = _("%(decree)s lapses on %(date)s (in %(days)s days).") % {
            "decree": label,
            "date": _date(decree.valid_until),
            "days": decree.days_left(today),
        }
    elif state == DecreeState.PENDING:
        text = _("%(decree)s comes into force on %(date)s.") % {
            "decree": label,
            "date": _date(decree.starts_on),
        }
    else:
        text = label
    level = None
    if state in IN_FORCE and (decree.indicator != 16 or decree.kind in ADOPTING_KINDS):
        level = DECREE_LEVELS.get(decree.indicator)
    return Fact(
        text=text,
        url=_page(decree.innovation_id, "decrees"),
        level=level,
        alert=state in (DecreeState.EXPIRED, DecreeState.EXPIRING),
    )


def _decrees(ids, facts, today):
    latest = {}
    for decree in Decree.objects.filter(innovation_id__in=ids).order_by("issued_on", "id"):
        latest[(decree.innovation_id, decree.indicator, decree.kind)] = decree
    # Only the newest decree of a kind counts: a renewed decree silences the lapsed one.
    for (innovation_id, indicator, _kind), decree in latest.items():
        facts[innovation_id][indicator].append(decree_fact(decree, today))


def _monitoring(ids, facts):
    reports = defaultdict(list)
    for report in MonitoringReport.objects.filter(innovation_id__in=ids).order_by("period"):
        reports[report.innovation_id].append(report)
    for innovation_id, rows in reports.items():
        last = rows[-1]
        facts[innovation_id][33].append(
            Fact(
                text=_("%(count)s beneficiaries (monitoring report %(period)s, %(date)s).")
                % {
                    "count": last.beneficiaries,
                    "period": last.period,
                    "date": _date(last.reported_on),
                },
                url=_page(innovation_id, "monitoring"),
                level=beneficiary_level(last.beneficiaries),
            )
        )
        best = max(rows, key=lambda r: METHOD_LEVELS.get(r.method, 0))
        facts[innovation_id][34].append(
            Fact(
                text=_("%(count)s monitoring reports; the strongest: %(method)s.")
                % {"count": len(rows), "method": best.get_method_display()},
                url=_page(innovation_id, "monitoring"),
                level=METHOD_LEVELS.get(best.method),
            )
        )


def _replications(ids, facts):
    regions, units = defaultdict(list), defaultdict(list)
    rows = Replication.objects.filter(innovation_id__in=ids).select_related("adopter_unit")
    for row in rows.order_by("replicated_on", "id"):
        target = regions if row.adopter_kind == AdopterKind.REGION else units
        target[row.innovation_id].append(row.adopter_name)
    for innovation_id in {*regions, *units}:
        names = regions.get(innovation_id, [])
        text = _("Replicated in %(count)s other regions") % {"count": len(names)}
        if names:
            text += f": {', '.join(names)}"
        if units.get(innovation_id):
            text += "; " + _("by units of Banjar: %(names)s") % {
                "names": ", ".join(units[innovation_id])
            }
        facts[innovation_id][31].append(
            Fact(
                text=text + ".",
                url=_page(innovation_id, "replications"),
                level=min(3, len(names)) or None,
            )
        )


def portfolio_facts(innovations):
    ids = [innovation.pk for innovation in innovations]
    facts = defaultdict(lambda: defaultdict(list))
    if not ids:
        return facts
    today = timezone.localdate()
    _decrees(ids, facts, today)
    _monitoring(ids, facts)
    _replications(ids, facts)
    return facts
