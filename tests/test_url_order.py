"""The API's patterns come first in the URL configuration (intan_banjar/urls.py): that order must
decide nothing but speed, so no other pattern may match a path under /api/."""

from django.urls import URLPattern, URLResolver, get_resolver, resolve


def routes(patterns, prefix=""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def test_no_page_pattern_can_take_an_api_path():
    page_routes = [
        route
        for top in get_resolver().url_patterns
        if not str(top.pattern).startswith("api/")
        for route in routes([top])
    ]
    assert page_routes
    for route in page_routes:
        first = route.split("/")[0]
        assert first != "api", route
        assert "<" not in first and not route.startswith("^"), route


def test_api_and_page_paths_resolve_to_their_views():
    assert resolve("/api/v1/innovations/").view_name == "innovations-api:innovation-list"
    assert resolve("/api/v1/public/innovations/").view_name == "public-api:innovation-list"
    assert resolve("/innovations/").view_name == "innovations:list"
    assert resolve("/").view_name == "home"
