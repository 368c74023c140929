"""The queue page's kept blocks (`{% kept %}`, intan_banjar/kept_blocks.py) draw what
the template draws without keeping: every role, both languages, filters, orders, pages, held
decisions, empty pages, in an order that leaves other keys' blocks kept in between; and the
page shows what a write changed at once (the keys are read per request)."""

import pytest
from django.conf import settings
from django.utils.safestring import mark_safe

from curation import views
from innovations.models import HeldDecision
from intan_banjar import kept_blocks
from tests.factories import CycleFactory
from tests.per_request import masked

from .factories import AssignmentFactory, QueuedInnovationFactory, ReviewFactory, scores
from .test_queue_fast_paths import varied  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db

QUERIES = [
    "",
    "page=2",
    "page=3",
    "page=999",
    "page=x",
    "ordering=score",
    "ordering=-score&page=2",
    "ordering=unit",
    "ordering=-waiting",
    "ordering=bogus",
    "ordering=",
    "ordering=-unit",
    "ordering=score&ordering=unit",
    "search=Posyandu",
    "search=%3Cb%3E%22%27%26",
    "search=tidak-ada-yang-cocok",
    "assigned=me",
    "assigned=me&page=2",
    "unit=XYZ",
    "unit_kind=desa",
    "origin=bogus",
    "maturity=penerapan&form=lainnya",
    "extra=1&page_size=3",
    "search=&unit=&assigned=",
]


def _body(client, query):
    response = client.get(f"/curation/?{query}")
    return response.status_code, masked(response.content.decode())


@pytest.fixture
def small_pages(monkeypatch):
    """Pages of two rows, so that the six rows of `varied` have three pages."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)


@pytest.mark.parametrize("role", ["curator", "lead_curator", "admin_user", "leader"])
def test_kept_blocks_draw_what_the_template_draws(
    role,
    request,
    client,
    varied,  # noqa: F811
    small_pages,
    monkeypatch,
):
    client.force_login(request.getfixturevalue(role))
    cases = [
        (language, f"year={year}&{query}")
        for language in ("id", "en")
        for year in (varied.year, varied.year + 1)
        for query in QUERIES
    ]
    monkeypatch.setattr(kept_blocks, "keeping", False)
    expected = {}
    for language, query in cases:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        expected[language, query] = _body(client, query)
    monkeypatch.setattr(kept_blocks, "keeping", True)
    for language, query in [*cases, *reversed(cases)]:
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        assert _body(client, query) == expected[language, query], (role, language, query)


def test_the_page_shows_each_write_at_once(client, lead_curator, varied):  # noqa: F811
    """What the blocks show comes from the keys read per request: held decisions, progress,
    the years, the rows."""
    client.force_login(lead_curator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    query = f"year={varied.year}"
    body = _body(client, query)[1]
    assert 'data-held-count="2"' in body
    assert "Reviewed by me: 0 of 0 assigned to me" in body
    HeldDecision.objects.all().delete()
    innovation = QueuedInnovationFactory(cycle=varied, title="Baru Masuk")
    AssignmentFactory(innovation=innovation, curator=lead_curator)
    ReviewFactory(innovation=innovation, curator=lead_curator, scores=scores(4))
    CycleFactory(year=varied.year + 5)
    body = _body(client, query)[1]
    assert "data-held-count" not in body
    assert "Baru Masuk" in body
    assert f'<option value="{varied.year + 5}">' in body
    assert "Reviewed by me: 1 of 1 assigned to me" in body


def test_a_plain_page_builds_its_filter_set_only_to_draw_the_bar(
    client,
    curator,
    varied,  # noqa: F811
    filter_sets_built,
):
    built = filter_sets_built
    client.force_login(curator)
    query = f"year={varied.year}&ordering=-score&page=1&page_size=9"
    first = _body(client, query)
    assert len(built) <= 1  # the bar's first drawing (or kept by an earlier test)
    built.clear()
    assert _body(client, query) == first
    assert built == []
    _body(client, f"year={varied.year}&search=Posyandu")
    assert built  # a filtered page validates its form, as before


@pytest.mark.parametrize(
    ("one", "other"),
    [(True, 1), (1, "1"), (None, ""), ([1, 2], (1, 2)), ([1, 2], [1, 2, 3]), ((1,), ("1",))],
)
def test_keys_are_equal_only_for_equal_plain_values(one, other):
    assert kept_blocks.plain(one) != kept_blocks.plain(other)
    assert kept_blocks.plain(one) == kept_blocks.plain(one)


@pytest.mark.parametrize("value", [object(), 1.5, {"a": 1}, mark_safe("x")])
def test_a_key_of_anything_else_is_refused(value):
    with pytest.raises(TypeError):
        kept_blocks.plain(value)
