"""`?ordering=` ends on the primary key (intan_banjar/ordering.py): rows that tie on the asked
field come in one order, so paging through them shows each row once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intan_banjar.ordering import with_tiebreaker
from tests.factories import UnitFactory
from tests.innovations.factories import InnovationFactory


@pytest.mark.parametrize(
    ("asked", "sorted_by"),
    [
        (["title"], ["title", "pk"]),
        (["-title"], ["-title", "-pk"]),
        (["status", "-created_at"], ["status", "-created_at", "-pk"]),
        (["-created_at", "-id"], ["-created_at", "-id"]),  # already settled
        (["pk"], ["pk"]),
        ([], []),
    ],
)
def test_the_key_follows_the_last_term(asked, sorted_by):
    assert with_tiebreaker(asked) == sorted_by


def _order_by(queries):
    """The ORDER BY of the one query that reads a page of rows."""
    (listing,) = [q["sql"] for q in queries if " LIMIT " in q["sql"]]
    return listing.rsplit(" ORDER BY ", 1)[1].split(" LIMIT ")[0]


@pytest.mark.django_db
@pytest.mark.parametrize("ordering", ["title", "-title"])
def test_paging_through_equal_titles_shows_each_innovation_once(api_as, admin_user, unit, ordering):
    tied = [InnovationFactory(unit=unit, title="Sama").pk for _ in range(9)]
    other = [InnovationFactory(unit=unit, title="Beda").pk for _ in range(3)]
    descending = ordering.startswith("-")
    client, seen = api_as(admin_user), []
    for page in (1, 2, 3):
        with CaptureQueriesContext(connection) as queries:
            body = client.get(f"/api/v1/innovations/?ordering={ordering}&page_size=4&page={page}")
        assert body.status_code == 200
        seen += [row["id"] for row in body.json()["results"]]
        key = '"innovations_innovation"."id" ' + ("DESC" if descending else "ASC")
        assert _order_by(queries.captured_queries).endswith(key)
    assert len(seen) == len(set(seen)) == 12
    # "Beda" sorts before "Sama"; within each run of equal titles the key decides.
    runs = [other, tied] if not descending else [tied, other]
    assert seen == [pk for run in runs for pk in sorted(run, reverse=descending)]


@pytest.mark.django_db
def test_a_list_ordered_by_another_field_ends_on_the_key_too(api_as, admin_user):
    UnitFactory.create_batch(3)
    with CaptureQueriesContext(connection) as queries:
        body = api_as(admin_user).get("/api/v1/units/?ordering=-kind")
    assert body.status_code == 200
    assert _order_by(queries.captured_queries).endswith('"accounts_unit"."id" DESC')
