"""Exporters: small classes in a registry, one per (report, format).

A view, the API, the management command and the background task all ask the registry for
`exporter(report, format)` and call `write(target, **params)`: the numbers come from the same
report functions whatever the format.
"""

import io

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innovations.enums import Form, LabStage, Maturity, Origin, SourceCategory
from innovations.models import Innovation
from intan_banjar.querysets import iterate_prefetched
from intan_banjar.tabular import (
    API_CSV,
    Column,
    Sheet,
    csv_lines,
    export_title,
    write_xlsx,
)

from . import launch
from .charts import bar_chart
from .rows import CHOICES, innovation_columns, innovation_csv_lines, innovation_rows, tuples

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
    heading = None  # what the list is, first in an XLSX sheet's title line

    def sheet_title(self, *, year=None, filters=(), **_params):
        """The title line of the XLSX sheets: the heading, the year, the filters, the print date."""
        chosen = [(_("Year"), year)] if isinstance(year, int) else []
        return export_title(self.heading or self.report, chosen + list(filters))

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

    def lines(self, *, dialect=API_CSV, **params):
        """Encoded lines in `dialect` (`intan_banjar.tabular`: the API's or Excel's)."""
        raise NotImplementedError

    def write(self, target, **params):
        for line in self.lines(**params):
            target.write(line)


# --- the launch report --------------------------------------------------------------------------


LAUNCH_FIELDS = (
    "code",
    "title",
    "unit__name",
    "source_category",
    "innovators",
    "origin",
    "form",
    "maturity",
    "lab_stage",
    "status",
)


def launch_columns():
    """Positions in `LAUNCH_FIELDS` (rows from `launch_list`)."""
    return [
        Column(_("Code"), 0, 16),
        Column(_("Innovation"), 1, 48),
        Column(_("Unit"), 2, 36),
        Column(_("Category"), 3, 20),
        Column(_("Innovators"), 4, 36),
        Column(_("Origin"), 5, 22),
        Column(_("Form"), 6, 18),
        Column(_("Maturity"), 7, 16),
        Column(_("Stage"), 8, 14),
        Column(_("Status"), 9, 14),
    ]


def launch_list(cycle, user, include_approved):
    """The report's list for files, ordered as on the page (category, unit, code)."""
    queryset = launch.report_queryset(cycle=cycle, user=user, include_approved=include_approved)
    ordered = queryset.order_by("source_category", "unit__name", "code")
    return tuples(ordered, LAUNCH_FIELDS, labelled=CHOICES)


def launch_title(cycle, include_approved):
    filters = [(_("Year"), cycle.year)]
    if include_approved:
        filters.append((_("Includes"), _("approved innovations not yet launched")))
    return export_title(_("Launch report"), filters)


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
        Column(_("Section"), 0, 32),
        Column(_("Value"), 1, 36),
        Column(_("Count"), 2, 10),
    ]


def _launch_data(cycle, user, include_approved):
    """The report and its list as model objects, for the PDF's template."""
    report = launch.launch_report(cycle=cycle, user=user, include_approved=include_approved)
    rows = launch.report_rows(cycle=cycle, user=user, include_approved=include_approved)
    return report, iterate_prefetched(rows)


class LaunchExport:
    """Named `peluncuran-<year>`: the files people download are named in Indonesian."""

    stem = "peluncuran"


@register("launch", "csv")
class LaunchCsv(LaunchExport, CsvExporter):
    """The list, then a blank line and the summary, so one file carries the same numbers."""

    def lines(self, *, cycle, user, include_approved=False, dialect=API_CSV, **_ignored):
        report = launch.launch_report(cycle=cycle, user=user, include_approved=include_approved)
        summary = [("", "", "")] + [(s, v, c) for s, v, c in summary_rows(report)]
        columns = launch_columns()
        padded = [list(row) + [""] * (len(columns) - 3) for row in summary]
        rows = launch_list(cycle, user, include_approved)
        return csv_lines(columns, rows, extra_rows=padded, dialect=dialect)


@register("launch", "xlsx")
class LaunchXlsx(LaunchExport, Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, include_approved=False, on_row=None, **_ignored):
        report = launch.launch_report(cycle=cycle, user=user, include_approved=include_approved)
        title = launch_title(cycle, include_approved)
        write_xlsx(
            target,
            [
                Sheet(_("Summary"), summary_columns(), summary_rows(report), title=title),
                Sheet(
                    _("Innovations"),
                    launch_columns(),
                    launch_list(cycle, user, include_approved),
                    title=title,
                    freeze_columns=1,
                ),
            ],
            on_row=on_row,
        )


@register("launch", "pdf")
class LaunchPdf(LaunchExport, Exporter):
    content_type = "application/pdf"

    def write(self, target, *, cycle, user, include_approved=False, **_ignored):
        # Imported here: reports.documents builds on this module (report_sections).
        from .documents import write_launch_report_pdf

        write_launch_report_pdf(target, cycle=cycle, user=user, include_approved=include_approved)


def report_sections(report, *, chart_width=560):
    """Each breakdown with its title, rows of (label, count) and its chart, for templates;
    the printed report draws its charts narrower (reports.documents); the chart sizes its label
    column to the longest label and wraps what does not fit (reports.charts)."""
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
                ),
            }
        )
    return sections


# --- innovations (the list, filtered as on the page) -------------------------------------------


class InnovationsExport:
    heading = gettext_lazy("Innovation list")


@register("innovations", "csv")
class InnovationsCsv(InnovationsExport, CsvExporter):
    def lines(self, *, queryset, dialect=API_CSV, **_ignored):
        return innovation_csv_lines(queryset, dialect)


@register("innovations", "xlsx")
class InnovationsXlsx(InnovationsExport, Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, queryset, on_row=None, **params):
        sheet = Sheet(
            _("Innovations"),
            innovation_columns(),
            innovation_rows(queryset),
            title=self.sheet_title(**params),
            freeze_columns=1,
        )
        write_xlsx(target, [sheet], on_row=on_row)


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


class ReviewsExport:
    heading = gettext_lazy("Reviews and scores")


@register("reviews", "csv")
class ReviewsCsv(ReviewsExport, CsvExporter):
    def lines(self, *, cycle, user, dialect=API_CSV, **_ignored):
        rows = review_rows(cycle=cycle, user=user)
        return csv_lines(review_columns(cycle), rows, dialect=dialect)


@register("reviews", "xlsx")
class ReviewsXlsx(ReviewsExport, Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, cycle, user, on_row=None, **params):
        sheet = Sheet(
            _("Reviews"),
            review_columns(cycle),
            review_rows(cycle=cycle, user=user),
            title=self.sheet_title(**{"year": cycle.year, **params}),
            freeze_columns=1,
        )
        write_xlsx(target, [sheet], on_row=on_row)
