"""Uncertain rows (maybe sent by a worker that stopped): shown to admins, resolved only by them,
either as sent ("it arrived") or sent again, on the outbox page, the API and the admin site."""

import pytest
from django.test import Client

from notifications.enums import DeliveryStatus
from notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"
NOT_ADMIN_404 = ["head", "curator", "lead_curator", "leader", "other_operator"]


def client_as(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def uncertain(operator):
    return NotificationFactory(
        recipient=operator, status=DeliveryStatus.UNCERTAIN, attempts=1, subject="Mungkin terkirim"
    )


def test_outbox_shows_uncertain_rows_with_both_resolutions(admin_user, uncertain):
    NotificationFactory(status=DeliveryStatus.SENT, subject="Sudah terkirim")

    response = client_as(admin_user).get("/notifications/outbox/?status=uncertain")

    body = response.content.decode()
    assert response.status_code == 200
    assert "Mungkin terkirim" in body and "Sudah terkirim" not in body
    assert 'id="uncertain-alert"' in body
    assert f"/notifications/{uncertain.pk}/mark-sent/" in body
    assert f"/notifications/{uncertain.pk}/retry/" in body


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 302), ("operator", 403), *[(r, 404) for r in NOT_ADMIN_404], (None, 302)],
)
def test_mark_sent_per_role(role, expected, users_by_role, uncertain, sent):
    response = client_as(users_by_role.get(role)).post(f"/notifications/{uncertain.pk}/mark-sent/")

    assert response.status_code == expected
    uncertain.refresh_from_db()
    if role == "admin":
        assert response["Location"] == "/notifications/outbox/"
        assert uncertain.status == DeliveryStatus.SENT
        assert uncertain.resolved_by == users_by_role["admin"]
        assert uncertain.sent_at is not None
    else:
        assert uncertain.status == DeliveryStatus.UNCERTAIN and uncertain.resolved_by is None
    assert sent == []  # marking as sent sends nothing


@pytest.mark.parametrize("status", [DeliveryStatus.SENT, DeliveryStatus.FAILED, "pending"])
def test_mark_sent_other_status_conflict(admin_user, status):
    row = NotificationFactory(status=status)

    assert client_as(admin_user).post(f"/notifications/{row.pk}/mark-sent/").status_code == 409
    row.refresh_from_db()
    assert row.status == status


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 302), ("operator", 403), *[(r, 404) for r in NOT_ADMIN_404], (None, 302)],
)
def test_send_uncertain_again_per_role(
    role, expected, users_by_role, uncertain, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(users_by_role.get(role)).post(f"/notifications/{uncertain.pk}/retry/")

    assert response.status_code == expected
    uncertain.refresh_from_db()
    if role == "admin":
        assert uncertain.status == DeliveryStatus.SENT and len(sent) == 1
        assert uncertain.resolved_by == users_by_role["admin"]
    else:
        assert uncertain.status == DeliveryStatus.UNCERTAIN and sent == []


def test_pending_row_cannot_be_sent_again(admin_user):
    row = NotificationFactory(status=DeliveryStatus.PENDING)
    assert client_as(admin_user).post(f"/notifications/{row.pk}/retry/").status_code == 409


# API ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "expected"),
    [("admin", 200), ("operator", 403), *[(r, 404) for r in NOT_ADMIN_404], (None, 401)],
)
def test_api_mark_sent_per_role(role, expected, users_by_role, uncertain, api_as):
    response = api_as(users_by_role.get(role)).post(f"{URL}{uncertain.pk}/mark-sent/")

    assert response.status_code == expected
    uncertain.refresh_from_db()
    if role == "admin":
        assert response.json()["status"] == "sent"
        assert uncertain.status == DeliveryStatus.SENT
    else:
        assert uncertain.status == DeliveryStatus.UNCERTAIN


def test_api_mark_sent_failed_row_conflict_names_allowed_actions(admin_user, api_as):
    row = NotificationFactory(status=DeliveryStatus.FAILED)

    response = api_as(admin_user).post(f"{URL}{row.pk}/mark-sent/")

    assert response.status_code == 409
    assert response.json()["status"] == "failed"
    assert response.json()["allowed_actions"] == ["retry"]


def test_api_retry_uncertain_sends_again(
    admin_user, uncertain, api_as, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(admin_user).post(f"{URL}{uncertain.pk}/retry/")

    assert response.status_code == 200
    uncertain.refresh_from_db()
    assert (uncertain.status, uncertain.attempts, len(sent)) == (DeliveryStatus.SENT, 1, 1)


def test_api_filter_uncertain(admin_user, uncertain, api_as):
    NotificationFactory(status=DeliveryStatus.FAILED)

    response = api_as(admin_user).get(URL, {"all": "1", "status": "uncertain"})

    assert [item["id"] for item in response.json()["results"]] == [uncertain.pk]


# The admin site -----------------------------------------------------------------------------------

ADMIN_LIST = "/admin/notifications/notification/"


def test_admin_list_filters_uncertain(admin_user, uncertain):
    response = client_as(admin_user).get(ADMIN_LIST, {"status__exact": "uncertain"})

    assert response.status_code == 200
    assert "Mungkin terkirim" in response.content.decode()


@pytest.mark.parametrize(
    ("action", "status", "mails"),
    [("mark_uncertain_sent", DeliveryStatus.SENT, 0), ("resend_uncertain", DeliveryStatus.SENT, 1)],
)
def test_admin_actions_resolve_only_uncertain_rows(
    action, status, mails, admin_user, uncertain, sent, django_capture_on_commit_callbacks
):
    failed = NotificationFactory(status=DeliveryStatus.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(admin_user).post(
            ADMIN_LIST, {"action": action, "_selected_action": [uncertain.pk, failed.pk]}
        )

    assert response.status_code == 302
    uncertain.refresh_from_db()
    failed.refresh_from_db()
    assert uncertain.status == status and uncertain.resolved_by == admin_user
    assert failed.status == DeliveryStatus.FAILED
    assert len(sent) == mails


def test_admin_actions_closed_to_operators(operator, uncertain):
    response = client_as(operator).post(
        ADMIN_LIST, {"action": "mark_uncertain_sent", "_selected_action": [uncertain.pk]}
    )

    assert response.status_code in {302, 403}
    assert Notification.objects.get(pk=uncertain.pk).status == DeliveryStatus.UNCERTAIN
