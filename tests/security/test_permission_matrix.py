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

from .urlwalk import ROLES, all_routes, build_world

OK, HIDDEN, FORBIDDEN, NO_METHOD, LOGIN, UNAUTH = "ok", "404", "403", "405", "login", "401"
STAFF = ("operator", "head", "other_operator", "curator", "lead_curator", "admin", "leader")


def rule(default, **by_role):
    """The outcome of every signed-in role: `default` unless named."""
    unknown = set(by_role) - set(STAFF)
    assert not unknown, unknown
    return {role: by_role.get(role, default) for role in STAFF}


EVERYONE = rule(OK)
ADMIN_ONLY = rule(FORBIDDEN, admin=OK)
NOT_POST = rule(NO_METHOD)

SEES = rule(OK, other_operator=HIDDEN)
RECORDS = rule(FORBIDDEN, operator=OK, head=OK, admin=OK, other_operator=HIDDEN)
OWNS = rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN)
ADMIN_NO_METHOD = rule(FORBIDDEN, admin=NO_METHOD)

PORTFOLIO = {
    "portfolio:innovation": {"GET": SEES, "POST": NOT_POST},
    "portfolio:continue": {"GET": NOT_POST, "POST": OWNS},
    "portfolio:reuse": {"GET": NOT_POST, "POST": OWNS},
    "portfolio:decree-add": {"GET": NOT_POST, "POST": RECORDS},
    "portfolio:decree-edit": {"GET": RECORDS, "POST": RECORDS},
    "portfolio:decree-delete": {"GET": NOT_POST, "POST": RECORDS},
    "portfolio:monitoring-report": {"GET": SEES, "POST": RECORDS},
    "portfolio:monitoring-report-delete": {"GET": NOT_POST, "POST": RECORDS},
    "portfolio:replication-add": {"GET": NOT_POST, "POST": RECORDS},
    "portfolio:replication-delete": {"GET": NOT_POST, "POST": RECORDS},
    "portfolio:monitoring": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio:monitoring-export": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio:decrees": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio:decrees-export": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio:replications": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio:replications-export": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio:imports": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "portfolio:import-template": {"GET": ADMIN_ONLY, "POST": NOT_POST},
    "portfolio:import": {"GET": ADMIN_ONLY, "POST": NOT_POST},
    "portfolio:import-run": {"GET": NOT_POST, "POST": ADMIN_ONLY},
    "portfolio:import-rows": {"GET": ADMIN_ONLY, "POST": NOT_POST},
    "portfolio-api:lineage": {"GET": SEES, "POST": NOT_POST},
    "portfolio-api:continue": {"GET": NOT_POST, "POST": OWNS},
    "portfolio-api:reusable-evidence": {"GET": SEES, "POST": OWNS},
    "portfolio-api:decrees": {"GET": SEES, "POST": RECORDS},
    "portfolio-api:decree": {"GET": SEES, "POST": NOT_POST, "PATCH": RECORDS, "DELETE": RECORDS},
    "portfolio-api:monitoring": {"GET": SEES, "POST": RECORDS},
    "portfolio-api:monitoring-report": {
        "GET": SEES,
        "POST": NOT_POST,
        "PATCH": RECORDS,
        "DELETE": RECORDS,
    },
    "portfolio-api:replications": {"GET": SEES, "POST": RECORDS},
    "portfolio-api:replication": {
        "GET": SEES,
        "POST": NOT_POST,
        "PATCH": RECORDS,
        "DELETE": RECORDS,
    },
    "portfolio-api:obligations": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio-api:obligations-export": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio-api:decree-list": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio-api:decree-export": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio-api:replication-list": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio-api:replication-export": {"GET": EVERYONE, "POST": NOT_POST},
    "portfolio-api:schedule": {"GET": EVERYONE, "POST": ADMIN_NO_METHOD, "PUT": ADMIN_ONLY},
    "portfolio-api:imports": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "portfolio-api:import-template": {"GET": ADMIN_ONLY, "POST": ADMIN_NO_METHOD},
    "portfolio-api:import": {"GET": ADMIN_ONLY, "POST": ADMIN_NO_METHOD},
    "portfolio-api:import-run": {"GET": ADMIN_NO_METHOD, "POST": ADMIN_ONLY},
    "portfolio-api:import-rows": {"GET": ADMIN_ONLY, "POST": ADMIN_NO_METHOD},
    "portfolio-api:import-rows-export": {"GET": ADMIN_ONLY, "POST": ADMIN_NO_METHOD},
}

