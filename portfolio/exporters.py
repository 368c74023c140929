"""Exports of the portfolio's lists, in the reports app's registry (`reports.exporters`).

Each list (decrees, monitoring reports owed, replications, an import's rows) is a set of
`Column`s over the same rows the page and the API show, written by `intan_banjar.tabular`.
"""

from django.utils.translation import gettext as _

from intan_banjar.querysets import iterate_prefetched
from intan_banjar.tabular import API_CSV, Column, Sheet, csv_lines, write_xlsx
from reports.exporters import CsvExporter, Exporter, register

from .enums import ObligationStatus, RowOutcome

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _unit(innovation):
    return innovation.unit.name if innovation.unit_id else _("Community")


def decree_columns():
    return [
        Column(_("Code"), lambda d: d.innovation.code, 16),
        Column(_("Innovation"), lambda d: d.innovation.title, 40),
        Column(_("Unit"), lambda d: _unit(d.innovation), 30),
        Column(_("Year"), lambda d: d.innovation.year, 8),
        Column(_("Kind"), lambda d: d.get_kind_display(), 26),
        Column(_("Number"), lambda d: d.number, 24),
        Column(_("Date"), lambda d: d.issued_on, 12),
        Column(_("Signatory"), lambda d: d.signatory, 30),
        Column(_("In force from"), lambda d: d.starts_on, 12),
        Column(_("In force until"), lambda d: d.valid_until, 12),
        Column(_("State"), lambda d: str(d.state().label), 14),
        Column(_("IID indicator"), lambda d: d.indicator, 8),
        Column(_("Scanned document"), lambda d: d.document.filename if d.document_id else "", 24),
    ]


def decree_rows(queryset):
    return iterate_prefetched(
        queryset.select_related("innovation__unit", "document").order_by("valid_until", "id")
    )


def obligation_columns():
    labels = {s.value: str(s.label) for s in ObligationStatus}
    return [
        Column(_("Code"), lambda r: r["code"], 16),
        Column(_("Innovation"), lambda r: r["title"], 40),
        Column(_("Unit"), lambda r: r["unit__name"] or _("Community"), 30),
        Column(_("Year"), lambda r: r["year"], 8),
        Column(_("Period"), lambda r: r["period"], 8),
        Column(_("Due on"), lambda r: r["due_on"], 12),
        Column(_("Status"), lambda r: labels.get(r["state"], r["state"]), 12),
    ]


def replication_columns():
    return [
        Column(_("Code"), lambda r: r.innovation.code, 16),
        Column(_("Innovation"), lambda r: r.innovation.title, 40),
        Column(_("Unit"), lambda r: _unit(r.innovation), 30),
        Column(_("Year"), lambda r: r.innovation.year, 8),
        Column(_("Replicated by"), lambda r: r.get_adopter_kind_display(), 22),
        Column(_("Adopter"), lambda r: r.adopter_name, 30),
        Column(_("Kemendagri region code"), lambda r: r.region_code, 14),
        Column(_("Replicated on"), lambda r: r.replicated_on, 12),
        Column(_("What was replicated"), lambda r: r.description, 40),
    ]


def replication_rows(queryset):
    return iterate_prefetched(
        queryset.select_related("innovation__unit", "adopter_unit").order_by("-replicated_on", "id")
    )


def import_row_columns():
    labels = {o.value: str(o.label) for o in RowOutcome}
    return [
        Column(_("Row"), lambda r: r.number, 6),
        Column(_("Innovation"), lambda r: r.title, 40),
        Column(_("Year"), lambda r: r.year, 8),
        Column(_("Final status"), lambda r: r.status_label, 12),
        Column(_("Unit"), lambda r: r.unit, 16),
        Column(_("Outcome"), lambda r: labels.get(r.outcome, r.outcome), 14),
        Column(_("Code"), lambda r: r.code, 16),
        Column(_("Reasons"), lambda r: r.messages, 60),
    ]


def import_rows(queryset):
    return queryset.order_by("number").iterator(chunk_size=2000)


def _pair(report, title, columns, rows_of):
    """Register the CSV and XLSX exporters of one list."""

    @register(report, "csv")
    class ListCsv(CsvExporter):
        def lines(self, *, queryset, dialect=API_CSV, **_ignored):
            return csv_lines(columns(), rows_of(queryset), dialect=dialect)

    @register(report, "xlsx")
    class ListXlsx(Exporter):
        content_type = XLSX

        @property
        def heading(self):
            return title()

        def write(self, target, *, queryset, on_row=None, **params):
            sheet = Sheet(
                str(title()),
                columns(),
                rows_of(queryset),
                title=self.sheet_title(**params),
                freeze_columns=1,
            )
            write_xlsx(target, [sheet], on_row=on_row)

    return ListCsv, ListXlsx


_pair("decrees", lambda: _("Decrees"), decree_columns, decree_rows)
_pair("monitoring", lambda: _("Monitoring"), obligation_columns, lambda rows: iter(rows))
_pair("replications", lambda: _("Replications"), replication_columns, replication_rows)
_pair("legacy-import", lambda: _("Rows"), import_row_columns, import_rows)
