"""Pages of signing in and out: login, lock-out and its release, logout, password change."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from tests.factories import PASSWORD
from tests.form_banner import banner_links

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
# Sessions made under the moved clock expire once it returns: session checks stay inside.
START = datetime.datetime(2025, 6, 2, 9, 0, tzinfo=datetime.UTC)


def post_login(client, email, password):
    return client.post(LOGIN, {"username": email, "password": password})


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_login_page_indonesian_by_default(client):
    response = client.get(LOGIN)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in html
    assert "Masuk ke INTAN BANJAR" in html
    assert "Alamat email" in html
    assert 'name="username"' in html
    assert 'name="password"' in html


def test_login_page_ignores_browser_language(client):
    response = client.get(LOGIN, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Masuk ke INTAN BANJAR" in response.content.decode()


def test_login_with_valid_credentials_redirects_home(client, operator):
    response = post_login(client, operator.email, PASSWORD)
    assert response.status_code == 302
    assert response.url == reverse("home")
    assert client.session["_auth_user_id"] == str(operator.pk)
    assert client.get("/").status_code == 200


def test_login_email_case_insensitive(client, operator):
    response = post_login(client, operator.email.upper(), PASSWORD)
    assert response.status_code == 302
    assert is_logged_in(client)


def test_login_follows_next_parameter(client, operator):
    response = client.post(
        f"{LOGIN}?next=/accounts/password/change/",
        {"username": operator.email, "password": PASSWORD, "next": "/accounts/password/change/"},
    )
    assert response.status_code == 302
    assert response.url == "/accounts/password/change/"


def test_login_with_wrong_password_refused(client, operator):
    response = post_login(client, operator.email, "salah-sandi")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert 'class="alert alert-danger"' in response.content.decode()
    assert not is_logged_in(client)


def test_login_refusal_names_the_fields_and_only_the_password_as_case_sensitive(client, operator):
    client.cookies["django_language"] = "en"

    errors = post_login(client, operator.email, "salah-sandi").context["form"].non_field_errors()

    assert errors == [
        "The e-mail address or the password is not right. Capitals count in the password."
    ]


def test_login_of_inactive_user_refused(client, operator):
    operator.is_active = False
    operator.save()
    response = post_login(client, operator.email, PASSWORD)
    assert response.status_code == 200
    assert not is_logged_in(client)


def test_login_page_when_logged_in_redirects_home(client, operator):
    client.force_login(operator)
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response.url == reverse("home")


def fail_login(client, user, times):
    responses = [post_login(client, user.email, "salah-sandi") for _ in range(times)]
    return responses[-1]


def test_login_locked_out_after_five_failures(client, operator):
    with time_machine.travel(START, tick=False):
        fourth = fail_login(client, operator, 4)
        assert fourth.status_code == 200
        fifth = post_login(client, operator.email, "salah-sandi")
        assert fifth.status_code == 429
        # Even the right password is refused while the lock holds.
        response = post_login(client, operator.email, PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)
    html = response.content.decode()
    assert "Akses masuk dikunci sementara" in html
    assert "coba lagi dalam 15 menit" in html
    # 09:00 UTC is 17:00 WITA: the page says when the lock started.
    assert "17:00 WITA" in html
    assert 'data-cooloff-minutes="15"' in html
    # Resetting the password by e-mail lifts the lock: the page offers it.
    assert '<a href="/accounts/password/reset/" id="forgot-password">' in html


def test_login_four_failures_do_not_lock(client, operator):
    with time_machine.travel(START, tick=False):
        fail_login(client, operator, 4)
        response = post_login(client, operator.email, PASSWORD)
        assert response.status_code == 302
        assert is_logged_in(client)


def test_lockout_only_for_that_account(client, operator, head):
    with time_machine.travel(START, tick=False):
        fail_login(client, operator, 5)
        response = post_login(client, head.email, PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(head.pk)


def test_lockout_still_active_before_cool_off(client, operator):
    with time_machine.travel(START, tick=False) as traveller:
        fail_login(client, operator, 5)
        traveller.shift(datetime.timedelta(minutes=14))
        response = post_login(client, operator.email, PASSWORD)
    assert response.status_code == 429
    assert not is_logged_in(client)


def test_lockout_released_after_cool_off(client, operator):
    with time_machine.travel(START, tick=False) as traveller:
        fail_login(client, operator, 5)
        traveller.shift(datetime.timedelta(minutes=15, seconds=1))
        response = post_login(client, operator.email, PASSWORD)
        assert response.status_code == 302
        assert client.session["_auth_user_id"] == str(operator.pk)


def test_logout_logs_out_and_returns_to_login(client, operator):
    client.force_login(operator)
    response = client.post("/accounts/logout/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    assert not is_logged_in(client)
    assert "Anda telah keluar." in response.content.decode()
    assert client.get("/accounts/password/change/").status_code == 302


def test_logout_by_get_refused(client, operator):
    client.force_login(operator)
    assert client.get("/accounts/logout/").status_code == 405
    assert is_logged_in(client)


@pytest.mark.parametrize("path", ["/accounts/password/change/", "/accounts/password/change/done/"])
def test_anonymous_redirected_to_login(client, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={path}"


def test_password_change_form_shows(client, operator):
    client.force_login(operator)
    response = client.get("/accounts/password/change/")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="old_password"' in html
    assert "Ubah kata sandi" in html


def test_password_change_sets_new_password(client, operator):
    client.force_login(operator)
    new = "Sandi-Baru-Banjar-2025"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    operator.refresh_from_db()
    assert operator.check_password(new)
    # The session survives the change (Django updates the session hash).
    done = client.get(response.url)
    assert done.status_code == 200
    assert "Kata sandi telah diubah" in done.content.decode()


def test_password_change_with_wrong_old_password_refused(client, operator):
    client.force_login(operator)
    new = "Sandi-Baru-Banjar-2025"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "bukan-sandi-lama", "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["old_password"]
    assert 'aria-invalid="true"' in response.content.decode()
    operator.refresh_from_db()
    assert operator.check_password(PASSWORD)


def test_password_change_rejects_weak_password(client, operator):
    client.force_login(operator)
    response = client.post(
        "/accounts/password/change/",
        {"old_password": PASSWORD, "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_password2"]
    operator.refresh_from_db()
    assert operator.check_password(PASSWORD)


def test_login_form_has_csrf_token(client):
    html = client.get(LOGIN).content.decode()
    assert re.search(r'name="csrfmiddlewaretoken" value="[^"]+"', html)


def test_password_change_errors_banner_links_the_field(client, operator):
    client.force_login(operator)
    new = "Sandi-Baru-Banjar-2025"
    response = client.post(
        "/accounts/password/change/",
        {"old_password": "bukan-sandi-lama", "new_password1": new, "new_password2": new},
    )
    assert banner_links(response.content.decode()) == ["id_old_password"]
