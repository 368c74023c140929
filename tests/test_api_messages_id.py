"""API.md "Conventions": the REST framework's own messages answer in the request's language too.

DRF's Indonesian catalogue translates only 46 of its messages; the rest are in the project's
(intan_banjar/drf_messages.py marks them). Without Accept-Language the API speaks Indonesian,
with `Accept-Language: en` English.
"""

import inspect

import pytest
from django.conf import settings
from django.utils import translation
from rest_framework import exceptions, fields, pagination, relations, serializers, validators
from rest_framework.test import APIClient

from intan_banjar.drf_messages import DRF_MESSAGES
from tests.factories import PASSWORD
from tests.test_translations import MESSAGES

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
TOKEN_URL = "/api/v1/auth/token/"


def detail(response):
    return response.json()["detail"]


@pytest.fixture
def as_operator(operator):
    client = APIClient()
    client.force_authenticate(operator)
    return client


@pytest.fixture
def as_admin(admin_user):
    client = APIClient()
    client.force_authenticate(admin_user)
    return client


def test_api_unknown_token_is_refused_in_indonesian_by_default(db):
    client = APIClient(HTTP_AUTHORIZATION="Token abc")

    indonesian = client.get("/api/v1/me/")
    english = client.get("/api/v1/me/", **ENGLISH)

    assert indonesian.status_code == english.status_code == 401
    assert detail(indonesian) == "Token tidak valid."
    assert detail(english) == "Invalid token."


def test_api_empty_token_header_is_refused_in_indonesian_by_default(db):
    client = APIClient(HTTP_AUTHORIZATION="Token")

    indonesian = client.get("/api/v1/me/")
    english = client.get("/api/v1/me/", **ENGLISH)

    assert indonesian.status_code == english.status_code == 401
    assert detail(indonesian) == "Header token tidak valid. Data autentikasi tidak diberikan."
    assert detail(english) == "Invalid token header. No credentials provided."


def test_api_page_past_the_end_is_404_in_indonesian_by_default(as_operator):
    indonesian = as_operator.get("/api/v1/units/?page=99")
    english = as_operator.get("/api/v1/units/?page=99", **ENGLISH)

    assert indonesian.status_code == english.status_code == 404
    assert detail(indonesian) == "Halaman tidak valid."
    assert detail(english) == "Invalid page."


def test_api_method_not_allowed_is_405_in_indonesian_by_default(as_operator):
    indonesian = as_operator.delete("/api/v1/me/")
    english = as_operator.delete("/api/v1/me/", **ENGLISH)

    assert indonesian.status_code == english.status_code == 405
    assert detail(indonesian) == 'Metode "DELETE" tidak diizinkan.'
    assert detail(english) == 'Method "DELETE" not allowed.'


def test_api_body_not_json_is_400_in_indonesian_by_default(db):
    body = '{"email": "a@example.org",\n "password": }'
    client = APIClient()

    indonesian = client.post(TOKEN_URL, body, content_type="application/json")
    english = client.post(TOKEN_URL, body, content_type="application/json", **ENGLISH)

    assert indonesian.status_code == english.status_code == 400
    assert detail(indonesian) == (
        "Kesalahan penguraian JSON - isi permintaan bukan JSON yang valid (baris 2, kolom 14)."
    )
    assert detail(english) == ("JSON parse error - the body is not valid JSON (line 2, column 14).")


def test_api_body_not_utf8_is_400_in_indonesian_by_default(db):
    body = b'{"email": "\xff"}'

    response = APIClient().post(TOKEN_URL, body, content_type="application/json")

    assert response.status_code == 400
    assert detail(response) == "Kesalahan penguraian JSON - isi permintaan bukan JSON yang valid."


def test_api_field_errors_are_in_indonesian_by_default(as_admin):
    body = {"code": "new-unit", "name": "x" * 201, "parent": "NO-SUCH-UNIT"}

    indonesian = as_admin.post("/api/v1/units/", body, format="json").json()
    english = as_admin.post("/api/v1/units/", body, format="json", **ENGLISH).json()

    assert indonesian["name"] == ["Isi bidang ini tidak boleh melebihi 200 karakter."]
    assert english["name"] == ["Ensure this field has no more than 200 characters."]
    assert indonesian["parent"] == ["Objek dengan code=NO-SUCH-UNIT tidak ditemukan."]
    assert english["parent"] == ["Object with code=NO-SUCH-UNIT does not exist."]


def test_api_field_of_the_wrong_type_is_refused_in_indonesian_by_default(db):
    body = {"email": "a@example.org", "password": [PASSWORD]}

    indonesian = APIClient().post(TOKEN_URL, body, format="json").json()
    english = APIClient().post(TOKEN_URL, body, format="json", **ENGLISH).json()

    assert indonesian == {"password": ["Isian ini harus berupa teks."]}
    assert english == {"password": ["Not a valid string."]}


def test_api_locked_out_token_request_says_the_wait_in_indonesian(operator):
    wrong = {"email": operator.email, "password": "wrong"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        APIClient().post(TOKEN_URL, wrong, format="json")

    response = APIClient().post(TOKEN_URL, wrong, format="json")

    assert response.status_code == 429
    assert "Expected available" not in detail(response)
    assert "detik." in detail(response)


@pytest.mark.parametrize(("wait", "seconds"), [(1, "1 detik."), (900, "900 detik.")])
def test_throttled_wait_is_in_indonesian(wait, seconds):
    with translation.override("id"):
        message = str(exceptions.Throttled(wait=wait).detail)

    assert (
        message == f"Permintaan ini telah dibatasi. Diperkirakan dapat dicoba lagi dalam {seconds}"
    )


def test_every_marked_drf_message_has_an_indonesian_translation():
    translated = {entry.msgid for entry in MESSAGES if all(entry.msgstr.values())}

    assert [msgid for msgid in DRF_MESSAGES if msgid not in translated] == []


def _drf_client_messages():
    """What DRF's fields, serializers, validators, exceptions and pagination can answer with."""
    messages = []
    for module in (fields, relations, serializers):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            messages += cls.__dict__.get("default_error_messages", {}).values()
    for _, cls in inspect.getmembers(exceptions, inspect.isclass):
        if issubclass(cls, exceptions.APIException):
            messages.append(cls.default_detail)
    throttled = exceptions.Throttled
    messages += [throttled.extra_detail_singular, throttled.extra_detail_plural]
    for _, cls in inspect.getmembers(validators, inspect.isclass):
        messages += [vars(cls).get("message"), vars(cls).get("missing_message")]
    messages.append(pagination.PageNumberPagination.invalid_page_message)
    return [message for message in messages if message is not None]


def test_every_drf_message_a_client_can_meet_is_served_in_indonesian():
    """Also catches a DRF upgrade that adds a message: it must be marked and translated."""
    untranslated = []
    for message in _drf_client_messages():
        with translation.override("en"):
            english = str(message)
        with translation.override("id"):
            if str(message) == english:
                untranslated.append(english)

    assert len(_drf_client_messages()) > 80
    assert untranslated == []
