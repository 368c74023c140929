"""The whole catalogue's count comes from the cache until an innovation is written
(innovations.public_count); a filtered list is always counted."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from innovations import written
from innovations.enums import Status
from innovations.public_count import launched_count

from .factories import InnovationFactory

pytestmark = pytest.mark.django_db

API = "/api/v1/public/innovations/"


def _cards(client, **params):
    return client.get(reverse("katalog:list"), params).content.decode().count('href="/katalog/INV-')


def test_catalogue_counts_once_then_reads_the_cache(client, cycle, django_assert_num_queries):
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    with django_assert_num_queries(3):  # count, page, years
        client.get(reverse("katalog:list"))
    with django_assert_num_queries(2):  # page, years
        body = client.get(reverse("katalog:list")).content.decode()
    assert "1 inovasi" in body


def test_public_api_counts_once_then_reads_the_cache(api_client, cycle, django_assert_num_queries):
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    with django_assert_num_queries(4):  # count, page, innovators, partners
        api_client.get(API)
    with django_assert_num_queries(3):
        assert api_client.get(API).data["count"] == 1


def test_count_follows_launches_and_deletes(api_client, cycle):
    first = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    assert api_client.get(API).data["count"] == 1
    other = InnovationFactory(cycle=cycle, status=Status.APPROVED)
    assert api_client.get(API).data["count"] == 1
    other.status = Status.LAUNCHED
    other.save()
    assert api_client.get(API).data["count"] == 2
    first.delete()
    assert api_client.get(API).data["count"] == 1
    assert launched_count() == 1


def test_count_expired_again_on_commit(cycle, django_capture_on_commit_callbacks):
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    with django_capture_on_commit_callbacks() as callbacks:
        InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    # Another request counted while this write was in flight, without seeing it, and cached its
    # number under the version the write had already set: the commit replaces that version.
    cache.set(f"katalog:launched-count:{cache.get(written.VERSION_KEY)}", 1)
    assert launched_count() == 1
    for callback in callbacks:
        callback()
    assert launched_count() == 2


def test_filtered_lists_are_counted_with_their_filters(client, api_client, cycle):
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Sungai bersih")
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Pasar sehat")
    assert api_client.get(API).data["count"] == 2
    assert api_client.get(API, {"search": "sungai"}).data["count"] == 1
    assert api_client.get(API, {"year": cycle.year + 1}).data["count"] == 0
    assert _cards(client) == 2
    assert _cards(client, search="pasar") == 1
    assert "1 inovasi" in client.get(reverse("katalog:list"), {"search": "pasar"}).content.decode()
