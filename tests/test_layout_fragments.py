"""The base layout's fragments drawn once per key (`nav_menu`, `language_buttons`, `route`).

Each answer of the cached tags must be what the fragment's template draws for that very input,
whatever was drawn before it (another role's entries, another page, the other language).
"""

import pytest
from django.template import engines
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

from accounts.context_processors import nav_items_for
from accounts.enums import Role
from intan_banjar import template_library
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db

PATHS = ["/", "/innovations/", "/curation/", "/compliance/", "/reports/", "/notifications/"]


def tag(source, **context):
    return engines["django"].from_string("{% load portal %}" + source).render(context)


def users():
    unit = UnitFactory()
    made = [
        UserFactory(role=role, unit=unit if role in ("operator", "head") else None) for role in Role
    ]
    return [*made, UserFactory(role=Role.CURATOR, is_lead=True)]


def test_nav_menu_is_what_its_template_draws_for_each_user_page_and_language():
    template_library._fragments.clear()
    fresh = get_template("includes/nav_menu.html")
    cases = [
        (user, path, language) for language in ("id", "en") for user in users() for path in PATHS
    ]
    for _round in range(2):  # the second round answers from the cache
        for user, path, language in cases:
            with translation.override(language):
                items = nav_items_for(user, path)
                assert tag("{% nav_menu items %}", items=items) == fresh.render(
                    {"nav_items": items}
                )


def test_language_buttons_follow_the_active_language():
    template_library._fragments.clear()
    fresh = get_template("includes/language_buttons.html")
    for language in ("id", "en", "id", "en"):
        with translation.override(language):
            drawn = tag("{% language_buttons %}")
            assert drawn == fresh.render({})
            assert f'value="{language}" lang="{language}" title=' in drawn
            assert drawn.count('aria-pressed="true"') == 1


@pytest.mark.parametrize(
    "name", ["home", "profile", "logout", "help:index", "katalog:list", "set_language"]
)
def test_route_is_the_reversed_url(name):
    assert tag(f"{{% route '{name}' %}}") == reverse(name)


@pytest.mark.parametrize("path", ["css/intan.css", "img/intan.svg", "js/intan.js", "a b&c.css"])
def test_asset_is_the_static_url(path):
    assert tag(f"{{% asset '{path}' %}}") == tag(f"{{% load static %}}{{% static '{path}' %}}")


def test_asset_follows_the_static_settings(settings):
    before = tag("{% asset 'css/intan.css' %}")
    settings.STATIC_URL = "/assets/"
    assert tag("{% asset 'css/intan.css' %}") == "/assets/css/intan.css" != before
