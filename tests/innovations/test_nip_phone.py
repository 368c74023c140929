"""NIPs and phone numbers through the innovations API, the community form and its API."""

import pytest
from django.core.cache import cache

from innovations.models import CommunitySubmitter, Innovation
from tests.form_banner import banner_links

from .api_helpers import LIST, body
from .factories import open_cycle
from .form_helpers import profile, rows
from .pages import page_client
from .test_community_submission import API, SUBMIT, form_data

pytestmark = pytest.mark.django_db

NEW = "/innovations/new/"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def test_innovation_api_stores_spaced_innovator_nip_as_18_digits(api_as, operator, cycle):
    response = api_as(operator).post(
        LIST,
        body(year=cycle.year, innovators=[{"name": "Siti", "nip": "19850214 201001 1 003"}]),
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["innovators"] == [{"name": "Siti", "nip": "198502142010011003"}]
    innovation = Innovation.objects.get(pk=response.json()["id"])
    assert innovation.innovators.get().nip == "198502142010011003"


def test_innovation_api_refuses_short_innovator_nip(api_as, operator, cycle):
    response = api_as(operator).post(
        LIST,
        body(year=cycle.year, innovators=[{"name": "Siti", "nip": "19850214 2010"}]),
        format="json",
    )

    assert response.status_code == 400


def test_community_form_stores_phone_normalised(client):
    open_cycle()
    response = client.post(SUBMIT, form_data(phone="0813 5551 2345"))

    assert response.status_code == 302
    assert CommunitySubmitter.objects.get().phone == "+6281355512345"


def test_community_form_refuses_phone_that_is_not_a_number(client):
    open_cycle()
    response = client.post(SUBMIT, form_data(phone="telepon saya", name=""))

    assert response.status_code == 200  # the page shows the form again, as for every error
    assert not CommunitySubmitter.objects.exists()
    assert banner_links(response.content.decode()) == ["id_name", "id_phone"]


def test_community_api_stores_phone_normalised(api_client):
    open_cycle()
    response = api_client.post(API, form_data(phone="+62 813-5551-2345"), format="json")

    assert response.status_code in (201, 202), response.content
    assert CommunitySubmitter.objects.get().phone == "+6281355512345"


def test_community_api_refuses_foreign_phone(api_client):
    open_cycle()
    response = api_client.post(API, form_data(phone="+1 202 555 0100"), format="json")

    assert response.status_code == 400
    assert "phone" in str(response.json())


# --- the profile page: innovators' NIPs and the submitter's phone --------------------------


def test_innovation_form_stores_spaced_nip_as_18_digits(operator, cycle):
    data = {
        **profile(cycle),
        **rows("innovators", [{"name": "Budi", "nip": "19850214 201001 1 003"}]),
    }

    response = page_client(operator).post(NEW, data)

    assert response.status_code == 302
    assert Innovation.objects.get().innovators.get().nip == "198502142010011003"


def test_innovation_form_bad_nip_banner_links_the_row(operator, cycle):
    data = {**profile(cycle), **rows("innovators", [{"name": "Budi", "nip": "1985 0214"}])}

    response = page_client(operator).post(NEW, data)

    assert response.status_code == 400
    html = response.content.decode()
    assert banner_links(html) == ["id_innovators-0-nip"]
    assert "A NIP has exactly 18 digits." in html
    assert not Innovation.objects.exists()


def test_innovation_form_community_phone_normalised(curator, cycle):
    data = {
        **profile(cycle, unit=""),
        "community_submitter-name": "Kelompok Tani Maju",
        "community_submitter-phone": "0812 3456 7890",
    }

    response = page_client(curator).post(NEW, data)

    assert response.status_code == 302
    assert CommunitySubmitter.objects.get().phone == "+6281234567890"


def test_innovation_api_community_submitter_phone_normalised_or_refused(api_as, curator, cycle):
    submitter = {"name": "Pokdarwis", "email": "pokdarwis@contoh.id", "phone": "0812"}
    refused = api_as(curator).post(
        LIST, body(unit=None, community_submitter=submitter), format="json"
    )
    submitter["phone"] = "+62 812-3456-7890"
    stored = api_as(curator).post(
        LIST, body(unit=None, community_submitter=submitter), format="json"
    )

    assert refused.status_code == 400
    assert "phone" in str(refused.json())
    assert stored.status_code == 201, stored.json()
    assert CommunitySubmitter.objects.get().phone == "+6281234567890"
