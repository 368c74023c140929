"""The IGA pages fit a phone (375 px): a row of buttons wraps instead of running off, and a table
scrolls inside its own `.table-responsive` box instead of widening the page."""

from html.parser import HTMLParser

import pytest

from .factories import IgaEntryFactory, approved, cycle_of, give_levels

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class Overflows(HTMLParser):
    """Collects what can push a page wider than the screen: a table outside a
    `.table-responsive` box, and a flex row that does not wrap (outside a table, which scrolls)."""

    def __init__(self):
        super().__init__()
        self.open = []  # (tag, classes) of the elements we are inside
        self.found = []

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        inside = set().union(*(c for _t, c in self.open)) if self.open else set()
        in_table = any(t == "table" for t, _c in self.open)
        if tag == "table" and "table-responsive" not in inside:
            self.found.append(f"<table> outside .table-responsive: {sorted(classes)}")
        row = "d-flex" in classes and not classes & {"flex-column", "flex-wrap"}
        if row and not in_table:
            self.found.append(f"<{tag}> flex row without flex-wrap: {sorted(classes)}")
        if tag not in VOID:
            self.open.append((tag, classes))

    def handle_endtag(self, tag):
        for position in range(len(self.open) - 1, -1, -1):
            if self.open[position][0] == tag:
                del self.open[position:]
                break


def overflows(html):
    parser = Overflows()
    parser.feed(html)
    return parser.found


def content(response):
    """The page's content block: the navigation bar and footer are the base layout's."""
    assert response.status_code == 200
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


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


def test_overflows_finds_an_unboxed_table_and_a_row_that_does_not_wrap():
    html = (
        '<div class="d-flex gap-2"><a class="btn">2025</a></div>'
        '<div class="table-responsive"><table><tr><td><form class="d-flex"></form></td></tr>'
        "</table></div><table></table>"
    )
    assert len(overflows(html)) == 2
