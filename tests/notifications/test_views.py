"""Pages: /notifications/ for everyone signed in; the outbox and retries for admins."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications.enums import DeliveryStatus
from notifications.models import Notification

from .factories import NotificationFactory

pytestmark = pytest.mark.django_db

ROLES = ["operator", "head", "curator", "lead_curator", "admin", "leader", "other_operator"]


def client_as(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_list_url_name():
    assert reverse("notifications:list") == "/notifications/"


def test_list_anonymous_redirects_to_login():
    response = client_as(None).get("/notifications/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_only_own(role, users_by_role):
    rows = {
        r: NotificationFactory(recipient=u, subject=f"Pesan untuk {r}")
        for r, u in users_by_role.items()
    }

    response = client_as(users_by_role[role]).get("/notifications/")

    assert response.status_code == 200
    body = response.content.decode()
    assert rows[role].subject in body
    assert all(row.subject not in body for r, row in rows.items() if r != role)


def test_list_only_unread(operator):
    NotificationFactory(recipient=operator, subject="Belum dibaca")
    read = NotificationFactory(recipient=operator, subject="Sudah dibaca")
    Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)

    body = client_as(operator).get("/notifications/?unread=1").content.decode()

    assert "Belum dibaca" in body and "Sudah dibaca" not in body


def page_queries(user, path):
    client = client_as(user)
    client.get(path)  # session and user loaded once, like any later page view
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


def test_list_query_count_1_vs_10(operator):
    NotificationFactory(recipient=operator)
    one = page_queries(operator, "/notifications/")
    NotificationFactory.create_batch(9, recipient=operator)

    assert page_queries(operator, "/notifications/") == one


def test_outbox_query_count_1_vs_10(admin_user):
    NotificationFactory(status=DeliveryStatus.FAILED)
    one = page_queries(admin_user, "/notifications/outbox/?status=failed")
    NotificationFactory.create_batch(9, status=DeliveryStatus.FAILED)

    assert page_queries(admin_user, "/notifications/outbox/?status=failed") == one


def test_mark_read_own(operator):
    row = NotificationFactory(recipient=operator)

    response = client_as(operator).post(
        f"/notifications/{row.pk}/read/", {"next": "/notifications/"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_mark_read_ignores_offsite_next(operator):
    row = NotificationFactory(recipient=operator)

    response = client_as(operator).post(
        f"/notifications/{row.pk}/read/", {"next": "https://evil.example/"}
    )

    assert response["Location"] == "/notifications/"


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 302),
        ("head", 404),
        ("curator", 404),
        ("lead_curator", 404),
        ("leader", 404),
        ("other_operator", 404),
        ("admin", 403),
        (None, 302),
    ],
)
def test_mark_read_per_role(role, expected, users_by_role):
    row = NotificationFactory(recipient=users_by_role["operator"])

    response = client_as(users_by_role.get(role)).post(f"/notifications/{row.pk}/read/")

    assert response.status_code == expected
    row.refresh_from_db()
    assert (row.read_at is not None) == (role == "operator")


def test_mark_read_get_not_allowed(operator):
    row = NotificationFactory(recipient=operator)
    assert client_as(operator).get(f"/notifications/{row.pk}/read/").status_code == 405


def test_mark_all_read_only_own(operator, head):
    NotificationFactory.create_batch(2, recipient=operator)
    theirs = NotificationFactory(recipient=head)

    response = client_as(operator).post("/notifications/read-all/")

    assert response.status_code == 302
    assert Notification.objects.own(operator).unread().count() == 0
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_anonymous_redirects():
    response = client_as(None).post("/notifications/read-all/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", 200),
        ("operator", 403),
        ("head", 403),
        ("curator", 403),
        ("lead_curator", 403),
        ("leader", 403),
        ("other_operator", 403),
        (None, 302),
    ],
)
def test_outbox_per_role(role, expected, users_by_role):
    assert client_as(users_by_role.get(role)).get("/notifications/outbox/").status_code == expected


def test_outbox_filters_by_kind_and_status(admin_user):
    failed = NotificationFactory(
        status=DeliveryStatus.FAILED, kind="submission_due", subject="Gagal X"
    )
    NotificationFactory(status=DeliveryStatus.SENT, kind="submission_due", subject="Terkirim Y")
    NotificationFactory(status=DeliveryStatus.FAILED, kind="review_overdue", subject="Gagal Z")

    body = (
        client_as(admin_user)
        .get("/notifications/outbox/?kind=submission_due&status=failed")
        .content.decode()
    )

    assert failed.subject in body
    assert "Terkirim Y" not in body and "Gagal Z" not in body
    assert reverse("notifications:retry", args=[failed.pk]) in body


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", 302),
        ("operator", 403),
        ("head", 404),
        ("curator", 404),
        ("lead_curator", 404),
        ("leader", 404),
        ("other_operator", 404),
        (None, 302),
    ],
)
def test_retry_per_role(role, expected, users_by_role, sent, django_capture_on_commit_callbacks):
    row = NotificationFactory(recipient=users_by_role["operator"], status=DeliveryStatus.FAILED)

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(users_by_role.get(role)).post(f"/notifications/{row.pk}/retry/")

    assert response.status_code == expected
    row.refresh_from_db()
    if role == "admin":
        assert response["Location"] == "/notifications/outbox/"
        assert row.status == DeliveryStatus.SENT and len(sent) == 1
    else:
        assert row.status == DeliveryStatus.FAILED and sent == []


def test_retry_message_is_shown_once(admin_user, sent, django_capture_on_commit_callbacks):
    """The layout shows the page's messages; the outbox once drew them a second time."""
    row = NotificationFactory(status=DeliveryStatus.FAILED)
    client = client_as(admin_user)
    client.cookies["django_language"] = "en"

    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(f"/notifications/{row.pk}/retry/", follow=True).content.decode()

    assert page.count("The notification was queued again.") == 1


def test_retry_sent_row_conflict(admin_user):
    row = NotificationFactory(status=DeliveryStatus.SENT)

    response = client_as(admin_user).post(f"/notifications/{row.pk}/retry/")

    assert response.status_code == 409


def test_unread_badge_counts_own_unread(operator, head):
    NotificationFactory.create_batch(2, recipient=operator)
    NotificationFactory(recipient=head)

    response = client_as(operator).get("/notifications/unread/")

    assert response.status_code == 200
    assert b'data-unread="2"' in response.content


def test_unread_count_also_shows_on_the_folded_menu_button(operator):
    """On a phone the menu is folded: its button gets the count too, from the same request."""
    NotificationFactory.create_batch(3, recipient=operator)
    client = client_as(operator)

    page = client.get("/notifications/").content.decode()
    badge = client.get("/notifications/unread/").content.decode()

    assert '<span id="nav-unread-toggler"></span>' in page.split('class="navbar-toggler"')[1]
    assert '<span id="nav-unread-toggler" hx-swap-oob="true">' in badge
    assert badge.split('id="nav-unread-toggler"')[1].count(">3<") == 1


def test_unread_badge_empty_when_all_read(operator):
    response = client_as(operator).get("/notifications/unread/")

    assert b"data-unread" not in response.content


def test_unread_badge_anonymous_redirected(client):
    assert client.get("/notifications/unread/").status_code == 302


def test_navigation_loads_the_badge(operator):
    response = client_as(operator).get("/notifications/")

    assert b'hx-get="/notifications/unread/"' in response.content
