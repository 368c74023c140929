"""Issue 19, community side: the confirmation goes through the outbox and can be asked for again,
the link confirms on a POST only, the rate limits see the client behind the proxy, and a JSON body
that is not an object is a 400."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from innovations.enums import Status
from innovations.models import Innovation
from notifications.enums import DeliveryStatus, Kind
from notifications.models import Notification
from notifications.rendering import render_message

from .factories import open_cycle
from .test_community_submission import API, SUBMIT, form_data

pytestmark = pytest.mark.django_db

RESEND = "/katalog/submit/resend/"
API_RESEND = "/api/v1/public/submissions/resend/"
LINK = re.compile(r"https?://[^/\s]+(/katalog/submit/confirm/[^/\s\"<]+/)")
REFUSING = "tests.notifications.backends.RefusingBackend"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def cycle(db):
    return open_cycle()


@pytest.fixture
def behind_one_proxy(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def confirmations():
    return Notification.objects.filter(kind=Kind.COMMUNITY_CONFIRMATION).order_by("id")


def link_of(row):
    match = LINK.search(row.body_text)
    assert match, row.body_text
    return match.group(1)


def page_text(response):
    """The page without what differs on every response anyway (CSP nonce, masked CSRF tokens)."""
    text = re.sub(r'nonce="[^"]*"', "", response.content.decode())
    return re.sub(r"\b[A-Za-z0-9]{64}\b", "", text)


def submit(client, captured, **overrides):
    with captured(execute=True):
        return client.post(SUBMIT, form_data(**overrides))


# --- the confirmation e-mail is an outbox row ---------------------------------------------------


def test_confirmation_with_smtp_down_stays_in_the_outbox_with_its_link(
    client, cycle, settings, django_capture_on_commit_callbacks
):
    settings.MAILERS = {"default": {"BACKEND": REFUSING}}
    assert submit(client, django_capture_on_commit_callbacks).status_code == 302
    innovation = Innovation.objects.get()
    row = confirmations().get()
    assert row.email == "pengrajin@warga.example" and row.recipient is None
    assert row.status != DeliveryStatus.SENT and row.attempts >= 1
    assert row.last_error.startswith("TimeoutError")
    assert (row.target_type, row.target_id) == ("innovation", innovation.pk)
    path = link_of(row)
    assert path in row.body_html and row.link.endswith(path)
    assert innovation.code in row.body_text
    # The link in the stored row works: the mail can be delivered (or retried) later.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(path).status_code == 200
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


def test_confirmation_mail_sent_is_the_outbox_row(
    client, cycle, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    row = confirmations().get()
    assert row.status == DeliveryStatus.SENT
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["X-Intan-Notification"] == str(row.pk)
    assert mail.outbox[0].to == ["pengrajin@warga.example"]


def test_refused_submission_queues_no_confirmation(client, cycle):
    client.post(SUBMIT, form_data(design="Terlalu pendek."))
    assert not confirmations().exists()


def test_confirmation_subject_is_plain_text(client, cycle, django_capture_on_commit_callbacks):
    submit(client, django_capture_on_commit_callbacks, title="Sabun & Sampo <Herbal>")
    row = confirmations().get()
    assert "Sabun & Sampo <Herbal>" in row.subject
    assert "&amp;" not in row.subject and "&lt;" not in row.subject
    assert mail.outbox[0].subject == row.subject
    assert "Sabun & Sampo <Herbal>" in row.body_text
    assert "Sabun &amp; Sampo &lt;Herbal&gt;" in row.body_html  # HTML stays escaped


def test_rendered_subjects_are_never_html_escaped(cycle):
    innovation = Innovation(title="A & B", code="X&Y-1", cycle=cycle)
    for kind in (Kind.COMMUNITY_CONFIRMATION, Kind.INNOVATION_SUBMITTED):
        rendered = render_message(
            kind,
            {"innovation": innovation, "submitter": None, "link": "", "days": 7},
            language="id",
        )
        assert "&amp;" not in rendered.subject, kind
        assert "&amp;" not in rendered.text, kind


# --- asking for the confirmation again ---------------------------------------------------------


def test_resend_queues_a_new_confirmation_with_a_working_link(
    client, cycle, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    page = client.get(RESEND)
    assert page.status_code == 200 and 'name="email"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(RESEND, {"email": "PENGRAJIN@warga.example"})
    assert response.status_code == 302
    first, second = confirmations()
    assert first.idempotency_key != second.idempotency_key
    assert second.email == "pengrajin@warga.example"
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(link_of(second)).status_code == 200
    assert Innovation.objects.get().status == Status.SUBMITTED


def test_resend_answers_the_same_for_unknown_and_confirmed_addresses(
    client, cycle, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_of(confirmations().get()))
    known = client.post(RESEND, {"email": "pengrajin@warga.example"}, follow=True)
    unknown = client.post(RESEND, {"email": "siapa@warga.example"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert known.redirect_chain == unknown.redirect_chain
    assert page_text(known) == page_text(unknown)
    assert confirmations().count() == 1  # confirmed entries and unknown addresses get nothing


def test_resend_rate_limited_per_email_and_per_address(
    client, cycle, settings, behind_one_proxy, django_capture_on_commit_callbacks
):
    settings.COMMUNITY_RESENDS_PER_HOUR = 2
    submit(client, django_capture_on_commit_callbacks)
    email = {"email": "pengrajin@warga.example"}
    for n in range(2):
        forwarded = f"198.51.100.{n}"
        response = client.post(RESEND, email, HTTP_X_FORWARDED_FOR=forwarded)
        assert response.status_code == 302
    # Same e-mail from yet another client: refused.
    third = client.post(RESEND, email, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert third.status_code == 429
    # Same client with other e-mails: refused once the client's own bucket is full.
    for n in range(2):
        other = {"email": f"lain{n}@warga.example"}
        assert client.post(RESEND, other, HTTP_X_FORWARDED_FOR="203.0.113.5").status_code == 302
    assert (
        client.post(
            RESEND, {"email": "lagi@warga.example"}, HTTP_X_FORWARDED_FOR="203.0.113.5"
        ).status_code
        == 429
    )
    assert confirmations().count() == 3  # the submission's and two resends


def test_resend_api(api_client, cycle, settings, django_capture_on_commit_callbacks):
    settings.COMMUNITY_RESENDS_PER_HOUR = 1
    with django_capture_on_commit_callbacks(execute=True):
        assert api_client.post(API, form_data(), format="json").status_code == 202
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(API_RESEND, {"email": "pengrajin@warga.example"}, format="json")
    assert response.status_code == 202 and set(response.data) == {"detail"}
    assert confirmations().count() == 2
    again = api_client.post(API_RESEND, {"email": "pengrajin@warga.example"}, format="json")
    assert again.status_code == 429
    assert api_client.post(API_RESEND, {"email": "bukan"}, format="json").status_code == 400
    assert api_client.post(API_RESEND, [], format="json").status_code == 400


def test_resend_api_unknown_address_answers_the_same(api_client, cycle):
    response = api_client.post(API_RESEND, {"email": "siapa@warga.example"}, format="json")
    assert response.status_code == 202
    assert not confirmations().exists()


# --- the link confirms on a POST only ------------------------------------------------------------


def test_confirm_link_get_changes_nothing_and_offers_a_csrf_form(
    client, cycle, django_capture_on_commit_callbacks
):
    submit(client, django_capture_on_commit_callbacks)
    browser = Client(enforce_csrf_checks=True)
    path = link_of(confirmations().get())
    page = browser.get(path)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'method="post"' in body and "csrfmiddlewaretoken" in body
    innovation = Innovation.objects.get()
    assert innovation.status == Status.DRAFT
    assert innovation.community_submitter.email_confirmed_at is None
    # A POST without the page's CSRF token (a scanner, another site) is refused.
    assert browser.post(path).status_code == 403
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    with django_capture_on_commit_callbacks(execute=True):
        assert browser.post(path, {"csrfmiddlewaretoken": token}).status_code == 200
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED


# --- the rate limit sees the client behind the proxy --------------------------------------------


def test_form_rate_limit_behind_the_proxy_is_per_client(client, cycle, settings, behind_one_proxy):
    settings.COMMUNITY_SUBMISSIONS_PER_HOUR = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    assert (
        client.post(SUBMIT, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.1", **proxy).status_code
        == 302
    )
    # Another visitor behind the same proxy has a bucket of their own.
    assert (
        client.post(SUBMIT, form_data(), HTTP_X_FORWARDED_FOR="198.51.100.2", **proxy).status_code
        == 302
    )
    # A forged prefix does not give the first visitor a new bucket.
    forged = "6.6.6.6, 198.51.100.1"
    assert client.post(SUBMIT, form_data(), HTTP_X_FORWARDED_FOR=forged, **proxy).status_code == 429
    assert Innovation.objects.count() == 2


def test_api_rate_limit_behind_the_proxy_is_per_client(
    api_client, cycle, settings, behind_one_proxy
):
    settings.COMMUNITY_SUBMISSIONS_PER_HOUR = 1
    post = lambda forwarded: api_client.post(  # noqa: E731
        API, form_data(), format="json", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="10.0.0.2"
    )
    assert post("198.51.100.1").status_code == 202
    assert post("198.51.100.2").status_code == 202
    assert post("1.2.3.4, 198.51.100.1").status_code == 429


def test_rate_limit_fails_open_without_a_cache(client, cycle, settings):
    settings.COMMUNITY_SUBMISSIONS_PER_HOUR = 1
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    for _ in range(3):
        assert client.post(SUBMIT, form_data()).status_code == 302
        assert client.post(RESEND, {"email": "pengrajin@warga.example"}).status_code == 302


# --- a JSON body that is not an object ----------------------------------------------------------


@pytest.mark.parametrize("body", ["[]", '"x"', "1", "null", '[{"title": "x"}]'])
def test_public_submission_non_object_json_is_400(api_client, cycle, body):
    response = api_client.post(API, body, content_type="application/json")
    assert response.status_code == 400
    assert set(response.json()) == {"detail"}
    assert not Innovation.objects.exists()
