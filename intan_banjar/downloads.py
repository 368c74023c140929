"""One way to name a downloaded file, for every export, document and attachment.

A header built by string formatting let a quote or a CRLF from a query parameter rewrite the file
name or break the response (issue 19). Django's `content_disposition_header` quotes ASCII names and
percent-encodes anything else, so a name can never leave its parameter. Callers still build names
from validated values only (a cycle's integer year, a unit code, a sniffed extension).
"""

from django.http import HttpResponse
from django.utils.http import content_disposition_header


def with_filename(response, filename, *, inline=False):
    """Set the response's Content-Disposition to `filename`, as an attachment unless `inline`."""
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def inline_pdf(content, filename):
    """A PDF document (agreements, the signing bundle) shown in the browser under `filename`."""
    response = HttpResponse(content, content_type="application/pdf")
    return with_filename(response, filename, inline=True)
