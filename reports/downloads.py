"""HTTP responses for exports, shared by the API views, the pages and the background jobs."""

import io

from django.http import HttpResponse, StreamingHttpResponse

from intan_banjar.downloads import with_filename

from .exporters import exporter


def export_response(report, fmt, **params):
    """Stream CSV (it is written row by row); build the others in memory and send them."""
    export = exporter(report, fmt)
    filename = export.filename(**params)
    if hasattr(export, "lines"):
        response = StreamingHttpResponse(export.lines(**params), content_type=export.content_type)
    else:
        buffer = io.BytesIO()
        export.write(buffer, **params)
        response = HttpResponse(buffer.getvalue(), content_type=export.content_type)
    return with_filename(response, filename)
