"""The queue's unfiltered pages from prepared SQL (curation/queue_pages.py) against the ORM's
rows, for every role that takes that path, and the ORM's path for everything else."""

import pytest
from django.test import RequestFactory

from accounts.enums import Role
from curation import queue_pages
from curation.queue import CountedRows, filtered_rows
from curation.queue_pages import _COUNT, _ROWS, queue_rows
from innovations.models import Innovation
from intan_banjar.prepared_reads import NOT_PREPARED, PreparedList
from tests.factories import UserFactory

from .factories import AssignmentFactory, QueuedInnovationFactory
from .test_queue_fast_paths import ORDERINGS, varied  # noqa: F401 - the shared fixture

pytestmark = pytest.mark.django_db


def _both(user, cycle, query):
    request = RequestFactory().get(f"/curation/?{query}")
    request.user = user
    ours = queue_rows(request.GET, user=user, cycle=cycle, request=request)[1]
    orms = filtered_rows(request.GET, user=user, cycle=cycle, request=request)[1]
    return ours, orms


@pytest.fixture
def region_users(curator, lead_curator, admin_user, leader, unit):
    """Each role that takes the prepared path; a curator who belongs to a unit, too."""
    return [curator, lead_curator, admin_user, leader, UserFactory(role=Role.CURATOR, unit=unit)]


@pytest.mark.parametrize("ordering", [*ORDERINGS, "", "bogus"])
def test_pages_equal_the_orm_rows(ordering, varied, region_users, curator):  # noqa: F811
    _COUNT._plans.clear()  # this test's plans only (other tests' may be of another annotator)
    _ROWS._plans.clear()
    # A draft a curator entered for the community: visible to them, never in the queue.
    QueuedInnovationFactory(cycle=varied, unit=None, created_by=curator, status="draft")
    for user in region_users:
        ours, orms = _both(user, varied, f"ordering={ordering}")
        if ordering == "bogus":  # an invalid choice: the ORM's path answers as it always did
            assert isinstance(ours, CountedRows)
            continue
        assert isinstance(ours, PreparedList)
        assert ours.count() == orms.count() == 6
        for window in (slice(0, 50), slice(0, 2), slice(2, 4), slice(4, 6), slice(6, 8)):
            assert ours[window] == list(orms[window]), (user.role, ordering, window)
        assert list(ours) == list(orms)
        assert ours[1] == orms[1]
    plans = [*_COUNT._plans.values(), *_ROWS._plans.values()]
    assert NOT_PREPARED not in plans
    assert bool(plans) is (ordering != "bogus")


@pytest.mark.parametrize(
    "query",
    [
        "assigned=ME",
        "assigned=kurator%40example.test",
        "search=posyandu",
        "search=posyandu&unit_kind=desa",
        "maturity=bogus",
        "origin=x",
    ],
)
def test_a_filtered_page_is_the_orms(query, varied, curator):  # noqa: F811
    ours, orms = _both(curator, varied, query)
    assert isinstance(ours, CountedRows)
    assert ours.count() == orms.count()
    assert list(ours[0:50]) == list(orms[0:50])


def test_an_empty_queue_and_a_role_outside_the_region(cycle, curator, operator):
    ours, _orms = _both(curator, cycle, "")
    assert ours.count() == 0 and ours[0:50] == []
    ours, _orms = _both(operator, cycle, "")
    assert isinstance(ours, CountedRows)


def test_the_dashboard_and_queue_offer_every_year(client, curator, varied):  # noqa: F811
    client.force_login(curator)
    for path in ("/curation/", "/curation/dashboard/"):
        body = client.get(f"{path}?year={varied.year}").content.decode()
        assert f'<option value="{varied.year}" selected>{varied.year}</option>' in body, path


