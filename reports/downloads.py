"""HTTP responses for exports, shared by the API views, the pages and the background jobs."""

import io

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter

from intan_banjar.downloads import with_filename
from intan_banjar.exceptions import InvalidInput
from intan_banjar.tabular import API_CSV, DIALECTS

from .exporters import exporter

# The schema's description of the parameter, for every export view that offers CSV.
DIALECT = OpenApiParameter(
    "dialect",
    str,
    enum=list(DIALECTS),
    description="CSV only: `api` (default, RFC 4180, comma) or `excel-id` (semicolon, decimal "
    "comma, for Excel with Indonesian regional settings).",
)


def csv_dialect(params):
    """The `dialect` query parameter of a CSV export: RFC 4180 unless `excel-id` is asked.

    Download buttons on the pages ask for `excel-id` (";" and decimal commas, what Excel with
    Indonesian regional settings opens as columns); scripts keep the comma CSV of API.md. An
    unknown value is a 400, never a silent fallback.
    """
    name = params.get("dialect") or API_CSV.name
    if name not in DIALECTS:
        raise InvalidInput(
            {"dialect": [_("Choose one of: %(formats)s.") % {"formats": ", ".join(DIALECTS)}]}
        )
    return DIALECTS[name]


def export_response(report, fmt, *, dialect=API_CSV, **params):
    """Stream CSV (it is written row by row); build the others in memory and send them.

    `dialect` applies to CSV only; `params` go to the exporter (`filters`, (label, value)
    pairs, name the filters used in an XLSX file's title line).
    """
    export = exporter(report, fmt)
    filename = export.filename(**params)
    if hasattr(export, "lines"):
        lines = export.lines(dialect=dialect, **params)
        response = StreamingHttpResponse(lines, content_type=export.content_type)
    else:
        buffer = io.BytesIO()
        export.write(buffer, **params)
        response = HttpResponse(buffer.getvalue(), content_type=export.content_type)
    return with_filename(response, filename)
