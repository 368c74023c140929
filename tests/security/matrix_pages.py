"""Who may reach each page and the portfolio's routes: the expectations the permission matrix
(tests/security/test_permission_matrix.py) checks, with the outcome vocabulary it uses."""

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


# Pages that answer anonymous visitors themselves instead of sending them to sign in: `/` greets
# them with the landing page leading to the catalogue and the login form (issue 17).
ANONYMOUS_EXPECTED = {"home": {"GET": OK, "POST": NO_METHOD}}

PAGE_EXPECTED = {
    "home": {
        "GET": EVERYONE,
        "POST": NOT_POST,
    },
    # Issue 17: the printable profile, for whoever sees the innovation.
    "innovations:print": {"GET": SEES, "POST": NOT_POST},
    # Issue 17: each person's own profile; the administrators' user and cycle pages.
    "profile": {"GET": EVERYONE, "POST": EVERYONE},
    "sign_out_other_sessions": {"GET": rule(NO_METHOD), "POST": EVERYONE},
    "unit_search": {"GET": EVERYONE, "POST": NOT_POST},
    "users": {"GET": ADMIN_ONLY, "POST": NOT_POST},
    "user_create": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "user_edit": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "user_activation": {"GET": rule(NO_METHOD), "POST": ADMIN_ONLY},
    "user_invitation_resend": {"GET": rule(NO_METHOD), "POST": ADMIN_ONLY},
    "innovations:cycles": {"GET": ADMIN_ONLY, "POST": NOT_POST},
    "innovations:cycle_create": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
    "innovations:cycle_edit": {"GET": ADMIN_ONLY, "POST": ADMIN_ONLY},
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
    # The scan of the signed paper: whoever sees the agreement (the world's has one).
    "agreements:scan": {
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
    "iga:region-evidence": {
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
}
