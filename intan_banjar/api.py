"""API-wide conventions: pagination, the documented error shape, serializer field building."""

import copy

from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.views import exception_handler as drf_exception_handler

from .parsers import raised_while_parsing, too_deep


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


def exception_handler(exc, context):
    """DRF's handler; a 409 carries the current status and the allowed actions (see API.md).

    A RecursionError out of a parser is a body nested too deeply: 400, also on views that list
    DRF's own JSONParser instead of the default `intan_banjar.parsers.JSONParser`.
    """
    if isinstance(exc, RecursionError) and raised_while_parsing(exc):
        exc = too_deep()
    response = drf_exception_handler(exc, context)
    if response is not None and hasattr(exc, "extra_payload"):
        response.data.update(exc.extra_payload)
    return response


class FileFormatNegotiation(DefaultContentNegotiation):
    """On export endpoints `?format=` names the file format (API.md), not DRF's renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class BuiltFieldsMixin:
    """For `ModelSerializer`s of list endpoints: inspect the model once per class, not per request.

    `ModelSerializer.get_fields()` maps every model field to a serializer field on each
    instantiation; for the public list that took 0.8 ms a request, half of its serialisation.
    The built fields are kept on the class and each serializer gets a deep copy, which is what
    DRF itself does with declared fields (0.3 ms). Only for serializers whose fields depend on
    nothing but their class: no `get_fields` reading the request or the instance.
    """

    def get_fields(self):
        cls = type(self)
        built = cls.__dict__.get("_built_fields")
        if built is None:
            built = super().get_fields()
            cls._built_fields = built
        return copy.deepcopy(built)
