"""The session, user and API token reads compiled once (intan_banjar/prepared_reads.py),
against the ORM's and DRF's."""

import datetime

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed

from accounts.authentication import ExpiringTokenAuthentication
from accounts.models import User
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedGet
from intan_banjar.sessions import SessionStore
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


def fields(instance):
    return {name: value for name, value in vars(instance).items() if name != "_state"}


def sql_of(read):
    with CaptureQueriesContext(connection) as queries:
        result = read()
    return result, [query["sql"] for query in queries]


def test_user_get_by_pk_equals_the_orm_read():
    user = UserFactory(unit=UnitFactory())
    ours, our_sql = sql_of(lambda: User.objects.get(pk=user.pk))
    orms, orm_sql = sql_of(lambda: User.objects.filter(pk=user.pk).get())
    assert fields(ours) == fields(orms)
    assert our_sql == orm_sql
    assert (ours._state.db, ours._state.adding) == ("default", False)
    assert ours._state.fetch_mode is orms._state.fetch_mode


def test_user_get_of_a_missing_pk_raises_does_not_exist():
    with pytest.raises(User.DoesNotExist, match="User matching query does not exist."):
        User.objects.get(pk=987654321)


def test_user_get_with_a_text_pk_or_other_lookups_is_the_orm_read():
    user = UserFactory()
    assert User.objects.get(pk=str(user.pk)) == user
    assert User.objects.get(email=user.email) == user
    with pytest.raises(User.DoesNotExist):
        User.objects.get(pk=user.pk, email="someone-else@example.com")


def test_a_related_manager_keeps_its_own_filter():
    """A unit's `users` is a subclass of the user manager: its get() must stay the ORM's."""
    unit, other = UnitFactory(), UnitFactory()
    user = UserFactory(unit=unit)
    with pytest.raises(User.DoesNotExist):
        other.users.get(pk=user.pk)
    assert unit.users.get(pk=user.pk) == user


def test_session_load_equals_the_database_engine():
    store = DjangoSessionStore()
    store["_auth_user_id"] = "7"
    store.save()
    ours, our_sql = sql_of(lambda: SessionStore(store.session_key).load())
    django, django_sql = sql_of(lambda: DjangoSessionStore(store.session_key).load())
    assert ours == django == {"_auth_user_id": "7"}
    strip = [sql.split("WHERE")[0] for sql in our_sql]  # the WHERE holds now()
    assert strip == [sql.split("WHERE")[0] for sql in django_sql]


def test_an_unknown_or_expired_session_loads_empty_and_forgets_its_key():
    store = DjangoSessionStore()
    store["x"] = 1
    store.set_expiry(-10)
    store.save()
    for key in (store.session_key, "no-such-session-key-0000000000000"):
        session = SessionStore(key)
        assert session.load() == {}
        assert session.session_key is None


def test_a_backend_that_transforms_the_values_is_not_prepared(monkeypatch):
    monkeypatch.setattr(
        connection.ops,
        "adapt_datetimefield_value",
        lambda value: None if value is None else str(value),
    )
    read = PreparedGet(
        User,
        lambda now: User.objects.filter(last_login__gt=now),
        now=datetime.datetime,
    )
    assert read.get(now=datetime.datetime.now(tz=datetime.UTC)) is NOT_PREPARED


def test_token_read_equals_drfs_joined_read():
    """The API's token authentication reads the token and its user in one prepared query: the
    same SQL as DRF's `select_related("user").get(key=...)`, the same token and user."""
    user = UserFactory(unit=UnitFactory())
    key = Token.objects.create(user=user).key
    ours, our_sql = sql_of(lambda: ExpiringTokenAuthentication().authenticate_credentials(key))
    drfs, drf_sql = sql_of(lambda: TokenAuthentication().authenticate_credentials(key))
    assert our_sql == drf_sql
    assert len(our_sql) == 1
    (our_user, our_token), (drf_user, drf_token) = ours, drfs
    assert fields(our_token) == fields(drf_token)
    assert our_token._state.fields_cache.keys() == drf_token._state.fields_cache.keys() == {"user"}
    assert fields(our_user) == fields(drf_user)
    assert our_user is our_token.user
    assert our_user._state.fields_cache["auth_token"] is our_token  # the reverse side, as DRF's
    assert (our_user._state.db, our_user._state.adding) == ("default", False)


@pytest.mark.parametrize("language", ["id", "en"])
def test_refused_tokens_answer_as_drf(language):
    """An unknown token and an inactive user's token are refused with DRF's own messages."""
    inactive = UserFactory(is_active=False)
    inactive_key = Token.objects.create(user=inactive).key
    messages = []
    for key in ("0" * 40, inactive_key):
        answers = []
        for authentication in (ExpiringTokenAuthentication(), TokenAuthentication()):
            with translation.override(language), pytest.raises(AuthenticationFailed) as refused:
                authentication.authenticate_credentials(key)
            answers.append(str(refused.value.detail))
        assert answers[0] == answers[1]
        messages.append(answers[0])
    if language == "en":
        assert messages == ["Invalid token.", "User inactive or deleted."]
