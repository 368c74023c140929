"""JSON bodies nested too deeply answer 400 instead of a RecursionError (a 500), and a body that
is not JSON answers in the request's language (DRF's own message is not translatable)."""

import json

from django.utils.translation import gettext as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# Far deeper than any body of the API (a few levels), far shallower than Python's recursion
# limit, which later code (copying, validating, rendering errors) would otherwise meet.
MAX_DEPTH = 64


def nesting_depth(value):
    """How deeply lists and objects nest in a parsed JSON value; iterative, so never recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            return deepest
        stack.extend((child, depth + 1) for child in children)
    return deepest


def too_deep():
    return ParseError(_("JSON parse error - the body is nested too deeply."))


def not_json(error):
    """DRF's message (Python's reason, in English) cannot be translated; the position is what
    helps a client find the mistake, and numbers need no translation."""
    if isinstance(error, json.JSONDecodeError):
        message = _("JSON parse error - the body is not valid JSON (line {line}, column {column}).")
        return ParseError(message.format(line=error.lineno, column=error.colno))
    return ParseError(_("JSON parse error - the body is not valid JSON."))


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise too_deep() from exc
        except ParseError as exc:
            # DRF raises it while handling the decoder's ValueError, which stays the context.
            raise not_json(exc.__context__) from exc.__context__
        if nesting_depth(data) > MAX_DEPTH:
            raise too_deep()
        return data


def raised_while_parsing(exc):
    """Whether a RecursionError came out of a request parser (a view may list its own parsers)."""
    traceback = exc.__traceback__
    while traceback is not None:
        if isinstance(traceback.tb_frame.f_locals.get("self"), parsers.BaseParser):
            return True
        traceback = traceback.tb_next
    return False
