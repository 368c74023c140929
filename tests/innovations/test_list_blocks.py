"""The innovation list's kept blocks (`{% kept %}`, intan_banjar/kept_blocks.py) draw what the
template draws without keeping, for every role, both languages, filters, orders, pages and the
htmx fragment, in an order that leaves other keys' blocks kept in between."""

import pytest
from django.conf import settings

from innovations import list_views
from intan_banjar import kept_blocks
from tests.per_request import masked

from .test_list_pages import every_role, listed  # noqa: F401 - the shared fixtures

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "page=2",
    "page=3",
    "page=999",
    "page=x",
    "ordering=title",
    "ordering=-code&page=2",
    "ordering=bogus",
    "ordering=",
    "status=submitted",
    "status=draft&page=2",
    "year=2025",
    "year=abc",
    "search=Posyandu",
    "search=%3Cb%3E%22%27%26",
    "search=tidak-ada-yang-cocok",
    "unit_kind=desa",
    "maturity=bogus",
    "extra=1",
]


def _body(client, query, htmx):
    # A 400's message is drawn by the next full page when the htmx fragment left it unread:
    # each request starts without one, so that the order of the requests does not matter.
    client.cookies.pop("messages", None)  # django.contrib.messages' cookie storage
    headers = {"HX-Request": "true"} if htmx else {}
    response = client.get(f"/innovations/?{query}", headers=headers)
    return response.status_code, masked(response.content.decode())


def test_kept_blocks_draw_what_the_template_draws(
    client,
    listed,  # noqa: F811
    every_role,  # noqa: F811
    monkeypatch,
):
    monkeypatch.setattr(list_views, "PAGE_SIZE", 2)
    cases = [
        (user, language, query, htmx)
        for user in every_role
        for language in ("id", "en")
        for query in QUERIES
        for htmx in (False, True)
    ]
    monkeypatch.setattr(kept_blocks, "keeping", False)
    expected = {}
    for user, language, query, htmx in cases:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        expected[user.pk, language, query, htmx] = _body(client, query, htmx)
    monkeypatch.setattr(kept_blocks, "keeping", True)
    for user, language, query, htmx in [*cases, *reversed(cases)]:
        client.force_login(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        key = (user.pk, language, query, htmx)
        assert _body(client, query, htmx) == expected[key], key


def test_the_search_typed_is_never_kept(client, listed, admin_user):  # noqa: F811
    client.force_login(admin_user)
    first = _body(client, "search=pertama", False)[1]
    second = _body(client, "search=kedua", False)[1]
    assert 'value="pertama"' in first
    assert 'value="kedua"' in second
    assert 'value="pertama"' not in second
