"""The launch report as a printed document: the numbers of `reports.launch`, laid out for A4.

The same report as on screen and in the spreadsheets (the exporter registry's "launch" PDF), but
built to be printed, handed over at the launch and filed: the regency's letterhead, the event it
reports on, the date it was printed, the list in landscape with its header on every page and no
row split across two, and the block where the head of Bappedalitbang signs.
"""

from django.template.loader import render_to_string
from django.utils import translation

from accounts.letterhead import bappedalitbang_document
from intan_banjar.pdf import html_to_pdf
from intan_banjar.querysets import iterate_prefetched

from . import launch
from .exporters import report_sections

# The charts sit two abreast in the PDF (about 87 mm each): drawn this wide, their 12-unit type
# prints at about 8 pt, where the screen's 560 would shrink it below 6 pt; a long label wraps
# onto more lines (reports.charts).
PDF_CHART_WIDTH = 360


def launch_report_context(*, cycle, user, include_approved=False, now=None):
    """Everything the printed report shows; `now` is when it is printed."""
    report = launch.launch_report(cycle=cycle, user=user, include_approved=include_approved)
    rows = iterate_prefetched(
        launch.report_rows(cycle=cycle, user=user, include_approved=include_approved)
    )
    return {
        "cycle": cycle,
        "report": report,
        "sections": report_sections(report, chart_width=PDF_CHART_WIDTH),
        "rows": rows,
        "event": getattr(cycle, "launch_event", None),
        "language": translation.get_language(),
        **bappedalitbang_document(now),
    }


def write_launch_report_pdf(target, *, cycle, user, include_approved=False, now=None):
    context = launch_report_context(
        cycle=cycle, user=user, include_approved=include_approved, now=now
    )
    html = render_to_string("reports/launch_report_pdf.html", context)
    html_to_pdf(html, target)
