"""API-wide conventions: pagination and the documented error shape."""

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """DRF's handler; a 409 carries the current status and the allowed actions (see API.md)."""
    response = drf_exception_handler(exc, context)
    if response is not None and hasattr(exc, "extra_payload"):
        response.data.update(exc.extra_payload)
    return response


class FileFormatNegotiation(DefaultContentNegotiation):
    """On export endpoints `?format=` names the file format (API.md), not DRF's renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type
