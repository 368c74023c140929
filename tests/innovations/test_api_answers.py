"""A write's answer to a unit's staff is the row the service returns, not read again
(`InnovationViewSet._answered`): it must be the JSON a fresh read gives, the detail the same
user GETs right after, byte for byte, and cost fewer queries."""

import pytest

from innovations.enums import Status

from .api_helpers import LIST, body, detail
from .factories import AttachmentFactory, InnovationFactory, InnovatorFactory, PartnerFactory
from .factories import open_cycle as make_cycle

pytestmark = pytest.mark.django_db


def same_as_a_fresh_read(client, response, expected_status):
    assert response.status_code == expected_status, response.content
    again = client.get(detail_of(response))
    assert again.status_code == 200
    assert response.content == again.content
    return response.json()


def detail_of(response):
    return f"{LIST}{response.json()['id']}/"


@pytest.mark.parametrize("role", ["operator", "head"])
def test_create_answer_equals_a_fresh_read(api_as, users_by_role, cycle, role):
    client = api_as(users_by_role[role])
    response = client.post(LIST, body(year=cycle.year), format="json")
    data = same_as_a_fresh_read(client, response, 201)
    assert [row["name"] for row in data["innovators"]] == ["Siti Aminah"]
    assert data["community_submitter"] is None and data["attachments"] == []


def test_create_answer_with_lab_stage_and_no_lists(api_as, operator, cycle):
    client = api_as(operator)
    response = client.post(
        LIST,
        body(year=cycle.year, innovators=[], partners=[], lab_stage="design"),
        format="json",
    )
    same_as_a_fresh_read(client, response, 201)


@pytest.mark.parametrize("head_approval", [False, True])
@pytest.mark.parametrize("role", ["operator", "head"])
def test_submit_answer_equals_a_fresh_read(api_as, users_by_role, unit, role, head_approval):
    innovation = InnovationFactory(
        unit=unit, cycle=make_cycle(head_approval_required=head_approval)
    )
    InnovatorFactory.create_batch(2, innovation=innovation)
    PartnerFactory(innovation=innovation)
    AttachmentFactory(innovation=innovation)
    client = api_as(users_by_role[role])
    response = client.post(detail(innovation, "transitions/"), {"action": "submit"}, format="json")
    data = same_as_a_fresh_read(client, response, 200)
    assert data["status"] in (Status.SUBMITTED, Status.AWAITING_HEAD)
    assert len(data["attachments"]) == 1 and len(data["partners"]) == 1


def test_patch_answer_equals_a_fresh_read(api_as, operator, innovation):
    InnovatorFactory(innovation=innovation)
    client = api_as(operator)
    response = client.patch(
        detail(innovation),
        {"results": "Antrean turun <50%> & lebih tertib.", "innovators": [{"name": "Budi"}]},
        format="json",
    )
    data = same_as_a_fresh_read(client, response, 200)
    assert [row["name"] for row in data["innovators"]] == ["Budi"]


def test_withdraw_answer_equals_a_fresh_read(api_as, operator, innovation):
    client = api_as(operator)
    response = client.post(
        detail(innovation, "transitions/"), {"action": "withdraw"}, format="json"
    )
    same_as_a_fresh_read(client, response, 200)


def test_region_roles_still_read_the_answer_again(api_as, curator, unit, cycle):
    """Curators see the score and the submitter's contact: their answers read the row again."""
    innovation = InnovationFactory(unit=unit, cycle=cycle, status=Status.SUBMITTED)
    client = api_as(curator)
    response = client.post(
        detail(innovation, "transitions/"), {"action": "start_review"}, format="json"
    )
    same_as_a_fresh_read(client, response, 200)


def test_submit_answer_reads_no_list_twice(
    api_as, operator, innovation, django_assert_max_num_queries
):
    InnovatorFactory.create_batch(3, innovation=innovation)
    with django_assert_max_num_queries(12) as captured:
        response = api_as(operator).post(
            detail(innovation, "transitions/"), {"action": "submit"}, format="json"
        )
    assert response.status_code == 200
    sqls = [q["sql"] for q in captured.captured_queries]
    for table in ("innovator", "partner", "attachment"):
        assert len([q for q in sqls if f'FROM "innovations_{table}"' in q]) == 1
    # the permission check and the lock: the answer is the locked row
    assert len([q for q in sqls if q.startswith('SELECT "innovations_innovation"."id"')]) == 2


def test_lab_stage_answer_equals_a_fresh_read(api_as, operator, innovation):
    client = api_as(operator)
    response = client.post(
        detail(innovation, "lab-stages/"), {"stage": "design", "note": "Mulai."}, format="json"
    )
    same_as_a_fresh_read(client, response, 200)
