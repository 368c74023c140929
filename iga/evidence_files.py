"""The region's evidence file of an indicator, handed out as a download.

Bappedalitbang uploads it with a region indicator's level and later sends it on with the
region's IGA entry, so it must come back out of the portal; media files are never served
directly (their names are random, not secret), so the page and the API both come here after
checking the reader may see the region's figures.
"""

import mimetypes

from django.http import FileResponse, Http404

from innovations.uploads import served_content_type

from .models import RegionIndicator


def region_evidence_response(cycle, number):
    """The evidence file of region indicator `number` of `cycle`; 404 without one."""
    row = (
        RegionIndicator.objects.filter(cycle=cycle, indicator__number=number)
        .exclude(evidence_file="")
        .first()
    )
    if row is None:
        raise Http404
    try:
        handle = row.evidence_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    filename = row.evidence_filename or f"bukti-indikator-{number}"
    guessed, _encoding = mimetypes.guess_type(filename)
    # A download, never shown in the page's origin: the type follows the name, which follows
    # the checked content (`upload_name`); anything else goes out as opaque bytes.
    return FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=served_content_type(guessed or ""),
    )
