"""The innovations API after creation: patch, transitions, history and lab stages."""

import pytest

from innovations.enums import Status
from notifications.enums import Kind
from notifications.models import Notification

from .api_helpers import body, detail
from .factories import words

pytestmark = pytest.mark.django_db


# Patch


def test_innovation_patch_by_owner(api_as, operator, innovation):
    response = api_as(operator).patch(
        detail(innovation), {"title": "Nama Baru", "innovators": []}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["title"] == "Nama Baru"
    assert response.json()["innovators"] == []


def test_innovation_patch_unit_is_ignored(api_as, operator, other_unit, innovation):
    response = api_as(operator).patch(detail(innovation), {"unit": other_unit.code}, format="json")

    assert response.status_code == 200
    assert response.json()["unit"] == operator.unit.code


def test_innovation_put_not_allowed(api_as, operator, innovation):
    assert api_as(operator).put(detail(innovation), body(), format="json").status_code == 405


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 200),
        ("head", 200),
        ("curator", 404),
        ("lead_curator", 404),
        ("leader", 404),
        ("admin", 403),
        ("other_operator", 404),
    ],
)
def test_innovation_patch_draft_per_role(role, expected, users_by_role, api_as, innovation):
    response = api_as(users_by_role[role]).patch(detail(innovation), {"title": "X"}, format="json")

    assert response.status_code == expected


def test_innovation_patch_anonymous_401(api_as, innovation):
    assert api_as(None).patch(detail(innovation), {"title": "X"}, format="json").status_code == 401


