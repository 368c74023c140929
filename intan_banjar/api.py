"""API-wide conventions: pagination, the documented error shape, serializer field building."""

import copy

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.fields import Field, get_error_detail
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer, as_serializer_error
from rest_framework.utils.formatting import lazy_format
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from .exceptions import Missing, StateConflict, TooLarge
from .parsers import raised_while_parsing, too_deep


class Pagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 200


class PayloadTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Upload too large."
    default_code = "too_large"


def invalid_body(exc):
    """The 400 (or 413) body of a ValidationError: `{field: [messages]}`, and for messages tied
    to no field `{"detail": [messages]}`; a subclass's `extra_payload` is added beside them."""
    if hasattr(exc, "error_dict"):
        body = as_serializer_error(exc)
    else:
        body = {"detail": get_error_detail(exc)}
    return {**body, **(getattr(exc, "extra_payload", None) or {})}


def exception_handler(exc, context):
    """The API side of the error contract (`intan_banjar.exceptions`), then DRF's own handler.

    StateConflict → 409 with the current status and the allowed actions (API.md); TooLarge → 413;
    any other ValidationError → 400 (`invalid_body`); PermissionDenied → 403 with the service's
    message; Http404 → 404 with DRF's translated "Not found." (`get_object_or_404` says "No
    Innovation matches the given query.", in English, naming the model), unless it is a
    `Missing`, whose message is written for people. A RecursionError out of a parser is a body
    nested too deeply: 400 (every view parses JSON with `intan_banjar.parsers.JSONParser`; this
    catches any other parser that recurses).
    """
    if isinstance(exc, StateConflict):
        set_rollback()
        return Response(exc.as_payload(), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, TooLarge):
        exc = PayloadTooLarge(detail=invalid_body(exc))
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=invalid_body(exc))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Missing):
        exc = exceptions.NotFound(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, RecursionError) and raised_while_parsing(exc):
        exc = too_deep()
    return drf_exception_handler(exc, context)


class FileFormatNegotiation(DefaultContentNegotiation):
    """On export endpoints `?format=` names the file format (API.md), not DRF's renderer."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def copied_field(field):
    """What `copy.deepcopy(field)` gives a serializer, for a fraction of its cost.

    DRF's deep copy builds each field again from its arguments (`Field.__deepcopy__`): about
    20 µs a field, 1.1 ms for the innovation's serializer, paid twice by every create and PATCH.
    A leaf field (no field or serializer inside it) that has never been bound holds nothing a
    serializer changes but what `bind()` sets on it (its name, parent, source and label) and
    the messages of the validators it made itself: DRF's `lazy_format` keeps its text once
    formatted, in the language of that request. So a leaf is copied shallowly with validators
    of its own whose messages are still unformatted; anything else (nested serializers, list
    and dict fields with their child, many-related fields, a field already bound, a message
    already formatted) is deep copied as before. `tests/test_built_fields.py` compares both
    copies of every serializer using it, and their messages in both languages.
    """
    state = field.__dict__
    if (
        field.parent is not None
        or isinstance(field, BaseSerializer)
        or any(isinstance(value, Field) for value in state.values())
    ):
        return copy.deepcopy(field)
    validators = state.get("_validators")
    if validators:
        validators = [_unformatted(validator) for validator in validators]
        if None in validators:
            return copy.deepcopy(field)
    copied = copy.copy(field)
    if validators:
        copied._validators = validators
    return copied


def _unformatted(validator):
    """The validator itself, or a copy with a fresh `lazy_format` message (None: the message
    was formatted already, its arguments are gone)."""
    message = getattr(validator, "message", None)
    if type(message) is not lazy_format:
        return validator
    if message.result is not None:
        return None
    validator = copy.copy(validator)
    validator.message = lazy_format(message.format_string, *message.args, **message.kwargs)
    return validator


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
        return {name: copied_field(field) for name, field in built.items()}

    @property
    def _readable_fields(self):
        """The fields written out, listed once per serializer rather than once per row.

        DRF walks every field again for each object it represents (a generator over
        `self.fields`); a list serializer's child represents all the page's rows, and for the
        innovation list (50 rows, some 40 fields with their nested serializers) the walk cost
        more than the values themselves. `fields` is fixed once built, so the list is too.
        """
        readable = self.__dict__.get("_readable_list")
        if readable is None:
            readable = [field for field in self.fields.values() if not field.write_only]
            self.__dict__["_readable_list"] = readable
        return readable
