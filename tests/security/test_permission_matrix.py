"""Who may reach what: every URL pattern × anonymous and every role, generated from the URLconf.

Each route must have an entry in EXPECTED; a route without one fails, so a new view cannot ship
without someone deciding who may use it. Objects are real (unit A's innovation in review, its
attachment, agreement, ...), so 404 means "hidden from this user", never "no such object". Every
request runs in a savepoint that is rolled back, so an allowed POST of one role does not change
what the next role sees.

Outcomes: OK (the permission check passed: 2xx, a redirect that is not the login page, 400 for the
empty body, 409 for the state), HIDDEN (404), FORBIDDEN (403), NO_METHOD (405), LOGIN (302 to
the login page), UNAUTH (401). A 5xx never matches anything.
"""

import json
import os

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.shortcuts import resolve_url

from tests.innovations.factories import PDF_BYTES

from .matrix_api import API_EXPECTED
from .matrix_pages import (
    ANONYMOUS_EXPECTED,
    LOGIN,
    OK,
    PAGE_EXPECTED,
    STAFF,
    UNAUTH,
)
from .urlwalk import ROLES, all_routes, build_world

EXPECTED = {**PAGE_EXPECTED, **API_EXPECTED}


def classify(response):
    status = response.status_code
    if status >= 500:
        return f"5xx:{status}"
    if status in (401, 403, 404, 405):
        return str(status)
    if status in (301, 302, 303):
        location = response.headers.get("Location", "")
        return LOGIN if location.startswith(resolve_url(settings.LOGIN_URL)) else OK
    if status < 300 or status in (304, 400, 409, 413):
        return OK
    return str(status)


def pdf():
    return SimpleUploadedFile("laporan.pdf", PDF_BYTES, content_type="application/pdf")


# Valid bodies where the permission depends on what the body asks (the action, the unit, the
# evidence's stage), so an empty one cannot reach it. Every other write refuses a forbidden role
# before reading its body, and the matrix checks that with an empty body.
BODIES = {
    ("innovations:detail", "POST"): lambda world: {"action": "approve"},
    ("innovations:attachment_add", "POST"): lambda world: {"file": pdf(), "kind": "report"},
    ("innovations-api:innovation-attachments", "POST"): lambda world: {
        "file": pdf(),
        "kind": "report",
    },
    ("innovations-api:innovation-transitions", "POST"): lambda world: {"action": "approve"},
    ("curation:note_templates", "POST"): lambda world: {
        "action": "reject",
        "title": "Duplikat",
        "body": "Inovasi ini sama dengan yang sudah ada.",
    },
    ("curation-api:note_templates", "POST"): lambda world: {
        "action": "reject",
        "title": "Duplikat",
        "body": "Inovasi ini sama dengan yang sudah ada.",
    },
    ("curation-api:note_template", "PATCH"): lambda world: {"title": "Bukti dukung"},
}


def send(client, method, url, route, world):
    """One request inside a savepoint that is rolled back afterwards."""
    body = BODIES.get((route.name, method))
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif body is not None:
            data = body(world)
            if any(isinstance(value, SimpleUploadedFile) for value in data.values()):
                response = client.post(url, data)
            elif route.is_api:
                response = client.generic(
                    method, url, json.dumps(data), content_type="application/json"
                )
            else:
                response = client.post(url, data)
        elif route.is_api:
            response = client.generic(method, url, "{}", content_type="application/json")
        else:
            response = client.generic(
                method, url, "", content_type="application/x-www-form-urlencoded"
            )
        transaction.set_rollback(True)
    return response


ROUTES = all_routes()
MATRIX_ROUTES = [route for route in ROUTES if not route.is_public]


@pytest.mark.parametrize("route", MATRIX_ROUTES, ids=lambda route: route.name)
def test_route_answers_each_role_as_declared(route, db):
    world = build_world()
    url = world.url(route)
    anonymous = UNAUTH if route.is_api else LOGIN
    declared = EXPECTED.get(route.name)
    record = os.environ.get("SEC_RECORD")
    if declared is None and not record:
        pytest.fail(
            f"{route.name} ({route.route}) has no entry in EXPECTED: declare who may use it"
        )
    seen, wrong = {}, []
    for method in route.methods():
        expected = (declared or {}).get(method)
        if expected is None and not record:
            pytest.fail(f"{route.name}: {method} is accepted but has no declared rule")
        for role in ROLES:
            response = send(world.client(role), method, url, route, world)
            outcome = classify(response)
            seen.setdefault(method, {})[role] = (outcome, response.status_code)
            if role == "anonymous":
                want = ANONYMOUS_EXPECTED.get(route.name, {}).get(method, anonymous)
            else:
                want = (expected or {}).get(role)
            if outcome != want:
                wrong.append(
                    f"{method} {url} as {role}: {response.status_code} ({outcome}), expected {want}"
                )
    if record:
        with open(record, "a") as out:
            out.write(json.dumps({"name": route.name, "url": url, "seen": seen}) + "\n")
        return
    assert not wrong, "\n".join(wrong)


# --- fields, not only status codes ---------------------------------------------------------------

# Who sees a masyarakat innovation's community submitter (name, e-mail, phone, village): the
# curators who verify the entry and the admins. Leaders see the innovation but not its submitter's
# contact data, on the page and through the API alike (issue 19: the API used to hand it out).
CONTACT_ROLES = {"curator", "lead_curator", "admin"}
CONTACT_FIELDS = ("name", "email", "phone", "village")


def _page_contact(response, submitter):
    """The submitter's fields the detail page shows (empty when the page is not visible)."""
    if response.status_code != 200:
        return set()
    html = response.content.decode()
    return {name for name in CONTACT_FIELDS if getattr(submitter, name) in html}


def _api_contact(data):
    return {name for name in CONTACT_FIELDS if (data.get("community_submitter") or {}).get(name)}


@pytest.mark.parametrize("role", STAFF)
def test_community_submitter_fields_same_on_page_and_api(role, db):
    from innovations.enums import Status
    from tests.innovations.factories import CommunityInnovationFactory

    world = build_world()
    innovation = CommunityInnovationFactory(cycle=world.cycle, status=Status.SUBMITTED)
    submitter = innovation.community_submitter
    client = world.client(role)

    page = client.get(resolve_url("innovations:detail", innovation.pk))
    detail = client.get(f"/api/v1/innovations/{innovation.pk}/")
    listed = client.get("/api/v1/innovations/", {"source_category": "masyarakat"})

    visible = detail.status_code == 200
    assert page.status_code == (200 if visible else 404)
    expected = set(CONTACT_FIELDS) if role in CONTACT_ROLES and visible else set()
    assert _page_contact(page, submitter) == expected
    if visible:
        assert _api_contact(detail.json()) == expected
        (row,) = [r for r in listed.json()["results"] if r["id"] == innovation.pk]
        assert _api_contact(row) == expected
        assert submitter.email not in detail.content.decode() or role in CONTACT_ROLES
        assert submitter.phone not in listed.content.decode() or role in CONTACT_ROLES
