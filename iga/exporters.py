"""The IID export of a cycle: the national form's fields in its order, then per indicator the
level and the evidence links, so operators copy rather than retype into the Kemendagri portal.
And the planner's export (`iid_plan`): the estimate, the distance to each band, the cheapest set
of actions to the target band and every action ranked by points per effort.

Registered in the reports app's exporter registry (`reports.exporters.register`), so the same
download machinery serves them.

The IID export holds the innovations marked as reported unless every candidate is asked for
(`scope`): the file is what officials copy into Kemendagri's application, and a copy of every
candidate would report innovations the region chose not to (and a larger n divides the sum by
more). Both carry the "Reported to the IGA" column, so a file of candidates still tells them apart.
"""

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innovations.enums import Form, Initiator, InnovationType, Maturity
from intan_banjar.tabular import API_CSV, Column, Sheet, csv_lines, write_xlsx
from reports.exporters import CsvExporter, Exporter, label, register

from .estimate import candidates
from .method import round2
from .plan import EFFORT_MODEL
from .planner import DEFAULT_TARGET, plan_for
from .readiness import catalogues, readiness_for, with_readiness


def evidence_url(attachment):
    path = reverse(
        "innovations-api:innovation-attachment-download",
        kwargs={"pk": attachment.innovation_id, "attachment_id": attachment.pk},
    )
    return settings.SITE_URL.rstrip("/") + path


REPORTED, CANDIDATES = "reported", "candidates"
SCOPES = (REPORTED, CANDIDATES)
SCOPE_TITLES = {
    REPORTED: gettext_lazy("Reported innovations"),
    CANDIDATES: gettext_lazy("All candidates, reported or not"),
}


def export_rows(cycle, user, scope=REPORTED):
    """(innovation, readiness) pairs of the candidates this user sees (only those marked as
    reported unless `scope` is `candidates`), in code order, scored with the cycle's rules."""
    rows = candidates(cycle, user)
    if scope == REPORTED:
        rows = rows.filter(entered=True)
    innovations = list(with_readiness(rows.select_related("unit", "cycle").order_by("code")))
    readiness = readiness_for(innovations, catalogue=catalogues([cycle.pk])[cycle.pk])
    return [(i, readiness[i.pk]) for i in innovations]


def _row_of(readiness, number):
    return next((row for row in readiness.rows if row.number == number), None)


def iid_columns(numbers):
    # Text, not a boolean cell, so the CSV and the XLSX file say the same "Ya"/"Tidak"; read now,
    # since a streamed CSV is written after the view has returned.
    yes, no = _("Yes"), _("No")
    columns = [
        Column(_("Innovation name"), lambda r: r[0].title, 40),
        Column(_("Maturity (tahapan)"), lambda r: label(Maturity, r[0].maturity), 14),
        Column(_("Initiator"), lambda r: label(Initiator, r[0].initiator), 18),
        Column(_("Type"), lambda r: label(InnovationType, r[0].type), 12),
        Column(_("Form"), lambda r: label(Form, r[0].form), 16),
        Column(_("Government affairs"), lambda r: r[0].affairs, 30),
        Column(_("Trial date"), lambda r: r[0].trial_date, 12),
        Column(_("Implementation date"), lambda r: r[0].implementation_date, 12),
        Column(_("Design (rancang bangun)"), lambda r: r[0].design, 60),
        Column(_("Goals"), lambda r: r[0].goals, 40),
        Column(_("Benefits"), lambda r: r[0].benefits, 40),
        Column(_("Results"), lambda r: r[0].results, 40),
        Column(_("Budget (Rp)"), lambda r: r[0].budget, 14),
        Column(_("Video"), lambda r: r[0].video_url, 30),
    ]
    for number in numbers:
        columns.append(
            Column(
                _("Indicator %(number)s level") % {"number": number},
                lambda r, n=number: getattr(_row_of(r[1], n), "level", None),
                8,
            )
        )
        columns.append(
            Column(
                _("Indicator %(number)s evidence") % {"number": number},
                lambda r, n=number: [
                    evidence_url(a) for a in getattr(_row_of(r[1], n), "evidence", [])
                ],
                40,
            )
        )
    columns += [
        Column(_("Code"), lambda r: r[0].code, 16),
        Column(_("Unit"), lambda r: r[0].unit.name if r[0].unit_id else _("Community"), 30),
        Column(_("Reported to the IGA"), lambda r: yes if r[0].entered else no, 10),
        Column(_("Score (estimate)"), lambda r: r[1].score, 10),
        Column(_("Maximum score"), lambda r: r[1].max_score, 10),
    ]
    return columns


def _data(cycle, user, scope):
    numbers = [i.number for i in catalogues([cycle.pk]).get(cycle.pk, [])]
    return iid_columns(numbers), export_rows(cycle, user, scope)


class IidExport:
    heading = gettext_lazy("Regional innovation index (IID) data")

    def filename(self, *, scope=REPORTED, **params):
        """`iid-<year>` for the reported innovations, `iid-kandidat-<year>` for every candidate,
        so the two files are not mistaken for each other."""
        name = super().filename(**params)
        return f"iid-kandidat-{name.removeprefix('iid-')}" if scope == CANDIDATES else name


@register("iid", "csv")
class IidCsv(IidExport, CsvExporter):
    def lines(self, *, cycle, user, scope=REPORTED, dialect=API_CSV, **_ignored):
        columns, rows = _data(cycle, user, scope)
        return csv_lines(columns, rows, dialect=dialect)


