"""HTML -> PDF for every printed document (agreements, launch report, compliance), in one place.

WeasyPrint may fetch whatever a template links to; a printed document needs nothing but what it
carries inline (SVG charts, data: URLs), so fetching is limited to `data:` and a document can
never reach out to the network or the disk, whatever text ends up in it.
"""


def html_to_pdf(html, target=None):
    """The PDF of `html`, written to `target` (a binary file) or returned as bytes."""
    # Imported here: WeasyPrint is heavy and logs its progress when loaded; only PDFs need it.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols=["data"])
    return HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(target)
