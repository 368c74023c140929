"""The error contract (intan_banjar.exceptions) and its two translators: the API's exception
handler and the pages' `attempt`. Each app's tests check its own answers; these check the rules
once, and that the domain stays free of the REST framework."""

import ast
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.test import RequestFactory
from django.utils import translation

from intan_banjar.api import exception_handler
from intan_banjar.exceptions import InvalidInput, Missing, Refused, StateConflict, TooLarge
from intan_banjar.pages import attempt

# --- the API's exception handler ------------------------------------------------------------


def answer(exc):
    response = exception_handler(exc, {})
    return response.status_code, response.data


def test_invalid_input_per_field_is_400():
    assert answer(InvalidInput({"title": ["Required."]})) == (400, {"title": ["Required."]})


def test_invalid_input_without_fields_is_400_under_detail():
    assert answer(InvalidInput("Closed.")) == (400, {"detail": ["Closed."]})


def test_a_models_own_validation_error_is_answered_alike():
    assert answer(ValidationError({"__all__": ["Both."]})) == (400, {"__all__": ["Both."]})


def test_extra_payload_goes_beside_the_messages():
    exc = InvalidInput({"confirm": ["Lower average."]})
    exc.extra_payload = {"warnings": [{"code": "lowers_average"}]}

    assert answer(exc) == (
        400,
        {"confirm": ["Lower average."], "warnings": [{"code": "lowers_average"}]},
    )


def test_too_large_is_413():
    assert answer(TooLarge({"file": ["Over the limit."]})) == (413, {"file": ["Over the limit."]})


def test_refused_is_403_with_its_message():
    assert answer(Refused("Not yours.")) == (403, {"detail": "Not yours."})


def test_djangos_404_is_answered_with_the_translated_not_found():
    with translation.override("en"):
        english = answer(Http404("No Innovation matches the given query."))
    with translation.override("id"):
        indonesian = answer(Http404("No Innovation matches the given query."))

    assert english == (404, {"detail": "Not found."})
    assert indonesian == (404, {"detail": "Tidak ditemukan."})


def test_missing_is_404_with_its_message():
    assert answer(Missing("There is no cycle for 2031.")) == (
        404,
        {"detail": "There is no cycle for 2031."},
    )


def test_state_conflict_is_409_with_status_and_allowed_actions():
    exc = StateConflict("Not now.", status="submitted", allowed_actions=["withdraw"])

    assert answer(exc) == (
        409,
        {"detail": "Not now.", "status": "submitted", "allowed_actions": ["withdraw"]},
    )


def test_state_conflict_about_no_object_status_is_409_with_the_message_alone():
    assert answer(StateConflict("Fixed.", code="rubric_locked")) == (409, {"detail": "Fixed."})


# --- the pages' attempt -----------------------------------------------------------------------


@pytest.fixture
def request_():
    request = RequestFactory().post("/")
    request._messages = CookieStorage(request)
    return request


def raising(exc):
    def call():
        raise exc

    return call


def shown(request):
    return [str(m) for m in get_messages(request)]


class TitleForm(forms.Form):
    title = forms.CharField(required=False)


def test_attempt_returns_the_value(request_):
    result = attempt(request_, lambda: 42)

    assert (result.failed, result.value, shown(request_)) == (False, 42, [])


@pytest.mark.parametrize(
    ("exc", "status"),
    [(StateConflict("Not now.", status="draft"), 409), (Refused("Not yours."), 403)],
)
def test_attempt_conflict_and_refusal_are_a_status_and_a_message(request_, exc, status):
    result = attempt(request_, raising(exc))

    assert (result.status, shown(request_)) == (status, [str(exc)])


def test_attempt_bare_permission_denied_says_not_allowed(request_):
    result = attempt(request_, raising(PermissionDenied()))

    assert result.status == 403 and result.message


def test_attempt_lets_a_refusal_through_when_asked(request_):
    with pytest.raises(Refused):
        attempt(request_, raising(Refused("Not yours.")), catch_refusal=False)


def test_attempt_invalid_input_goes_on_the_form(request_):
    form = TitleForm({"title": ""})
    form.is_valid()
    exc = InvalidInput({"title": ["Required."], "design": ["Too short."]})

    result = attempt(request_, raising(exc), form=form)

    assert result.status == 400
    assert form.errors == {"title": ["Required."], "__all__": ["Too short."]}
    assert shown(request_) == []


def test_attempt_invalid_input_without_a_form_shows_each_message(request_):
    result = attempt(request_, raising(InvalidInput({"a": ["One."], "b": ["Two."]})))

    assert (result.status, result.message, shown(request_)) == (400, "One. Two.", ["One.", "Two."])


def test_attempt_invalid_message_from_the_messages(request_):
    attempt(
        request_,
        raising(InvalidInput({"note": ["Write why."]})),
        invalid_message=lambda errors: f"Not done: {errors['note'][0]}",
    )

    assert shown(request_) == ["Not done: Write why."]


def test_attempt_quiet_tells_only_when_asked(request_):
    result = attempt(request_, raising(StateConflict("Not now.")), quiet=True)

    assert shown(request_) == []
    result.tell(request_)
    assert shown(request_) == ["Not now."]


# --- the domain imports nothing from the REST framework --------------------------------------

DOMAIN_MODULES = (
    "services.py",
    "workflow.py",
    "models.py",
    "querysets.py",
    "rules.py",
    "checks.py",
    "community.py",
    "uploads.py",
    "exceptions.py",
    # Services named after what they keep (issues 14-16).
    "models/*.py",
    "*_services.py",
    "continuation.py",
    "decrees.py",
    "monitoring.py",
    "replications.py",
    "files.py",
    "legacy.py",
    "publishing.py",
    "method.py",
    "planner.py",
    "refusals.py",
    "plan.py",
    "plan_actions.py",
    "knapsack.py",
    "yearly.py",
)
# The token is a model (data), not the framework's error handling.
ALLOWED = {"rest_framework.authtoken.models"}


def imported_modules(path):
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def test_the_domain_does_not_import_the_rest_framework():
    root = Path(settings.BASE_DIR)
    apps = [
        "accounts",
        "innovations",
        "curation",
        "agreements",
        "notifications",
        "reports",
        "iga",
        "portfolio",
    ]
    paths = [
        path
        for app in [*apps, "intan_banjar"]
        for name in DOMAIN_MODULES
        for path in (root / app).glob(name)
    ]
    assert len(paths) > 20
    found = {
        f"{path.relative_to(root)}: {module}"
        for path in paths
        for module in imported_modules(path)
        if module.split(".")[0] == "rest_framework" and module not in ALLOWED
    }
    assert found == set()
