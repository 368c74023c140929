"""The IGA pages fit a phone (375 px): a row of buttons wraps instead of running off, and a table
scrolls inside its own `.table-responsive` box instead of widening the page."""

import pytest

from tests.layout import content, overflows

from .factories import IgaEntryFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(client, admin_user, unit):
    cycle = cycle_of(2025)
    cycle_of(2024)
    innovation = give_levels(approved(cycle, unit), {16: 3, 35: 2})
    IgaEntryFactory(innovation=innovation, cycle=cycle)
    undated = approved(cycle, unit, implementation_date=None)  # a warning to confirm
    client.force_login(admin_user)
    return {
        "region": client.get("/iga/2025/"),
        "plan": client.get("/iga/2025/plan/"),
        "rules": client.get("/iga/2025/rules/"),
        "history": client.get("/iga/history/"),
        "readiness": client.get(f"/iga/innovations/{innovation.pk}/"),
        "entry_confirm": client.post("/iga/2025/entries/", {"innovation": undated.pk}),
    }


@pytest.mark.parametrize(
    "page", ["region", "plan", "rules", "history", "readiness", "entry_confirm"]
)
def test_iga_pages_wrap_their_rows_and_box_their_tables(pages, page):
    assert overflows(content(pages[page])) == []


def test_rules_page_read_only_boxes_the_bands_table(client, leader):
    cycle_of(2025)
    client.force_login(leader)
    html = content(client.get("/iga/2025/rules/"))
    assert "data-year-tabs" in html
    assert '<div class="table-responsive"><table class="table table-sm" data-bands>' in html
    assert overflows(html) == []