def test_innovation_patch_submitted_409_shape(api_as, operator, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = api_as(operator).patch(detail(innovation), {"title": "X"}, format="json")

    assert response.status_code == 409
    data = response.json()
    assert set(data) == {"detail", "status", "allowed_actions"}
    assert data["status"] == "submitted"
    assert data["allowed_actions"] == ["withdraw"]


def test_innovation_patch_by_curator_on_submitted_403(api_as, curator, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = api_as(curator).patch(detail(innovation), {"title": "X"}, format="json")

    assert response.status_code == 403
    assert set(response.json()) == {"detail"}


def test_innovation_patch_dates_out_of_order_nothing_saved(api_as, operator, innovation):
    response = api_as(operator).patch(
        detail(innovation),
        {"title": "Baru", "trial_date": "2025-06-02", "implementation_date": "2025-06-01"},
        format="json",
    )

    assert response.status_code == 400
    assert "implementation_date" in response.json()
    innovation.refresh_from_db()
    assert innovation.title != "Baru"


# Transitions


def transition(client, innovation, action, note=""):
    return client.post(
        detail(innovation, "transitions/"), {"action": action, "note": note}, format="json"
    )


def test_transition_submit_200_returns_innovation(api_as, operator, innovation):
    response = transition(api_as(operator), innovation, "submit")

    assert response.status_code == 200
    assert response.json()["status"] == "submitted"
    assert response.json()["allowed_actions"] == ["withdraw"]
    assert response.json()["submitted_at"]


def test_transition_reads_the_innovation_lightly_before_the_service(
    api_as, operator, innovation, django_assert_max_num_queries
):
    """The permission check reads the row alone (the service locks and re-reads it); only the
    answer reads the innovators, partners and files. Whatever their number, the same count."""
    from .factories import InnovatorFactory

    InnovatorFactory.create_batch(4, innovation=innovation)
    client = api_as(operator)
    with django_assert_max_num_queries(12) as captured:
        response = transition(client, innovation, "submit")
    assert response.status_code == 200
    innovator_reads = [q for q in captured.captured_queries if "innovations_innovator" in q["sql"]]
    # the profile snapshot on submit, which the answer reuses: none for the permission check
    assert len(innovator_reads) == 1
    # the answer reads the innovation with its cycle and unit joined, not one query each
    sqls = [q["sql"] for q in captured.captured_queries]
    assert not any('FROM "innovations_cycle" WHERE "innovations_cycle"."id" =' in q for q in sqls)
    assert not any('FROM "accounts_unit" WHERE "accounts_unit"."id" =' in q for q in sqls)
    assert [row["name"] for row in response.json()["innovators"]][-4:] == [
        person.name for person in innovation.innovators.order_by("position", "id")
    ][-4:]


def test_submission_notifies_from_what_the_transition_holds(
    api_as, operator, head, innovation, django_assert_max_num_queries
):
    """The outbox rows of a submission are written from the locked row and the history entry
    the transition has just made: the innovation is not read again, nor its history, nor held
    decisions, nor existing outbox keys (a key naming a new history row cannot exist)."""
    with django_assert_max_num_queries(12) as captured:
        response = transition(api_as(operator), innovation, "submit")
    assert response.status_code == 200
    selects = [q["sql"] for q in captured.captured_queries if q["sql"].startswith("SELECT")]
    assert not any('FROM "notifications_notification"' in q for q in selects)
    assert not any('FROM "innovations_transitionlog"' in q for q in selects)
    assert not any('FROM "innovations_helddecision"' in q for q in selects)
    reads = [q for q in selects if q.startswith('SELECT "innovations_innovation"."id"')]
    assert len(reads) == 2  # the permission check, the lock (the answer is the locked row)
    log = innovation.history.get()
    rows = Notification.objects.filter(kind=Kind.INNOVATION_SUBMITTED).order_by("id")
    assert [row.email for row in rows] == [head.email, operator.email]
    assert {row.idempotency_key.rsplit(":", 1)[0] for row in rows} == {
        f"innovation_submitted:innovation:{innovation.pk}:c{innovation.cycle.year}:t{log.pk}"
    }


def test_patch_reads_the_innovation_lightly_before_the_service(
    api_as, operator, innovation, django_assert_max_num_queries
):
    """A PATCH's permission check reads the row alone (the service locks and re-reads it with
    its cycle and unit, and validates neither again); only the answer reads the lists."""
    from .factories import InnovatorFactory

    InnovatorFactory.create_batch(3, innovation=innovation)
    with django_assert_max_num_queries(8) as captured:
        response = api_as(operator).patch(
            detail(innovation), {"results": "Antrean turun."}, format="json"
        )
    assert response.status_code == 200
    assert response.json()["results"] == "Antrean turun."
    sqls = [q["sql"] for q in captured.captured_queries]
    assert len([q for q in sqls if "innovations_innovator" in q]) == 1  # the answer's
    assert not any('FROM "innovations_cycle"' in q for q in sqls)
    assert not any('FROM "accounts_unit"' in q for q in sqls)
    assert not any('FROM "innovations_communitysubmitter"' in q for q in sqls)


def test_unit_staff_read_no_score_subquery(
    api_as, operator, curator, innovation, django_assert_max_num_queries
):
    """The score's subquery over the reviews runs only for who may see the score."""
    with django_assert_max_num_queries(10) as unit_read:
        assert api_as(operator).get(detail(innovation)).json()["score"] is None
    assert not any("curation_review" in q["sql"] for q in unit_read.captured_queries)
    innovation.status = Status.SUBMITTED
    innovation.save()
    with django_assert_max_num_queries(10) as curator_read:
        assert api_as(curator).get(detail(innovation)).status_code == 200
    assert any("curation_review" in q["sql"] for q in curator_read.captured_queries)


def test_transition_wrong_state_409_shape(api_as, lead_curator, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = transition(api_as(lead_curator), innovation, "approve")

    assert response.status_code == 409
    assert response.json()["status"] == "submitted"
    assert sorted(response.json()["allowed_actions"]) == [
        "reject",
        "request_revision",
        "start_review",
    ]
    assert response.json()["detail"]


def test_transition_wrong_role_403(api_as, curator, innovation):
    innovation.status = Status.IN_REVIEW
    innovation.save()

    response = transition(api_as(curator), innovation, "approve")

    assert response.status_code == 403
    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW


def test_transition_role_that_may_never_act_403_whatever_the_status(api_as, operator, innovation):
    """API.md's precedence: approving is never an operator's, so a submitted innovation answers
    403, not 409 (although nobody may approve it before its review starts)."""
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = transition(api_as(operator), innovation, "approve")

    assert response.status_code == 403
    assert set(response.json()) == {"detail"}
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


def test_transition_failed_rule_400_per_field(api_as, operator, innovation):
    innovation.design = words(299)
    innovation.goals = ""
    innovation.save()

    response = transition(api_as(operator), innovation, "submit")

    assert response.status_code == 400
    assert set(response.json()) == {"design", "goals"}


def test_transition_reason_required_400(api_as, curator, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = transition(api_as(curator), innovation, "request_revision")

    assert response.status_code == 400
    assert "note" in response.json()


def test_transition_unknown_action_400(api_as, operator, innovation):
    response = transition(api_as(operator), innovation, "publish")

    assert response.status_code == 400
    assert "action" in response.json()


def test_transition_other_unit_404(api_as, other_operator, innovation):
    assert transition(api_as(other_operator), innovation, "submit").status_code == 404


def test_transition_anonymous_401(api_as, innovation):
    assert transition(api_as(None), innovation, "submit").status_code == 401


# History and changes


def test_history_oldest_first_after_revision_round(api_as, operator, curator, innovation):
    transition(api_as(operator), innovation, "submit")
    transition(api_as(curator), innovation, "request_revision", "Lengkapi data.")
    api_as(operator).patch(detail(innovation), {"goals": "Tujuan baru"}, format="json")
    transition(api_as(operator), innovation, "submit")

    history = api_as(curator).get(detail(innovation, "history/")).json()
    changes = api_as(curator).get(detail(innovation, "changes/")).json()

    assert [(h["action"], h["from_status"], h["to_status"]) for h in history] == [
        ("submit", "draft", "submitted"),
        ("request_revision", "submitted", "revision_requested"),
        ("submit", "revision_requested", "submitted"),
    ]
    assert history[0]["actor"] == operator.email
    assert history[1]["note"] == "Lengkapi data."
    assert set(history[0]) >= {"at", "actor", "action", "from_status", "to_status", "note"}
    assert [c["field"] for c in changes] == ["goals"]
    assert changes[0]["after"] == "Tujuan baru"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 200),
        ("head", 200),
        ("curator", 200),
        ("lead_curator", 200),
        ("admin", 200),
        ("leader", 200),
        ("other_operator", 404),
        (None, 401),
    ],
)
def test_history_permissions(role, expected, users_by_role, api_as, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()
    user = users_by_role[role] if role else None

    assert api_as(user).get(detail(innovation, "history/")).status_code == expected


# Lab stages


def test_lab_stages_endpoint_forward_and_back(api_as, operator, admin_user, innovation):
    forward = api_as(operator).post(
        detail(innovation, "lab-stages/"),
        {"stage": "deliver", "reached_on": "2025-07-01"},
        format="json",
    )
    back_by_operator = api_as(operator).post(
        detail(innovation, "lab-stages/"), {"stage": "design"}, format="json"
    )
    back_by_admin = api_as(admin_user).post(
        detail(innovation, "lab-stages/"), {"stage": "design", "note": "Koreksi"}, format="json"
    )
    records = api_as(operator).get(detail(innovation, "lab-stages/")).json()

    assert forward.status_code == 200
    assert forward.json()["lab_stage"] == "deliver"
    assert back_by_operator.status_code == 403
    assert back_by_admin.status_code == 200
    assert [(r["stage"], r["previous_stage"]) for r in records] == [
        ("deliver", ""),
        ("design", "deliver"),
    ]


def test_lab_stages_endpoint_other_unit_404(api_as, other_operator, innovation):
    response = api_as(other_operator).post(
        detail(innovation, "lab-stages/"), {"stage": "deliver"}, format="json"
    )

    assert response.status_code == 404
