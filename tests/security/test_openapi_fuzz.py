"""OpenAPI fuzzing: every operation of our own schema, with every role's token, in-process.

Schemathesis builds requests from the schema /api/schema/ serves signed-in users (the anonymous
one lists only the public API) and sends them through the WSGI app (no network).
Every answer must not be a server error, must use a status code and a content type the schema
declares, and must match the declared response body. No operation is exempt.

Two pytest cases per operation (so xdist spreads them):
- for anonymous and all seven roles: two valid requests whose path points at unit A's real
  objects (so permission checks and serializers run, not just the 404 branch), one valid
  request with generated path values and one the schema calls invalid (a declared 4xx);
- as admin (who may write almost everywhere): every deterministic coverage case.
Derandomized and without shrinking: about 45 s under `-n 2`.
"""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from .urlwalk import ROLES, build_world

pytestmark = pytest.mark.security

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

# Roles in the order they send each case: the unit's own operator and the admin come last, so
# a write they make (a deletion, a state change) does not hide the object from the others.
ROLE_ORDER = sorted(ROLES, key=lambda role: role in ("operator", "head", "admin"))


def whole_schema():
    """The schema a signed-in user is served (an anonymous one lists only the public API)."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    loaded = schemathesis.openapi.from_dict(json.loads(OpenApiJsonRenderer().render(generated)))
    loaded.app = get_wsgi_application()
    loaded.location = "/api/schema/"
    return loaded


schema = whole_schema().exclude(
    # The token endpoint counts failures (axes, throttling): random credentials would lock it.
    path="/api/v1/auth/token/"
)
OPERATIONS = [result.ok() for result in schema.get_all_operations() if isinstance(result, Ok)]

FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


# Issue 15: the portfolio's endpoints under /innovations/{id}/ point at last year's launched one.
PORTFOLIO_PARTS = {"lineage", "continue", "reusable-evidence"}


def real_path_parameters(operation, world):
    """Unit A's objects for the operation's path parameters (generated values mostly 404)."""
    path = operation.path
    values = {}
    for parameter in operation.path_parameters:
        name = parameter.name
        if name == "id":
            if path.startswith("/api/v1/legacy-imports/"):
                values[name] = world.legacy_import.pk
            elif (
                path.split("/")[-2] in PORTFOLIO_PARTS
                or "/decrees/" in path
                or ("/replications/" in path or "/monitoring/" in path)
            ):
                values[name] = world.launched.pk
            elif path.startswith("/api/v1/agreements/"):
                values[name] = world.agreement.pk
            elif path.startswith("/api/v1/notifications/"):
                values[name] = world.notification.pk
            elif path.startswith("/api/v1/launches/"):
                values[name] = world.launch.pk
            elif path.endswith("/iid/"):
                values[name] = world.approved.pk
            else:
                values[name] = world.innovation.pk
        elif name == "attachment_id":
            values[name] = world.attachment.pk
        elif name == "year":
            values[name] = world.cycle.year
        elif name == "token":
            values[name] = str(world.export_job.token)
        elif name == "code" and path.endswith(("/years/", "/replications/")):
            values[name] = world.launched.code
        elif name == "code":
            values[name] = world.approved.code if "/public/" in path else world.unit.code
        elif name == "decree_id":
            values[name] = world.decree.pk
        elif name == "replication_id":
            values[name] = world.replication.pk
        elif name == "period":
            values[name] = world.report.period
        elif name == "email":
            values[name] = world.users["operator"].email
        elif name == "entry_id":
            values[name] = world.entry.pk
        elif name == "number":
            values[name] = 16  # an innovation indicator of the cycle's rules
        elif name == "template_id":
            values[name] = world.note_template.pk
        else:
            raise AssertionError(f"{operation.label}: no real object known for {{{name}}}")
    return values


@pytest.fixture
def in_test_transaction():
    """Keep the test's connection open across WSGI calls, as Django's test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(db, in_test_transaction):
    return build_world()


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_api_operation_keeps_its_schema_for_every_role(operation, world):
    headers = {}
    for role in ROLE_ORDER:
        user = world.users[role]
        auth = {}
        if user is not None:
            auth = {"Authorization": f"Token {Token.objects.get_or_create(user=user)[0].key}"}
        headers[role] = {"Accept-Language": "en", **auth}

    def send(case):
        for role in ROLE_ORDER:
            case.call_and_validate(headers=headers[role], checks=CHECKS)

    real = real_path_parameters(operation, world)
    settings(FUZZ, max_examples=2)(given(case=operation.as_strategy(path_parameters=real))(send))()
    settings(FUZZ, max_examples=1)(given(case=operation.as_strategy())(send))()
    invalid = operation.as_strategy(generation_mode=GenerationMode.NEGATIVE)
    try:
        settings(FUZZ, max_examples=1)(given(case=invalid)(send))()
    except Unsatisfiable:
        # Nothing in the operation can be made invalid (no body, no query, at most an id).
        assert not operation.body and not operation.query, operation.label


def coverage_cases(operation, real):
    """Schemathesis' deterministic coverage cases, pointed at unit A's objects: all properties,
    only the required ones, each optional one on its own (where a forgotten default crashes),
    boundary lengths, every enum value and null, as JSON and as form bodies (about 2,300 in
    all, ~10 ms each)."""
    config = schema.config.generation_for(operation=operation, phase="coverage")
    cases = schema.iter_coverage_cases(
        operation, generation_modes=[GenerationMode.POSITIVE], generation_config=config
    )
    for case in cases:
        case.path_parameters = {**(case.path_parameters or {}), **real}
        yield case


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda operation: operation.label)
def test_api_operation_coverage_cases_as_admin(operation, world):
    token = Token.objects.get_or_create(user=world.users["admin"])[0].key
    headers = {"Accept-Language": "en", "Authorization": f"Token {token}"}
    for case in coverage_cases(operation, real_path_parameters(operation, world)):
        case.call_and_validate(headers=headers, checks=CHECKS)
