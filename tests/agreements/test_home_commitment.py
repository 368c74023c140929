"""The home page of unit staff says what their unit still owes this cycle."""

import pytest

from tests.innovations.factories import open_cycle

pytestmark = pytest.mark.django_db


def test_home_page_of_unit_head_shows_what_is_owed(client, head):
    open_cycle()
    client.force_login(head)
    response = client.get("/")
    assert response.status_code == 200
    assert f'data-commitment="{head.unit.code}"'.encode() in response.content
    assert b'data-owed="1"' in response.content
