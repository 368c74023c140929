import pytest
from django.utils import translation

from innovations.templatetags.rupiah import rupiah
from tests.innovations.factories import InnovationFactory


@pytest.mark.parametrize(
    ("amount", "shown"),
    [
        (1_250_000, "Rp 1.250.000"),
        (0, "Rp 0"),
        (999, "Rp 999"),
        (None, "—"),
        ("12500", "Rp 12.500"),
    ],
)
def test_rupiah_groups_thousands_with_dots(amount, shown):
    assert rupiah(amount) == shown


def test_rupiah_same_in_english():
    with translation.override("en"):
        assert rupiah(25_000_000) == "Rp 25.000.000"


@pytest.mark.django_db
def test_rupiah_on_the_detail_page(client, operator, unit):
    innovation = InnovationFactory(unit=unit, budget=1_250_000)
    client.force_login(operator)
    assert "Rp 1.250.000" in client.get(f"/innovations/{innovation.pk}/").text
