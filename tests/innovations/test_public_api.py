"""Public API: launched innovations for anyone, public fields only, constant queries."""

import pytest

from innovations.enums import Status
from tests.factories import CycleFactory

from .factories import AttachmentFactory, InnovationFactory, InnovatorFactory, PartnerFactory
from .public_helpers import SECRETS, launched_with_secrets

pytestmark = pytest.mark.django_db

LIST = "/api/v1/public/innovations/"


def test_public_api_list_anonymous_launched_only(api_client, cycle):
    launched = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    for status in Status:
        if status != Status.LAUNCHED:
            InnovationFactory(cycle=cycle, status=status)
    response = api_client.get(LIST)
    assert response.status_code == 200
    assert response.data["count"] == 1
    assert [row["code"] for row in response.data["results"]] == [launched.code]


def test_public_api_list_same_for_every_role(api_as, cycle, users_by_role):
    launched = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    InnovationFactory(cycle=cycle, status=Status.APPROVED)
    for user in users_by_role.values():
        response = api_as(user).get(LIST)
        assert response.status_code == 200
        assert [row["code"] for row in response.data["results"]] == [launched.code]


def test_public_api_detail_by_code(api_client, cycle):
    innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    InnovatorFactory(innovation=innovation, name="Budi Santoso")
    response = api_client.get(f"{LIST}{innovation.code}/")
    assert response.status_code == 200
    assert response.data["title"] == innovation.title
    assert response.data["unit"] == innovation.unit.code
    assert response.data["innovators"] == [{"name": "Budi Santoso"}]


@pytest.mark.parametrize("status", [s for s in Status if s != Status.LAUNCHED])
def test_public_api_detail_unlaunched_404(api_client, cycle, status):
    innovation = InnovationFactory(cycle=cycle, status=status)
    assert api_client.get(f"{LIST}{innovation.code}/").status_code == 404


def test_public_api_fields_are_public_only(api_client, cycle):
    innovation = launched_with_secrets(cycle)
    data = api_client.get(f"{LIST}{innovation.code}/").data
    for private in (
        "community_submitter",
        "budget",
        "budget_source",
        "score",
        "attachments",
        "allowed_actions",
        "status",
        "created_by",
        "id",
    ):
        assert private not in data
    body = api_client.get(LIST).content.decode()
    for secret in SECRETS:
        assert secret not in body


def test_public_api_filters_and_search(api_client):
    InnovationFactory(cycle=CycleFactory(year=2024), status=Status.LAUNCHED, title="Kopi Lama")
    InnovationFactory(
        cycle=CycleFactory(year=2025), status=Status.LAUNCHED, title="Ikan Haruan", form="lainnya"
    )
    assert api_client.get(LIST, {"year": 2024}).data["count"] == 1
    assert api_client.get(LIST, {"search": "haruan"}).data["results"][0]["title"] == "Ikan Haruan"
    assert api_client.get(LIST, {"form": "lainnya"}).data["count"] == 1
    assert api_client.get(LIST, {"form": "bukan-bentuk"}).status_code == 400


def test_public_api_paginates(api_client, cycle):
    for _ in range(3):
        InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    data = api_client.get(LIST, {"page_size": 2}).data
    assert data["count"] == 3 and len(data["results"]) == 2 and data["next"]


def _launched(cycle, n):
    for _ in range(n):
        innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
        InnovatorFactory(innovation=innovation)
        PartnerFactory(innovation=innovation)
        AttachmentFactory(innovation=innovation)


def test_public_api_list_query_count_constant(api_client, cycle, django_assert_num_queries):
    _launched(cycle, 1)
    with django_assert_num_queries(4):  # count, page, innovators, partners
        assert api_client.get(LIST).data["count"] == 1
    _launched(cycle, 9)
    with django_assert_num_queries(4):
        assert len(api_client.get(LIST).data["results"]) == 10


def test_public_api_is_read_only(api_client, cycle):
    innovation = InnovationFactory(cycle=cycle, status=Status.LAUNCHED)
    assert api_client.post(LIST, {"title": "x"}).status_code == 405
    assert api_client.patch(f"{LIST}{innovation.code}/", {"title": "x"}).status_code == 405
    assert api_client.delete(f"{LIST}{innovation.code}/").status_code == 405
