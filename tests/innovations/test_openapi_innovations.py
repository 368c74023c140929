"""The innovations part of the OpenAPI schema documents API.md's paths."""

import json

import pytest
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer

PATHS = {
    "/api/v1/cycles/": {"get", "post"},
    "/api/v1/cycles/{year}/": {"get", "patch"},
    "/api/v1/innovations/": {"get", "post"},
    "/api/v1/innovations/{id}/": {"get", "patch"},
    "/api/v1/innovations/{id}/transitions/": {"post"},
    "/api/v1/innovations/{id}/history/": {"get"},
    "/api/v1/innovations/{id}/attachments/": {"get", "post"},
    "/api/v1/innovations/{id}/attachments/{attachment_id}/": {"delete"},
    "/api/v1/innovations/{id}/attachments/{attachment_id}/download/": {"get"},
}


@pytest.fixture(scope="module")
def schema():
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


@pytest.mark.parametrize(("path", "methods"), PATHS.items())
def test_openapi_has_innovation_paths(schema, path, methods):
    assert methods <= set(schema["paths"][path])


def test_openapi_innovation_list_documents_filters(schema):
    names = {p["name"] for p in schema["paths"]["/api/v1/innovations/"]["get"]["parameters"]}

    assert {
        "year",
        "unit",
        "status",
        "source_category",
        "origin",
        "form",
        "type",
        "maturity",
        "lab_stage",
        "search",
        "ordering",
        "page",
        "page_size",
    } <= names