EXPECTED = {
    "home": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "logout": {
        "GET": rule(NO_METHOD),
        "POST": rule(LOGIN),
    },
    # Signing out everywhere ends this session too: back to the login page.
    "logout_everywhere": {
        "GET": rule(NO_METHOD),
        "POST": rule(LOGIN),
    },
    "password_change": {
        "GET": EVERYONE,
        "POST": EVERYONE,
    },
    "password_change_done": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "innovations:list": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "innovations:create": {
        "GET": rule(OK, leader=FORBIDDEN),
        "POST": rule(OK, leader=FORBIDDEN),
    },
    "innovations:detail": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": rule(FORBIDDEN, other_operator=HIDDEN, lead_curator=OK, admin=OK),
    },
    "innovations:edit": {
        "GET": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
        "POST": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
    },
    "innovations:lab_stage": {
        "GET": rule(NO_METHOD),
        "POST": rule(
            OK, other_operator=HIDDEN, curator=FORBIDDEN, lead_curator=FORBIDDEN, leader=FORBIDDEN
        ),
    },
    "innovations:attachment_add": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
    },
    "innovations:attachment_delete": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
    },
    "curation:queue": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": NOT_POST,
    },
    "curation:bulk": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
    },
    "curation:dashboard": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": NOT_POST,
    },
    "curation:rubric": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": ADMIN_ONLY,
    },
    "curation:review": {
        "GET": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
        "POST": rule(HIDDEN, curator=OK, lead_curator=OK, admin=FORBIDDEN, leader=FORBIDDEN),
    },
    "curation:decide": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    "curation:comment": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    "curation:assign": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, curator=FORBIDDEN, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    "curation:unassign": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, curator=FORBIDDEN, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    # Decision note templates (issue 16): curation staff read them, lead curators and admins
    # keep them.
    "curation:note_templates": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    # Publishing a cycle's held decisions (issue 16): the deciders.
    "curation:publish": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "curation-api:publish_decisions": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "curation-api:auto_assign": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "curation:auto_assign": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "curation:note_template_delete": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "agreements:list": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "agreements:create": {
        "GET": rule(NO_METHOD),
        "POST": rule(OK, curator=FORBIDDEN, lead_curator=FORBIDDEN, leader=FORBIDDEN),
    },
    "agreements:cycle_document": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": NOT_POST,
    },
    "agreements:detail": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": rule(OK, other_operator=HIDDEN),
    },
    "agreements:document": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
    },
    "agreements:compliance": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "notifications:list": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "notifications:unread": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "notifications:read_all": {
        "GET": rule(NO_METHOD),
        "POST": EVERYONE,
    },
    "notifications:outbox": {
        "GET": ADMIN_ONLY,
        "POST": NOT_POST,
    },
    # The admin sees every notification but reads only their own: visible, not allowed.
    "notifications:read": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, operator=OK, admin=FORBIDDEN),
    },
    "notifications:retry": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, operator=FORBIDDEN, admin=OK),
    },
    "notifications:mark_sent": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, operator=FORBIDDEN, admin=OK),
    },
    "reports:dashboard": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": NOT_POST,
    },
    "reports:launch": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": NOT_POST,
    },
    "reports:launch-event": {
        "GET": rule(NO_METHOD),
        "POST": ADMIN_ONLY,
    },
    "reports:launch-add": {
        "GET": rule(NO_METHOD),
        "POST": ADMIN_ONLY,
    },
    "reports:export-job": {
        "GET": rule(HIDDEN, admin=OK),
        "POST": NOT_POST,
    },
    "reports:export-download": {
        "GET": rule(HIDDEN, admin=OK),
        "POST": NOT_POST,
    },
    "iga:index": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": NOT_POST,
    },
    "iga:readiness": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": rule(OK, other_operator=HIDDEN, leader=FORBIDDEN),
    },
    "iga:region": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": NOT_POST,
    },
    "iga:region-indicator": {
        "GET": rule(NO_METHOD),
        "POST": ADMIN_ONLY,
    },
    "iga:entry-create": {
        "GET": rule(NO_METHOD),
        # The empty form names no innovation: the admin's answer is "no such innovation".
        "POST": rule(FORBIDDEN, admin=HIDDEN),
    },
    "iga:entry-update": {
        "GET": rule(NO_METHOD),
        "POST": ADMIN_ONLY,
    },
    # The published index beside the estimate: region roles read, admins record.
    "iga:history": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": ADMIN_ONLY,
    },
    "iga:plan": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": NOT_POST,
    },
    # The year's rules are what everyone scores against: all read, admins change.
    "iga:rules": {
        "GET": EVERYONE,
        "POST": ADMIN_ONLY,
    },
    "iga:rules-reload": {
        "GET": rule(NO_METHOD),
        "POST": ADMIN_ONLY,
    },
    "iga:indicator-new": {
        "GET": ADMIN_ONLY,
        "POST": ADMIN_ONLY,
    },
    "iga:indicator": {
        "GET": EVERYONE,
        "POST": ADMIN_ONLY,
    },
    "api-logout-all": {
        "GET": rule(NO_METHOD),
        "POST": EVERYONE,
    },
    "api-me": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "unit-list": {
        "GET": EVERYONE,
        "POST": ADMIN_ONLY,
    },
    "unit-detail": {
        "GET": EVERYONE,
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PUT": rule(FORBIDDEN, admin=NO_METHOD),
        "PATCH": ADMIN_ONLY,
    },
    "user-list": {
        "GET": ADMIN_ONLY,
        "POST": ADMIN_ONLY,
    },
    "user-detail": {
        "GET": ADMIN_ONLY,
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PUT": rule(FORBIDDEN, admin=NO_METHOD),
        "PATCH": ADMIN_ONLY,
    },
    "innovation-export": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "launch-report": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(NO_METHOD, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
    },
    "launch-report-export": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(NO_METHOD, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
    },
    "reviews-export": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": rule(FORBIDDEN, curator=NO_METHOD, lead_curator=NO_METHOD, admin=NO_METHOD),
    },
    "export-job": {
        "GET": rule(HIDDEN, admin=OK),
        "POST": NOT_POST,
    },
    "launch-list": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": ADMIN_ONLY,
    },
    "launch-detail": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
    },
    "launch-innovations": {
        "GET": rule(NO_METHOD, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": ADMIN_ONLY,
    },
    "innovations-api:cycle-list": {
        "GET": EVERYONE,
        "POST": ADMIN_ONLY,
    },
    "innovations-api:cycle-detail": {
        "GET": EVERYONE,
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PUT": rule(FORBIDDEN, admin=NO_METHOD),
        "PATCH": ADMIN_ONLY,
    },
    "innovations-api:innovation-list": {
        "GET": EVERYONE,
        "POST": rule(OK, leader=FORBIDDEN),
    },
    "innovations-api:innovation-detail": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
        "PUT": rule(NO_METHOD),
        "PATCH": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
    },
    "innovations-api:innovation-attachment-delete": {
        "GET": rule(NO_METHOD),
        "POST": NOT_POST,
        "DELETE": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
    },
    "innovations-api:innovation-attachment-download": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
    },
    "innovations-api:innovation-attachments": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": rule(FORBIDDEN, operator=OK, head=OK, other_operator=HIDDEN),
    },
    "innovations-api:innovation-changes": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
    },
    "innovations-api:innovation-history": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
    },
    "innovations-api:innovation-lab-stages": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": rule(
            OK, other_operator=HIDDEN, curator=FORBIDDEN, lead_curator=FORBIDDEN, leader=FORBIDDEN
        ),
    },
    "innovations-api:innovation-transitions": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, other_operator=HIDDEN, lead_curator=OK, admin=OK),
    },
    "curation-api:queue": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": NOT_POST,
    },
    "curation-api:decisions": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
    },
    "curation-api:dashboard": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": NOT_POST,
    },
    "curation-api:assignments": {
        "GET": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
        "POST": rule(HIDDEN, curator=FORBIDDEN, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    "curation-api:assignment": {
        "GET": rule(NO_METHOD),
        "POST": NOT_POST,
        "DELETE": rule(HIDDEN, curator=FORBIDDEN, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    "curation-api:reviews": {
        "GET": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
        "POST": rule(HIDDEN, curator=OK, lead_curator=OK, admin=FORBIDDEN, leader=FORBIDDEN),
    },
    "curation-api:comments": {
        "GET": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
        "POST": rule(HIDDEN, curator=OK, lead_curator=OK, admin=OK, leader=FORBIDDEN),
    },
    "curation-api:criteria": {
        "GET": EVERYONE,
        "POST": NOT_POST,
        "PUT": ADMIN_ONLY,
    },
    "curation-api:note_templates": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "curation-api:note_template": {
        "GET": rule(NO_METHOD),
        "POST": NOT_POST,
        "PATCH": rule(FORBIDDEN, lead_curator=OK, admin=OK),
        "DELETE": rule(FORBIDDEN, lead_curator=OK, admin=OK),
    },
    "agreement-cycle-document": {
        "GET": rule(FORBIDDEN, curator=OK, lead_curator=OK, admin=OK),
        "POST": rule(FORBIDDEN, curator=NO_METHOD, lead_curator=NO_METHOD, admin=NO_METHOD),
    },
    "api-compliance": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "api-compliance-export": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "agreement-list": {
        "GET": EVERYONE,
        # Unit staff always prepare their own unit's agreement, whatever unit they send.
        "POST": rule(OK, curator=FORBIDDEN, lead_curator=FORBIDDEN, leader=FORBIDDEN),
    },
    "agreement-detail": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
        "PATCH": rule(
            OK, other_operator=HIDDEN, curator=FORBIDDEN, lead_curator=FORBIDDEN, leader=FORBIDDEN
        ),
    },
    "agreement-document": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
    },
    "agreement-reject": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, other_operator=HIDDEN, curator=OK, lead_curator=OK, admin=OK),
    },
    "agreement-sign": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, head=OK, other_operator=HIDDEN, admin=OK),
    },
    "agreement-verify": {
        "GET": rule(NO_METHOD),
        "POST": rule(FORBIDDEN, other_operator=HIDDEN, curator=OK, lead_curator=OK, admin=OK),
    },
    "notification-list": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "notification-read-all": {
        "GET": rule(NO_METHOD),
        "POST": EVERYONE,
    },
    "notification-read": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, operator=OK, admin=FORBIDDEN),
    },
    "notification-retry": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, operator=FORBIDDEN, admin=OK),
    },
    "notification-mark-sent": {
        "GET": rule(NO_METHOD),
        "POST": rule(HIDDEN, operator=FORBIDDEN, admin=OK),
    },
    "iga-api:innovation-iid": {
        "GET": rule(OK, other_operator=HIDDEN),
        "POST": NOT_POST,
        "PUT": rule(OK, other_operator=HIDDEN, leader=FORBIDDEN),
    },
    # Unit staff get their own unit's rows and no regional figures (iga.api.IidReportView).
    "iga-api:report": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "iga-api:export": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    "iga-api:entries": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": ADMIN_ONLY,
    },
    "iga-api:entry": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PATCH": ADMIN_ONLY,
        "DELETE": ADMIN_ONLY,
    },
    "iga-api:catalogue": {
        "GET": EVERYONE,
        "POST": ADMIN_ONLY,
        "PUT": ADMIN_ONLY,
    },
    "iga-api:indicator": {
        "GET": EVERYONE,
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PATCH": ADMIN_ONLY,
        "DELETE": ADMIN_ONLY,
    },
    "iga-api:rules": {
        "GET": EVERYONE,
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PUT": ADMIN_ONLY,
    },
    "iga-api:rules-reload": {
        "GET": rule(FORBIDDEN, admin=NO_METHOD),
        "POST": ADMIN_ONLY,
    },
    # The planner and the history are the region's working figures, like the estimate.
    "iga-api:plan": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(NO_METHOD, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
    },
    "iga-api:plan-export": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(NO_METHOD, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
    },
    "iga-api:history": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": ADMIN_ONLY,
    },
    "iga-api:history-year": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        "POST": rule(FORBIDDEN, admin=NO_METHOD),
        "PUT": ADMIN_ONLY,
        "DELETE": ADMIN_ONLY,
    },
    # Issue 15: the portfolio. Reading follows the innovation (another unit: 404); recording
    # decrees, reports and replications is its unit's and the administrators'; continuing a
    # unit's innovation is its unit's alone; the legacy archive is the administrators'.
    **PORTFOLIO,
}


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
            want = anonymous if role == "anonymous" else (expected or {}).get(role)
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
