"""Who may reach each API route: the expectations of the permission matrix for `/api/`."""

from .matrix_pages import (
    ADMIN_ONLY,
    EVERYONE,
    FORBIDDEN,
    HIDDEN,
    NO_METHOD,
    NOT_POST,
    OK,
    PORTFOLIO,
    rule,
)

API_EXPECTED = {
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
    "agreement-scan": {
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
    "iga-api:region-evidence": {
        "GET": rule(OK, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
        # The permission is checked before the method (API.md's precedence).
        "POST": rule(NO_METHOD, operator=FORBIDDEN, head=FORBIDDEN, other_operator=FORBIDDEN),
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