@pytest.mark.parametrize(
    ("query", "form_built", "prepared"),
    [
        ("year=2026&page=1&page_size=3", False, True),
        ("ordering=-score", False, True),
        ("ordering=", True, True),  # not one of the filter's orders: its form decides
        ("anything=else", True, True),
        ("ordering=-unit", True, False),  # refused by the form: the ORM's path, as before
        ("assigned=me&page=2", False, True),
        ("assigned=%20me%20", True, True),  # the form strips it: "me"
        ("assigned=me&assigned=", True, True),  # the last value counts: no filter
        ("assigned=ME", True, False),  # a curator's e-mail address: the ORM's path
    ],
)
def test_the_api_skips_the_filter_set_only_for_plain_requests(
    query,
    form_built,
    prepared,
    varied,  # noqa: F811
    curator,
    filter_sets_built,
):
    built = filter_sets_built
    request = RequestFactory().get(f"/api/v1/curation/queue/?{query}")
    request.user = curator
    ours = queue_pages.queue_api_rows(request.GET, user=curator, cycle=varied, request=request)
    orms = filtered_rows(request.GET, user=curator, cycle=varied, request=request)[1]
    assert bool(built) is form_built
    assert isinstance(ours, PreparedList) is prepared
    assert ours.count() == orms.count()
    assert list(ours[0:50]) == list(orms[0:50])


@pytest.mark.parametrize("ordering", [*ORDERINGS, ""])
@pytest.mark.parametrize("assigned", ["me", "%20me%20"])
def test_assigned_to_me_equals_the_orm_rows(
    ordering,
    assigned,
    varied,  # noqa: F811
    region_users,
):
    """ "Assigned to me" (`assigned=me`) from prepared SQL, for every role that takes the path:
    each user with some of the six rows assigned, one without any."""
    for user in region_users[1:4]:
        for innovation in Innovation.objects.filter(cycle=varied)[: user.pk % 3 + 1]:
            AssignmentFactory(innovation=innovation, curator=user)
    for user in region_users:
        ours, orms = _both(user, varied, f"assigned={assigned}&ordering={ordering}")
        assert isinstance(ours, PreparedList)
        assert ours.count() == orms.count()
        for window in (slice(0, 50), slice(0, 1), slice(1, 3)):
            assert ours[window] == list(orms[window]), (user.role, ordering, window)
    assert ours.count() == 0  # the last user has none assigned


def _equality_queries(cycle):
    """Each equality filter with a value some of the rows have (and one none has), pairs of
    them, with "Assigned to me" and an order."""
    rows = Innovation.objects.filter(cycle=cycle).select_related("unit")
    first, *_rest = [row for row in rows if row.unit_id]
    values = {
        "unit": first.unit.code,
        "unit_kind": first.unit.kind,
        "origin": first.origin,
        "form": first.form,
        "maturity": first.maturity,
        "lab_stage": next((row.lab_stage for row in rows if row.lab_stage), ""),
    }
    queries = [f"{name}={value}" for name, value in values.items() if value]
    queries += ["unit=tidak-ada"]  # a code no unit has (a choice no row has is refused)
    queries += [
        f"unit_kind={values['unit_kind']}&origin={values['origin']}",
        f"form={values['form']}&maturity={values['maturity']}&ordering=score",
        f"unit={values['unit']}&assigned=me",
        f"origin={values['origin']}&assigned=me&ordering=-waiting",
        f"unit=%20{values['unit']}%20",  # the form strips it
    ]
    return queries


def test_equality_filters_equal_the_orm_rows(varied, region_users):  # noqa: F811
    _COUNT._plans.clear()
    _ROWS._plans.clear()
    for user in region_users[:3]:
        AssignmentFactory(innovation=Innovation.objects.filter(cycle=varied).first(), curator=user)
    for query in _equality_queries(varied):
        for user in region_users:
            ours, orms = _both(user, varied, query)
            assert isinstance(ours, PreparedList), query
            assert ours.count() == orms.count(), (user.role, query)
            for window in (slice(0, 50), slice(0, 1), slice(1, 3)):
                assert ours[window] == list(orms[window]), (user.role, query, window)
    plans = [*_COUNT._plans.values(), *_ROWS._plans.values()]
    assert plans and NOT_PREPARED not in plans
