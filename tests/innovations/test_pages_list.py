"""/innovations/: scoped list, filters (the API's), search, sorting, paging, constant queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from innovations.enums import LabStage, Maturity, Status
from innovations.written import innovations_changed

from .factories import (
    AttachmentFactory,
    CommunityInnovationFactory,
    InnovationFactory,
    InnovatorFactory,
    PartnerFactory,
)
from .pages import ROLES, page_client, redirects_to_login

pytestmark = pytest.mark.django_db

URL = "/innovations/"


def listed(response):
    """Primary keys of the rows shown, in order."""
    return [int(pk) for pk in re.findall(r'data-innovation="(\d+)"', response.content.decode())]


@pytest.fixture
def cast(unit, other_unit, cycle, curator):
    return {
        "own_draft": InnovationFactory(unit=unit, cycle=cycle, title="Draf Unit Sendiri"),
        "own_submitted": InnovationFactory(
            unit=unit, cycle=cycle, status=Status.SUBMITTED, title="Usulan Unit Sendiri"
        ),
        "other_draft": InnovationFactory(unit=other_unit, cycle=cycle, title="Draf Unit Lain"),
        "other_approved": InnovationFactory(
            unit=other_unit, cycle=cycle, status=Status.APPROVED, title="Disetujui Unit Lain"
        ),
        "community_submitted": CommunityInnovationFactory(
            created_by=curator, cycle=cycle, status=Status.SUBMITTED, title="Inovasi Warga"
        ),
    }


VISIBLE = {
    "operator": {"own_draft", "own_submitted"},
    "head": {"own_draft", "own_submitted"},
    "other_operator": {"other_draft", "other_approved"},
    "curator": {"own_submitted", "other_approved", "community_submitted"},
    "lead_curator": {"own_submitted", "other_approved", "community_submitted"},
    "leader": {"own_submitted", "other_approved", "community_submitted"},
    "admin": {"own_draft", "own_submitted", "other_draft", "other_approved", "community_submitted"},
}


@pytest.mark.parametrize("role", ROLES)
def test_list_shows_what_the_role_may_see(role, users_by_role, cast):
    response = page_client(users_by_role[role]).get(URL)

    assert response.status_code == 200
    assert set(listed(response)) == {cast[name].pk for name in VISIBLE[role]}


def test_list_anonymous_redirected_to_login(cast):
    assert redirects_to_login(page_client().get(URL))


def test_list_row_shows_badge_code_title_unit_maturity_stage(admin_user, unit, cycle):
    innovation = InnovationFactory(
        unit=unit,
        cycle=cycle,
        status=Status.REVISION_REQUESTED,
        maturity=Maturity.PENERAPAN,
        lab_stage=LabStage.DIAGNOSE,
    )

    html = page_client(admin_user).get(URL).content.decode()

    assert '<span class="status-badge status-revision_requested">Revision requested</span>' in html
    assert innovation.code in html
    assert innovation.title in html
    assert unit.name in html
    assert "Implementation" in html
    assert "Diagnose" in html
    assert f'href="/innovations/{innovation.pk}/"' in html
    assert 'class="table-responsive"' in html


def test_list_unit_filters_only_for_region_roles(operator, curator, cast):
    operator_html = page_client(operator).get(URL).content.decode()
    curator_html = page_client(curator).get(URL).content.decode()

    assert 'name="unit"' not in operator_html
    assert 'name="unit_kind"' not in operator_html
    assert 'name="unit"' in curator_html
    assert 'name="unit_kind"' in curator_html
    for name in ("year", "status", "maturity", "lab_stage", "origin", "form", "type", "search"):
        assert f'name="{name}"' in operator_html


def empty_options(html, name):
    """The labels of the options of select `name` that filter nothing (value "")."""
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value=""[^>]*>([^<]*)</option>', select)


@pytest.mark.parametrize("filtered", [False, True])  # the kept bar and the bar drawn each time
def test_list_filter_selects_offer_one_all(filtered, curator, cast):
    query = "?status=submitted" if filtered else ""

    html = page_client(curator).get(URL + query).content.decode()

    selects = ["status", "source_category", "origin", "form", "type", "maturity", "lab_stage"]
    for name in [*selects, "unit_kind"]:
        assert empty_options(html, name) == ["All"], name


def test_list_operator_cannot_reach_other_units_with_unit_filter(operator, other_unit, cast):
    response = page_client(operator).get(URL, {"unit": other_unit.code})

    assert set(listed(response)) == {cast["own_draft"].pk, cast["own_submitted"].pk}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status": "approved"}, {"other_approved"}),
        ({"status": "submitted"}, {"own_submitted", "community_submitted"}),
        ({"source_category": "masyarakat"}, {"community_submitted"}),
        ({"unit_kind": "perangkat_daerah"}, {"own_submitted", "other_approved"}),
        ({"search": "unit lain"}, {"other_approved"}),
        ({"search": "WARGA"}, {"community_submitted"}),
        ({"status": "nonsense"}, {"own_submitted", "other_approved", "community_submitted"}),
    ],
)
def test_list_filters_and_search(params, expected, curator, cast, other_unit):
    response = page_client(curator).get(URL, params)

    assert response.status_code == 200
    assert set(listed(response)) == {cast[name].pk for name in expected}


def test_list_filter_by_unit_code(curator, cast, other_unit):
    response = page_client(curator).get(URL, {"unit": other_unit.code})

    assert set(listed(response)) == {cast["other_approved"].pk}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"year": "{year}"}, {"a", "b"}),
        ({"year": "1999"}, set()),
        ({"maturity": "penerapan"}, {"b"}),
        ({"lab_stage": "design"}, {"a"}),
        ({"origin": "pkp"}, {"a"}),
        ({"form": "tata_kelola"}, {"a"}),
        ({"type": "non_digital"}, {"b"}),
    ],
)
def test_list_filters_of_the_unit(params, expected, operator, unit, cycle):
    made = {
        "a": InnovationFactory(
            unit=unit, cycle=cycle, origin="pkp", form="tata_kelola", lab_stage="design"
        ),
        "b": InnovationFactory(unit=unit, cycle=cycle, maturity="penerapan", type="non_digital"),
    }
    params = {k: v.format(year=cycle.year) for k, v in params.items()}

    response = page_client(operator).get(URL, params)

    assert set(listed(response)) == {made[name].pk for name in expected}


def test_list_sorting_by_title_both_ways(operator, unit, cycle):
    b = InnovationFactory(unit=unit, cycle=cycle, title="Bakau Lestari")
    a = InnovationFactory(unit=unit, cycle=cycle, title="Antrean Daring")
    c = InnovationFactory(unit=unit, cycle=cycle, title="Cepat Tanggap")
    client = page_client(operator)

    ascending = client.get(URL, {"ordering": "title"})
    descending = client.get(URL, {"ordering": "-title"})

    assert listed(ascending) == [a.pk, b.pk, c.pk]
    assert listed(descending) == [c.pk, b.pk, a.pk]
    assert 'aria-sort="ascending"' in ascending.content.decode()
    # The title heading of an ascending list links to the descending order.
    assert 'ordering=-title" data-sort="title"' in ascending.content.decode()


def test_list_unknown_ordering_falls_back_to_newest_first(operator, unit, cycle):
    first = InnovationFactory(unit=unit, cycle=cycle)
    second = InnovationFactory(unit=unit, cycle=cycle)

    response = page_client(operator).get(URL, {"ordering": "password"})

    assert response.status_code == 200
    assert listed(response) == [second.pk, first.pk]


def test_list_pagination(operator, unit, cycle):
    InnovationFactory.create_batch(27, unit=unit, cycle=cycle)
    client = page_client(operator)

    first = client.get(URL, {"status": "draft"})
    second = client.get(URL, {"status": "draft", "page": 2})

    assert len(listed(first)) == 25
    assert len(listed(second)) == 2
    assert "status=draft&amp;page=2" in first.content.decode()
    assert not set(listed(first)) & set(listed(second))


def test_list_htmx_request_gets_only_the_results(operator, cast):
    response = page_client(operator).get(
        URL, {"status": "submitted"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="innovation-results"')
    assert "<html" not in html
    assert listed(response) == [cast["own_submitted"].pk]


def test_list_title_with_script_is_escaped(operator, unit, cycle):
    InnovationFactory(unit=unit, cycle=cycle, title="<script>alert(1)</script> Antrean")

    html = page_client(operator).get(URL).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Antrean" in html


def _populate(count, unit, cycle, curator):
    for index in range(count):
        if index % 3 == 2:
            innovation = CommunityInnovationFactory(cycle=cycle, created_by=curator)
        else:
            innovation = InnovationFactory(unit=unit, cycle=cycle, lab_stage="diagnose")
        InnovatorFactory.create_batch(2, innovation=innovation)
        PartnerFactory.create_batch(2, innovation=innovation)
        AttachmentFactory.create_batch(2, innovation=innovation)


@pytest.mark.parametrize("role", ["admin", "operator"])
def test_list_query_count_constant(
    role, users_by_role, unit, cycle, curator, django_assert_num_queries
):
    client = page_client(users_by_role[role])
    _populate(1, unit, cycle, curator)
    one = client.get(URL)
    assert len(listed(one)) == 1
    innovations_changed()  # the count is kept until a write: measure both with a write before
    with CaptureQueriesContext(connection) as first:
        client.get(URL)
    _populate(9, unit, cycle, curator)
    expected = 10 if role == "admin" else 7  # operators do not see the community entries

    with django_assert_num_queries(len(first.captured_queries)):
        response = client.get(URL)

    assert len(listed(response)) == expected
    assert "2 · 2 · 2" in response.content.decode()
