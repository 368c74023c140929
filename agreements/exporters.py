"""Compliance exports: XLSX for people, CSV for machines; both with the same columns and totals.

Registered in the reports app's exporter registry (`reports.exporters.register`) and written by
`intan_banjar.tabular`, so the compliance file is streamed (CSV), escaped and typed like every
other export, and a large one is written by the background job (`reports.runner`).
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.enums import UnitKind
from innovations.models import Cycle
from intan_banjar.tabular import API_CSV, Column, Sheet, csv_lines, write_xlsx
from reports.exporters import CsvExporter, Exporter, register

from .compliance import compliance_rows, compliance_totals
from .enums import AgreementStatus, Colour
from .forms import ComplianceFilterForm


def columns():
    return [
        Column(_("Unit code"), lambda r: r.unit, 22),
        Column(_("Unit"), lambda r: r.unit_name, 44),
        Column(_("Unit kind"), lambda r: str(UnitKind(r.unit_kind).label), 24),
        Column(
            _("Agreement"),
            lambda r: (
                str(AgreementStatus(r.agreement_status).label) if r.agreement_status else _("None")
            ),
            16,
        ),
        Column(_("Committed"), lambda r: r.committed, 12),
        Column(_("Drafted"), lambda r: r.drafted, 11),
        Column(_("Submitted"), lambda r: r.submitted, 11),
        Column(_("Approved"), lambda r: r.approved, 11),
        Column(_("Launched"), lambda r: r.launched, 11),
        Column(_("Met"), lambda r: _("Yes") if r.met else _("No"), 8),
        Column(_("Colour"), lambda r: str(Colour(r.colour).label), 22),
    ]


def totals_row(totals):
    return [
        _("Total"),
        _("%(units)d units, %(met)d met") % {"units": totals["units"], "met": totals["met"]},
        "",
        _("%(signed)d signed") % {"signed": totals["signed"]},
        totals["committed"],
        totals["drafted"],
        totals["submitted"],
        totals["approved"],
        totals["launched"],
        totals["met"],
        "",
    ]


class ComplianceExport:
    """Named `kepatuhan-<year>`; its rows come from `export_rows`, in the request or the job."""

    stem = "kepatuhan"
    heading = gettext_lazy("Commitment compliance")

    def job_params(self, job):
        cycle = Cycle.objects.get(year=job.params["year"])
        # Validated when the job was started; checked again, so a stored value cannot widen it.
        asked = job.params.get("filters", {})
        filters = ComplianceFilterForm.filters_of(asked)
        return {
            "rows": compliance_rows(cycle, user=job.user, **filters),
            "year": cycle.year,
            "filters": ComplianceFilterForm.described(asked),
        }


@register("compliance", "csv")
class ComplianceCsv(ComplianceExport, CsvExporter):
    def lines(self, *, rows, dialect=API_CSV, **_ignored):
        totals = [totals_row(compliance_totals(rows))]
        return csv_lines(columns(), rows, extra_rows=totals, dialect=dialect)


@register("compliance", "xlsx")
class ComplianceXlsx(ComplianceExport, Exporter):
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    def write(self, target, *, rows, on_row=None, **params):
        sheet = Sheet(
            _("Compliance"),
            columns(),
            rows,
            extra_rows=[totals_row(compliance_totals(rows))],
            freeze_columns=2,
            autofilter=True,
            title=self.sheet_title(**params),
        )
        write_xlsx(target, [sheet], on_row=on_row)