@register("iid", "xlsx")
class IidXlsx(IidExport, Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, scope=REPORTED, on_row=None, **params):
        columns, rows = _data(cycle, user, scope)
        shown = [(_("Innovations"), SCOPE_TITLES[scope])]
        title = self.sheet_title(**{"year": cycle.year, **params, "filters": shown})
        write_xlsx(target, [Sheet(_("IID"), columns, rows, title=title)], on_row=on_row)


# --- the planner ----------------------------------------------------------------------------------


def plan_columns():
    return [
        Column(_("Rank"), lambda r: r[0], 6),
        Column(_("Action"), lambda r: r[1].description(), 60),
        Column(_("Innovation code"), lambda r: getattr(r[1].innovation, "code", ""), 16),
        Column(
            _("Indicator"),
            lambda r: f"{r[1].indicator.number}. {r[1].indicator.name}" if r[1].indicator else "",
            36,
        ),
        Column(_("From level"), lambda r: r[1].from_level if r[1].indicator else None, 8),
        Column(_("To level"), lambda r: r[1].to_level if r[1].indicator else None, 8),
        Column(_("What the level needs"), lambda r: r[1].needs, 40),
        Column(_("Evidence needed"), lambda r: r[1].evidence, 36),
        Column(_("Effort"), lambda r: r[1].effort, 8),
        Column(_("Points added"), lambda r: round(r[1].gain, 4), 10),
        Column(_("Points per effort"), lambda r: round(r[1].ratio, 4), 10),
        Column(_("Index after this action"), lambda r: r[1].index_after, 10),
        Column(_("In the cheapest set"), lambda r: r[2], 10),
    ]


def plan_summary(plan):
    """(label, value) rows: the estimate, each band above it and the cheapest set's outcome."""
    base = plan.base
    band = base.band or {}
    rows = [
        (_("Year"), plan.estimate.cycle.year),
        (_("Estimated index"), base.index),
        (_("Predicate (estimate)"), band.get("label") or ""),
        (_("Skor total"), round(base.total, 4)),
        (_("Maximum skor total"), round(base.total_max, 4)),
        (_("SPD (region part)"), round(base.spd, 4)),
        (_("SID (innovation part)"), round(base.sid, 4)),
        (_("Reported innovations (n)"), base.n),
        (_("Divisor MAX(minimum, n)"), base.divisor),
        (_("Count score"), base.count_score),
    ]
    for distance in plan.distances():
        rows.append(
            (
                _("Points to %(label)s (from %(min)s)")
                % {
                    "label": distance["band"].get("label"),
                    # A label, so written as the locale writes numbers ("0,01"); values stay
                    # numbers.
                    "min": number_format(round2(distance["band"].get("min")), 2),
                },
                round(distance["points_needed"], 4),
            )
        )
    if plan.target_band is not None:
        rows += [
            (_("Target"), plan.target_band.get("label")),
            (_("Cheapest set: effort"), plan.set_effort if plan.chosen is not None else None),
            (
                _("Cheapest set: index after"),
                plan.reached_figures.index if plan.reached_figures is not None else None,
            ),
            (_("Cheapest set reaches the target"), plan.reaches),
        ]
    rows.append((_("Effort units"), str(EFFORT_MODEL)))
    return rows


def _plan_rows(plan):
    chosen = {a.group: a for a in plan.chosen or []}
    in_set = [(n, a, True) for n, a in enumerate(plan.chosen or [], start=1)]
    every = [(n, a, chosen.get(a.group) is a) for n, a in enumerate(plan.actions, start=1)]
    return in_set, every


def _summary_columns():
    return [
        Column(_("Figure"), lambda r: r[0], 40),
        Column(_("Value"), lambda r: r[1], 24),
    ]


class IidPlanExport:
    heading = gettext_lazy("IGA improvement plan")

    def plan_title(self, plan, params):
        target = [(_("Target"), plan.target_band.get("label"))] if plan.target_band else []
        return self.sheet_title(**{"year": plan.estimate.cycle.year, **params, "filters": target})


@register("iid_plan", "csv")
class IidPlanCsv(IidPlanExport, CsvExporter):
    """The ranked actions, then a blank line and the summary (so one file carries everything)."""

    def lines(self, *, cycle, user, predicate=DEFAULT_TARGET, dialect=API_CSV, **_ignored):
        plan = plan_for(cycle, user, target=predicate)
        columns = plan_columns()
        _in_set, every = _plan_rows(plan)
        padded = [[""] * len(columns)] + [
            [label, value] + [""] * (len(columns) - 2) for label, value in plan_summary(plan)
        ]
        return csv_lines(columns, every, extra_rows=padded, dialect=dialect)


@register("iid_plan", "xlsx")
class IidPlanXlsx(IidPlanExport, Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, predicate=DEFAULT_TARGET, on_row=None, **params):
        plan = plan_for(cycle, user, target=predicate)
        in_set, every = _plan_rows(plan)
        title = self.plan_title(plan, params)
        write_xlsx(
            target,
            [
                Sheet(_("Summary"), _summary_columns(), plan_summary(plan), title=title),
                Sheet(_("Cheapest set"), plan_columns(), in_set, title=title),
                Sheet(_("All actions"), plan_columns(), every, title=title),
            ],
            on_row=on_row,
        )
