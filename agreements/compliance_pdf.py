"""The compliance table as a printed document, for the Sekda's meeting and the file.

Registered as ("compliance", "pdf") beside the spreadsheets, so the page, the API and the
background job print the same rows and totals the table shows, filtered the same way, under the
regency's letterhead and signed by the head of Bappedalitbang like the launch report.
"""

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.enums import UnitKind
from accounts.letterhead import bappedalitbang_document
from intan_banjar.choices import translated_labels
from intan_banjar.pdf import html_to_pdf
from reports.exporters import Exporter, register

from .compliance import compliance_totals
from .enums import AgreementStatus, Colour
from .exporters import ComplianceExport


def printed_rows(rows):
    """Each row with its labels in the reader's language (colour named, never shown alone)."""
    kinds = translated_labels(UnitKind)
    statuses = translated_labels(AgreementStatus)
    colours = translated_labels(Colour)
    none, yes, no = _("None"), _("Yes"), _("No")
    for row in rows:
        yield {
            "row": row,
            "kind": kinds[row.unit_kind],
            "agreement": statuses[row.agreement_status] if row.agreement_status else none,
            "met": yes if row.met else no,
            "colour": colours[row.colour],
        }


def compliance_context(*, rows, year, now=None):
    return {
        "rows": printed_rows(rows),
        "year": year,
        "totals": compliance_totals(rows),
        "language": translation.get_language(),
        **bappedalitbang_document(now),
    }


@register("compliance", "pdf")
class CompliancePdf(ComplianceExport, Exporter):
    content_type = "application/pdf"

    def write(self, target, *, rows, year, now=None, **_ignored):
        html = render_to_string(
            "agreements/compliance_pdf.html", compliance_context(rows=rows, year=year, now=now)
        )
        html_to_pdf(html, target)
