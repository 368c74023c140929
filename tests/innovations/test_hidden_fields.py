"""What a unit may not read must not leak through ordering or through the history's actors."""

import pytest
from django.test import Client
from django.utils import timezone

from curation.services import review_save
from innovations.enums import Status
from innovations.services import innovation_transition
from tests.curation.factories import ReviewFactory, scores

from .factories import InnovationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/innovations/"


@pytest.fixture
def scored(unit, cycle):
    """Three innovations of the unit, created a, b, c; curators scored a 100, b 40, c 60."""
    made = {}
    for name, value in (("a", 5), ("b", 2), ("c", 3)):
        innovation = InnovationFactory(unit=unit, cycle=cycle, status=Status.IN_REVIEW)
        ReviewFactory(innovation=innovation, scores=scores(value))
        made[name] = innovation
    return made


def ids(client, **params):
    return [row["id"] for row in client.get(LIST, params).json()["results"]]


@pytest.mark.parametrize("role", ["operator", "head"])
@pytest.mark.parametrize("ordering", ["score", "-score"])
def test_unit_ordering_by_score_is_ignored(role, ordering, users_by_role, api_as, scored):
    client = api_as(users_by_role[role])

    ordered = ids(client, ordering=ordering)

    assert ordered == ids(client) == ids(client, ordering="no_such_field")
    assert ordered == [scored["c"].pk, scored["b"].pk, scored["a"].pk]  # newest first


@pytest.mark.parametrize("role", ["curator", "admin", "leader"])
def test_region_ordering_by_score_still_works(role, users_by_role, api_as, scored):
    client = api_as(users_by_role[role])

    assert ids(client, ordering="score") == [scored["b"].pk, scored["c"].pk, scored["a"].pk]
    assert ids(client, ordering="-score") == [scored["a"].pk, scored["c"].pk, scored["b"].pk]


# ---- the actor of start_review --------------------------------------------------------------


@pytest.fixture
def reviewed(unit, cycle, curator):
    """Submitted, then scored by `curator`: its first review started the review."""
    innovation = InnovationFactory(
        unit=unit, cycle=cycle, status=Status.SUBMITTED, submitted_at=timezone.now()
    )
    review_save(innovation=innovation, by=curator, scores=scores(4), recommendation="approve")
    return innovation


def start_review_entry(history):
    return next(h for h in history if h["action"] == "start_review")


@pytest.mark.parametrize("role", ["operator", "head"])
def test_history_hides_the_reviewer_from_the_unit(role, users_by_role, api_as, reviewed, curator):
    response = api_as(users_by_role[role]).get(f"{LIST}{reviewed.pk}/history/")

    entry = start_review_entry(response.json())
    assert entry["actor"] is None
    assert entry["actor_name"] == "Bappedalitbang"
    assert curator.email not in response.content.decode()
    assert curator.full_name not in response.content.decode()


@pytest.mark.parametrize("role", ["curator", "admin", "leader"])
def test_history_shows_the_reviewer_to_the_region(role, users_by_role, api_as, reviewed, curator):
    response = api_as(users_by_role[role]).get(f"{LIST}{reviewed.pk}/history/")

    entry = start_review_entry(response.json())
    assert entry["actor"] == curator.email
    assert entry["actor_name"] == curator.full_name


def page(user, innovation):
    client = Client()
    client.force_login(user)
    return client.get(f"/innovations/{innovation.pk}/").content.decode()


def start_review_row(html):
    start = html.index('data-history="start_review"')
    return html[start : html.index("</tr>", start)]


def test_detail_page_hides_the_reviewer_from_the_unit(operator, reviewed, curator):
    html = page(operator, reviewed)

    assert curator.full_name not in html
    assert curator.email not in html
    assert "Bappedalitbang" in start_review_row(html)


def test_detail_page_shows_the_reviewer_to_an_admin(admin_user, reviewed, curator):
    assert curator.full_name in start_review_row(page(admin_user, reviewed))


def test_history_keeps_the_unit_own_actors(operator, api_as, innovation):
    innovation_transition(innovation=innovation, action="submit", by=operator)

    history = api_as(operator).get(f"{LIST}{innovation.pk}/history/").json()

    assert history[0]["actor"] == operator.email
