"""Exporters: small classes in a registry, one per (report, format).

A view, the API, the management command and the background task all ask the registry for
`exporter(report, format)` and call `write(target, **params)`: the numbers come from the same
report functions whatever the format.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory, Status
from innovations.models import Innovation
from intan_banjar.querysets import iterate_prefetched
from intan_banjar.tabular import Column, Sheet, csv_lines, write_xlsx

from . import launch
from .charts import bar_chart

EXPORTERS = {}

BREAKDOWN_TITLES = {
    "by_source_category": gettext_lazy("By source category"),
    "by_origin": gettext_lazy("By origin"),
    "by_form": gettext_lazy("By form"),
    "by_maturity": gettext_lazy("By maturity"),
    "by_lab_stage": gettext_lazy("By Laboratorium Inovasi stage"),
}
ENUMS = {
    "by_source_category": SourceCategory,
    "by_origin": Origin,
    "by_form": Form,
    "by_maturity": Maturity,
    "by_lab_stage": LabStage,
}


def register(report, fmt):
    def decorator(cls):
        EXPORTERS[(report, fmt)] = cls
        cls.report, cls.format = report, fmt
        return cls

    return decorator


def exporter(report, fmt):
    try:
        return EXPORTERS[(report, fmt)]()
    except KeyError:
        raise LookupError(f"No {fmt} export for {report}") from None


def formats_of(report):
    return sorted(fmt for name, fmt in EXPORTERS if name == report)


def label(enum, value):
    if not value:
        return ""
    if value == launch.UNSPECIFIED:
        return _("Unspecified")
    try:
        return str(enum(value).label)
    except ValueError:
        return value


class Exporter:
    content_type = "application/octet-stream"
    stem = None  # the file name's first part, when it is not the report's name

    @property
    def extension(self):
        return self.format

    def filename(self, *, year=None, **_params):
        """Built from validated values only: an integer year (a cycle's, or a checked filter)."""
        stem = self.stem or self.report
        return f"{stem}-{year if isinstance(year, int) else 'all'}.{self.extension}"

    def job_params(self, job):
        """The keyword arguments of `write` for a background `ExportJob` of an app's own report
        (`reports.runner` knows the reports app's own: the launch report and innovations)."""
        raise LookupError(job.kind)

    def write(self, target, **params):
        raise NotImplementedError

    def bytes(self, **params):
        buffer = io.BytesIO()
        self.write(buffer, **params)
        return buffer.getvalue()


class CsvExporter(Exporter):
    """CSV files are produced line by line, so a response can stream them."""

    content_type = "text/csv; charset=utf-8"

    def lines(self, **params):
        raise NotImplementedError

    def write(self, target, **params):
        for line in self.lines(**params):
            target.write(line)


# --- the launch report --------------------------------------------------------------------------


def launch_columns():
    return [
        Column(_("Code"), lambda r: r.code, 16),
        Column(_("Innovation"), lambda r: r.title, 48),
        Column(_("Unit"), lambda r: r.unit.name if r.unit_id else _("Community"), 36),
        Column(_("Category"), lambda r: label(SourceCategory, r.source_category), 20),
        Column(_("Innovators"), innovator_names, 36),
        Column(_("Origin"), lambda r: label(Origin, r.origin), 22),
        Column(_("Form"), lambda r: label(Form, r.form), 18),
        Column(_("Maturity"), lambda r: label(Maturity, r.maturity), 16),
        Column(_("Stage"), lambda r: label(LabStage, r.lab_stage), 14),
        Column(_("Status"), lambda r: label(Status, r.status), 14),
    ]


def summary_rows(report):
    """(section, value label, count) rows: the total, every breakdown, and the units."""
    rows = [(_("Total"), _("Innovations"), report.total)]
    for key, part in report.breakdowns.items():
        for value, count in part.items():
            rows.append((str(BREAKDOWN_TITLES[key]), label(ENUMS[key], value), count))
    rows.append((_("Units"), _("Participating units"), report.units_participating))
    rows.append((_("Units"), _("All active units"), report.units_total))
    return rows


def summary_columns():
    return [
        Column(_("Section"), lambda r: r[0], 32),
        Column(_("Value"), lambda r: r[1], 36),
        Column(_("Count"), lambda r: r[2], 10),
    ]


def _launch_data(cycle, user, include_approved):
    report = launch.launch_report(cycle=cycle, user=user, include_approved=include_approved)
    rows = launch.report_rows(cycle=cycle, user=user, include_approved=include_approved)
    return report, iterate_prefetched(rows)


@register("launch", "csv")
class LaunchCsv(CsvExporter):
    """The list, then a blank line and the summary, so one file carries the same numbers."""

    def lines(self, *, cycle, user, include_approved=False, **_ignored):
        report, rows = _launch_data(cycle, user, include_approved)
        summary = [("", "", "")] + [(s, v, c) for s, v, c in summary_rows(report)]
        columns = launch_columns()
        padded = [list(row) + [""] * (len(columns) - 3) for row in summary]
        return csv_lines(columns, rows, extra_rows=padded)


@register("launch", "xlsx")
class LaunchXlsx(Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, include_approved=False, on_row=None, **_ignored):
        report, rows = _launch_data(cycle, user, include_approved)
        write_xlsx(
            target,
            [
                Sheet(_("Summary"), summary_columns(), summary_rows(report)),
                Sheet(_("Innovations"), launch_columns(), rows),
            ],
            on_row=on_row,
        )


@register("launch", "pdf")
class LaunchPdf(Exporter):
    content_type = "application/pdf"

    def write(self, target, *, cycle, user, include_approved=False, **_ignored):
        # Imported here: reports.documents builds on this module (report_sections).
        from .documents import write_launch_report_pdf

        write_launch_report_pdf(target, cycle=cycle, user=user, include_approved=include_approved)


def report_sections(report, *, chart_width=560, chart_label_width=190):
    """Each breakdown with its title, rows of (label, count) and its chart, for templates;
    the printed report draws its charts narrower (reports.documents)."""
    sections = []
    for key, part in report.breakdowns.items():
        items = [(label(ENUMS[key], value), count) for value, count in part.items()]
        sections.append(
            {
                "key": key,
                "title": BREAKDOWN_TITLES[key],
                "items": items,
                "sum": sum(count for _label, count in items),
                "chart": bar_chart(
                    items,
                    title=str(BREAKDOWN_TITLES[key]),
                    width=chart_width,
                    label_width=chart_label_width,
                ),
            }
        )
    return sections


# --- innovations (the list, filtered as on the page) -------------------------------------------


def innovation_columns():
    return [
        Column(_("Code"), lambda r: r.code, 16),
        Column(_("Year"), lambda r: r.year, 8),
        Column(_("Innovation"), lambda r: r.title, 48),
        Column(_("Unit code"), lambda r: r.unit.code if r.unit_id else "", 20),
        Column(_("Unit"), lambda r: r.unit.name if r.unit_id else _("Community"), 36),
        Column(_("Category"), lambda r: label(SourceCategory, r.source_category), 20),
        Column(_("Status"), lambda r: label(Status, r.status), 16),
        Column(_("Origin"), lambda r: label(Origin, r.origin), 22),
        Column(_("Form"), lambda r: label(Form, r.form), 18),
        Column(_("Maturity"), lambda r: label(Maturity, r.maturity), 16),
        Column(_("Stage"), lambda r: label(LabStage, r.lab_stage), 14),
        Column(_("Innovators"), innovator_names, 36),
        Column(_("Trial date"), lambda r: r.trial_date, 12),
        Column(_("Implementation date"), lambda r: r.implementation_date, 12),
        Column(_("Budget (Rp)"), lambda r: r.budget, 14),
        Column(_("Submitted at"), lambda r: r.submitted_at, 14),
    ]


# The columns an innovation export reads: the long texts stay in the database.
EXPORT_ONLY = (
    "id",
    "code",
    "year",
    "title",
    "source_category",
    "status",
    "origin",
    "form",
    "maturity",
    "lab_stage",
    "trial_date",
    "implementation_date",
    "budget",
    "submitted_at",
    "unit__code",
    "unit__name",
    "unit__kind",
)


def innovation_rows(queryset):
    return iterate_prefetched(
        queryset.select_related("unit")
        .only(*EXPORT_ONLY)
        .prefetch_related("innovators")
        .order_by("year", "code")
    )


def innovator_names(row):
    return [person.name for person in row.innovators.all()]


@register("innovations", "csv")
class InnovationsCsv(CsvExporter):
    def lines(self, *, queryset, **_ignored):
        return csv_lines(innovation_columns(), innovation_rows(queryset))


@register("innovations", "xlsx")
class InnovationsXlsx(Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, queryset, on_row=None, **_ignored):
        write_xlsx(
            target,
            [Sheet(_("Innovations"), innovation_columns(), innovation_rows(queryset))],
            on_row=on_row,
        )


# --- reviews and scores (curators and admins only) ---------------------------------------------


def review_rows(*, cycle, user):
    """Every review of the cycle's innovations that the user may see, oldest round first."""
    from curation.models import Review

    visible = Innovation.objects.visible_to(user).filter(cycle=cycle)
    return iterate_prefetched(
        Review.objects.filter(innovation__in=visible)
        .select_related("innovation__unit", "curator")
        .order_by("innovation__code", "round", "curator__full_name", "id")
    )


def review_columns(cycle):
    from curation.models import Recommendation

    criteria = list(cycle.criteria.order_by("order", "id"))
    return [
        Column(_("Code"), lambda r: r.innovation.code, 16),
        Column(_("Innovation"), lambda r: r.innovation.title, 44),
        Column(
            _("Unit"),
            lambda r: r.innovation.unit.name if r.innovation.unit_id else _("Community"),
            32,
        ),
        Column(_("Round"), lambda r: r.round, 8),
        Column(_("Curator"), lambda r: r.curator.full_name, 26),
        *[
            Column(f"{c.name} ({c.weight})", lambda r, code=c.code: r.scores.get(code), 14)
            for c in criteria
        ],
        Column(_("Weighted score"), lambda r: round(r.weighted_score, 2), 12),
        Column(_("Recommendation"), lambda r: label(Recommendation, r.recommendation), 16),
        Column(_("Comment"), lambda r: r.comment, 60),
        Column(_("Updated at"), lambda r: r.updated_at, 14),
    ]


@register("reviews", "csv")
class ReviewsCsv(CsvExporter):
    def lines(self, *, cycle, user, **_ignored):
        return csv_lines(review_columns(cycle), review_rows(cycle=cycle, user=user))


@register("reviews", "xlsx")
class ReviewsXlsx(Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, on_row=None, **_ignored):
        write_xlsx(
            target,
            [Sheet(_("Reviews"), review_columns(cycle), review_rows(cycle=cycle, user=user))],
            on_row=on_row,
        )
