"""API: GET /api/v1/notifications/ (own; admins ?all=1), read, read-all, retry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/notifications/"
ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


@pytest.fixture
def inboxes(users_by_role):
    return {role: NotificationFactory(recipient=user) for role, user in users_by_role.items()}


def ids(response):
    return {item["id"] for item in response.json()["results"]}


def test_list_anonymous_401(api_as):
    assert api_as(None).get(URL).status_code == 401


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_own(role, users_by_role, inboxes, api_as):
    response = api_as(users_by_role[role]).get(URL)

    assert response.status_code == 200
    assert ids(response) == {inboxes[role].pk}


@pytest.mark.parametrize("role", ["operator", "curator", "leader"])
def test_list_all_ignored_for_non_admins(role, users_by_role, inboxes, api_as):
    response = api_as(users_by_role[role]).get(URL, {"all": "1"})

    assert ids(response) == {inboxes[role].pk}


def test_list_all_for_admin_with_filters(admin_user, inboxes, api_as):
    failed = NotificationFactory(status=DeliveryStatus.FAILED, kind=Kind.SUBMISSION_DUE)
    client = api_as(admin_user)

    assert ids(client.get(URL, {"all": "1"})) == {n.pk for n in inboxes.values()} | {failed.pk}
    assert ids(client.get(URL, {"all": "1", "status": "failed"})) == {failed.pk}
    assert ids(client.get(URL, {"all": "1", "kind": "submission_due"})) == {failed.pk}
    assert client.get(URL, {"all": "1", "status": "nope"}).status_code == 400
    item = client.get(URL, {"all": "1", "status": "failed"}).json()["results"][0]
    assert item["recipient"] == failed.recipient.email
    assert "last_error" in item and "attempts" in item


def test_list_item_shape_for_a_user(operator, api_as):
    NotificationFactory(recipient=operator, last_error="SMTP 421 at mail.internal")

    (item,) = api_as(operator).get(URL).json()["results"]

    assert {"id", "kind", "subject", "body_text", "link", "status", "created_at", "read_at"} <= set(
        item
    )
    assert "last_error" not in item  # the mail server's details are for admins


def list_queries(user, api_as, **params):
    client = api_as(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(URL, params).status_code == 200
    return len(captured)


def test_list_query_count_1_vs_10(operator, admin_user, api_as):
    NotificationFactory(recipient=operator)
    one = list_queries(operator, api_as)
    one_all = list_queries(admin_user, api_as, all="1")
    NotificationFactory.create_batch(9, recipient=operator)

    assert list_queries(operator, api_as) == one
    assert list_queries(admin_user, api_as, all="1") == one_all


def test_read_own(operator, api_as):
    row = NotificationFactory(recipient=operator)

    response = api_as(operator).post(f"{URL}{row.pk}/read/")

    assert response.status_code == 200
    assert response.json()["is_read"] is True
    row.refresh_from_db()
    assert row.read_at is not None


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 200),
        ("head", 404),
        ("curator", 404),
        ("lead_curator", 404),
        ("leader", 404),
        ("other_operator", 404),
        ("admin", 403),  # sees the outbox, but reading is the recipient's
    ],
)
def test_read_per_role(role, expected, users_by_role, api_as):
    row = NotificationFactory(recipient=users_by_role["operator"])

    response = api_as(users_by_role[role]).post(f"{URL}{row.pk}/read/")

    assert response.status_code == expected
    row.refresh_from_db()
    assert (row.read_at is not None) == (expected == 200)


def test_read_anonymous_401(operator, api_as):
    row = NotificationFactory(recipient=operator)
    assert api_as(None).post(f"{URL}{row.pk}/read/").status_code == 401


def test_read_all_marks_only_own(operator, head, api_as):
    mine = NotificationFactory.create_batch(3, recipient=operator)
    theirs = NotificationFactory(recipient=head)

    response = api_as(operator).post(f"{URL}read-all/")

    assert response.status_code == 200
    assert response.json() == {"marked": 3}
    assert (
        Notification.objects.filter(pk__in=[n.pk for n in mine], read_at__isnull=True).count() == 0
    )
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all_anonymous_401(api_as):
    assert api_as(None).post(f"{URL}read-all/").status_code == 401


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", 200),
        ("operator", 403),  # the recipient sees the row but may not retry it
        ("head", 404),
        ("curator", 404),
        ("lead_curator", 404),
        ("leader", 404),
        ("other_operator", 404),
    ],
)
def test_retry_per_role(
    role, expected, users_by_role, api_as, sent, django_capture_on_commit_callbacks
):
    row = NotificationFactory(
        recipient=users_by_role["operator"], status=DeliveryStatus.FAILED, attempts=5
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(users_by_role[role]).post(f"{URL}{row.pk}/retry/")

    assert response.status_code == expected
    row.refresh_from_db()
    if expected == 200:
        # Tasks run in-process here, so the fresh attempt has already been made.
        assert row.status == DeliveryStatus.SENT and row.attempts == 1
        assert len(sent) == 1
    else:
        assert row.status == DeliveryStatus.FAILED and sent == []


def test_retry_sent_row_conflict(admin_user, api_as):
    row = NotificationFactory(status=DeliveryStatus.SENT)

    response = api_as(admin_user).post(f"{URL}{row.pk}/retry/")

    assert response.status_code == 409
    assert response.json()["status"] == "sent"


def test_retry_anonymous_401(api_as):
    row = NotificationFactory(status=DeliveryStatus.FAILED)
    assert api_as(None).post(f"{URL}{row.pk}/retry/").status_code == 401
