"""Schema post-processing: the error answers of API.md's conventions, declared on every operation.

Views declare their success bodies; the errors every endpoint can give (400, 401, 403, 404, 405,
406, 409, 413, 415, 429) come from DRF and our exception handler, not from the view, so without
this hook the schema would claim that each operation answers only 200, and clients (and the
OpenAPI fuzz tests) could not rely on it. `file_responses` declares file answers (PDF, CSV, XLSX)
under their real media types.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse

PDF = "application/pdf"
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_responses(*media_types, description, status=200):
    """A file answer under each media type it really has (the renderer's would say JSON)."""
    answer = OpenApiResponse(OpenApiTypes.BINARY, description=description)
    return {(status, media_type): answer for media_type in media_types}


ERROR = {
    "type": "object",
    "description": '`{"detail": ...}` or `{"field": [messages]}`; a 409 adds `status` and '
    "`allowed_actions`.",
    "properties": {
        "detail": {"type": "string"},
        "status": {"description": "409: the current state (400: may be a field's messages)."},
        "allowed_actions": {"type": "array", "items": {"type": "string"}},
    },
    "additionalProperties": True,
}

ANSWERS = {
    "400": "Invalid request.",
    "401": "Not authenticated.",
    "403": "Not allowed.",
    "404": "Not found or not visible to this user.",
    "405": "Method not allowed.",
    "406": "The requested format is not available.",
    "409": "Not allowed in the current state.",
    "413": "Upload too large.",
    "415": "Unsupported media type.",
    "429": "Throttled.",
}


def add_error_responses(result, generator, request, public):
    """Declare the conventional error answers wherever a view has not declared its own."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    content = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for item in result.get("paths", {}).values():
        for method, operation in item.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code, description in ANSWERS.items():
                responses.setdefault(code, {"description": description, "content": content})
    return result
