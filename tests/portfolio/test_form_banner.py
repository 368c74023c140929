"""The portfolio's forms name and link their fields in error, and show their saved dates."""

from django.urls import reverse

from tests.form_banner import banner_links, field_value

from .factories import DecreeFactory
from .test_decrees import decree_fields


def test_decree_form_errors_banner_links_the_dates(client, operator, launched):
    client.force_login(operator)

    response = client.post(
        reverse("portfolio:decree-add", args=[launched.pk]),
        {**decree_fields(issued_on="2025-03-01", valid_until="kemarin"), "indicator": 16},
    )

    assert response.status_code == 400
    assert banner_links(response.content.decode()) == ["id_valid_until"]


def test_decree_edit_form_shows_saved_dates_in_indonesian(client, operator, launched):
    decree = DecreeFactory(innovation=launched)
    client.force_login(operator)
    client.cookies["django_language"] = "id"

    html = client.get(reverse("portfolio:decree-edit", args=[launched.pk, decree.pk])).content
    html = html.decode()

    assert field_value(html, "id_issued_on") == decree.issued_on.isoformat()
