"""The rubric page: curators read it, an administrator edits it until the first review."""

import pytest
from django.urls import reverse

from curation.models import Criterion
from curation.rubric import DEFAULT_RUBRIC

from .factories import ReviewFactory

URL = reverse("curation:rubric")


def management(total, initial):
    return {
        "criteria-TOTAL_FORMS": str(total),
        "criteria-INITIAL_FORMS": str(initial),
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
    }


def lines(*rows, initial=0, blank=0):
    """POST data of the rubric form: `rows` are (code, name, weight[, delete])."""
    data = management(len(rows) + blank, initial)
    for index, (code, name, weight, *delete) in enumerate(rows):
        data.update(
            {
                f"criteria-{index}-code": code,
                f"criteria-{index}-name": name,
                f"criteria-{index}-weight": str(weight),
            }
        )
        if delete:
            data[f"criteria-{index}-DELETE"] = "on"
    return data


def saved(cycle):
    return list(cycle.criteria.order_by("order").values_list("code", "name", "weight"))


def default_rows():
    return [(row["code"], row["name"], row["weight"]) for row in DEFAULT_RUBRIC]


@pytest.mark.django_db
def test_admin_sees_the_default_rubric_as_a_form_with_two_blank_lines(client, admin_user, cycle):
    client.force_login(admin_user)

    response = client.get(URL, {"year": cycle.year})

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<tr data-criterion>") == len(DEFAULT_RUBRIC) + 2
    assert 'value="kebaruan"' in html
    assert 'data-rubric-total="100">100<' in html


@pytest.mark.django_db
def test_each_field_of_a_rubric_line_is_named_by_its_column_and_line(client, admin_user, cycle):
    """The columns' headers alone give a screen reader no name for the inputs below them."""
    client.force_login(admin_user)
    client.cookies["django_language"] = "en"

    html = client.get(URL, {"year": cycle.year}).content.decode()

    last = len(DEFAULT_RUBRIC) + 2
    for column, field in (("Code", "code"), ("Name", "name"), ("Weight", "weight")):
        for number in (1, last):
            assert (
                f'<label class="visually-hidden" for="id_criteria-{number - 1}-{field}">'
                f"{column}, criterion {number}</label>"
            ) in html
    assert (
        f'<label class="visually-hidden" for="id_criteria-{last - 1}-DELETE">'
        f"Delete, criterion {last}</label>"
    ) in html


@pytest.mark.django_db
def test_admin_replaces_the_rubric_in_the_order_of_the_lines(client, admin_user, cycle):
    client.force_login(admin_user)
    rows = [
        ("kemanfaatan", "Kemanfaatan", 40),
        ("kebaruan", "Kebaruan", 30, "delete"),
        ("kebaruan", "Kebaruan dan keaslian", 35),
        ("dampak", "Dampak bagi masyarakat", 25),
    ]

    response = client.post(f"{URL}?year={cycle.year}", lines(*rows, initial=2, blank=1))

    assert response.status_code == 302
    assert response["Location"] == f"{URL}?year={cycle.year}"
    assert saved(cycle) == [
        ("kemanfaatan", "Kemanfaatan", 40),
        ("kebaruan", "Kebaruan dan keaslian", 35),
        ("dampak", "Dampak bagi masyarakat", 25),
    ]


@pytest.mark.django_db
def test_weights_that_do_not_add_up_keep_the_form_and_change_nothing(client, admin_user, cycle):
    client.force_login(admin_user)
    before = saved(cycle)

    response = client.post(
        f"{URL}?year={cycle.year}",
        lines(("kebaruan", "Kebaruan", 50), ("kebaruan", "Lagi", 30), ("x-y", "Salah", 20)),
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="rubric-errors"' in html
    assert "kebaruan" in html and "dua kali" in html  # the code used twice, in Indonesian
    assert 'value="x-y"' in html  # what was typed stays in the form
    assert saved(cycle) == before


@pytest.mark.django_db
def test_a_field_error_is_shown_beside_its_line(client, admin_user, cycle):
    client.force_login(admin_user)

    response = client.post(f"{URL}?year={cycle.year}", lines(("kebaruan", "", 0)))

    assert response.status_code == 400
    assert response.content.decode().count("invalid-feedback") == 2  # name and weight
    assert saved(cycle) == default_rows()


@pytest.mark.django_db
def test_the_rubric_is_read_only_once_a_review_exists(client, admin_user, cycle):
    ReviewFactory(innovation__cycle=cycle)
    client.force_login(admin_user)

    page = client.get(URL, {"year": cycle.year}).content.decode()
    response = client.post(f"{URL}?year={cycle.year}", lines(("kebaruan", "Kebaruan", 100)))

    assert "data-rubric-locked" in page and "<tr data-criterion>" not in page
    assert response.status_code == 409
    assert saved(cycle) == default_rows()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["curator", "lead_curator"])
def test_curators_read_the_rubric_and_cannot_change_it(client, users_by_role, cycle, role):
    client.force_login(users_by_role[role])

    page = client.get(URL, {"year": cycle.year})
    post = client.post(f"{URL}?year={cycle.year}", lines(("kebaruan", "Kebaruan", 100)))

    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-code="kebaruan"' in html and "<tr data-criterion>" not in html
    assert post.status_code == 403
    assert saved(cycle) == default_rows()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["operator", "head", "leader"])
def test_units_and_the_leader_have_no_rubric_page(client, users_by_role, cycle, role):
    client.force_login(users_by_role[role])

    assert client.get(URL, {"year": cycle.year}).status_code == 403


@pytest.mark.django_db
def test_the_queue_and_the_dashboard_link_to_the_rubric(client, curator, cycle):
    client.force_login(curator)
    for name in ("curation:queue", "curation:dashboard"):
        html = client.get(reverse(name), {"year": cycle.year}).content.decode()
        assert f'href="{URL}?year={cycle.year}" data-rubric-link' in html


@pytest.mark.django_db
def test_page_and_api_agree(client, admin_user, api_as, cycle):
    client.force_login(admin_user)
    client.post(
        f"{URL}?year={cycle.year}",
        lines(("kebaruan", "Kebaruan", 60), ("kemanfaatan", "Kemanfaatan", 40), initial=0),
    )

    api = api_as(admin_user).get(f"/api/v1/cycles/{cycle.year}/criteria/").json()

    assert [(c["code"], c["weight"]) for c in api] == [("kebaruan", 60), ("kemanfaatan", 40)]
    assert Criterion.objects.filter(cycle=cycle).count() == 2
