"""Layout on a phone (390 px) and a laptop (1366 px), and the keyboard alone.

No page is wider than a phone's screen; the queue, agreements and compliance show their rows as
cards with the action buttons inside the screen; the menu stays on one line at 1366 px for every
role; the skip link and the grouped menu work without a mouse.
"""

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import DESKTOP, PHONE, Portal, overflow
from tests.factories import PASSWORD

# The top of each entry of the menu bar: one line means one value.
MENU_LINES = """
() => new Set([...document.querySelectorAll("#nav-main .navbar-nav > .nav-item")]
  .map((item) => Math.round(item.getBoundingClientRect().top))).size
"""
# Does the brand, the menu, the language switch and the user menu fit in one bar's height?
BAR_HEIGHT = "() => document.querySelector('nav.navbar-intan').getBoundingClientRect().height"


def _phone_pages(portal):
    launched = portal.launched
    return {
        "operator": [
            "/",
            "/innovations/",
            "/innovations/new/",
            f"/innovations/{portal.submitted.pk}/",
            f"/innovations/{portal.draft.pk}/edit/",
            "/agreements/",
            f"/agreements/{portal.agreement.pk}/",
            f"/portfolio/innovations/{launched.pk}/",
            "/notifications/",
        ],
        "head": ["/", "/agreements/", "/compliance/"],
        "curator": [
            "/",
            "/curation/",
            f"/curation/{portal.submitted.pk}/review/",
            "/curation/dashboard/",
            "/reports/",
            "/iga/",
            f"/iga/innovations/{launched.pk}/",
        ],
        "admin": [
            "/",
            "/compliance/",
            "/agreements/",
            "/portfolio/monitoring/",
            "/portfolio/decrees/",
            "/portfolio/replications/",
            "/portfolio/imports/",
        ],
        "leader": ["/", "/reports/", f"/iga/{portal.cycle.year}/"],
        None: ["/accounts/login/", "/katalog/", f"/katalog/{launched.code}/", "/katalog/submit/"],
    }


@pytest.mark.e2e
def test_no_page_is_wider_than_a_phone(journey):
    portal = Portal()
    people = portal.people()
    too_wide = []
    for who, urls in _phone_pages(portal).items():
        page = journey.login(people[who]) if who else journey.new_page()
        page.set_viewport_size(PHONE)
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, (who, url, response.status)
            if problem := overflow(page):
                too_wide.append(f"[{who or 'visitor'}] {problem}")
    assert not too_wide, "\n".join(too_wide)
    journey.assert_clean()


@pytest.mark.e2e
def test_lists_show_rows_as_cards_with_their_buttons_on_a_phone(journey):
    portal = Portal()
    checks = [
        (portal.curator, "/curation/", "table[data-queue]"),
        (portal.admin, "/agreements/", "table.table-cards"),
        (portal.admin, "/compliance/", "#compliance-table"),
    ]
    for user, url, selector in checks:
        page = journey.login(user)
        page.set_viewport_size(PHONE)
        page.goto(url)
        table = page.locator(selector)
        expect(table.locator("thead")).to_be_hidden()
        first_row = table.locator("tbody > tr").first
        # Every cell with a header is labelled by it, and nothing sticks out of the screen.
        labelled = first_row.locator("[data-label]")
        assert labelled.count() >= 3, (url, first_row.inner_html())
        for control in first_row.locator("a, button, input:not([type=hidden])").all():
            box = control.bounding_box()
            assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, (
                url,
                control.evaluate("(el) => el.outerHTML"),
                box,
            )
        assert overflow(page) is None, overflow(page)
    journey.assert_clean()


@pytest.mark.e2e
def test_menu_fits_one_line_at_1366_for_every_role(journey):
    portal = Portal()
    for role, user in portal.people().items():
        for language in ("id", "en"):
            page = journey.login(user, who=role)
            page.set_viewport_size(DESKTOP)
            page.context.add_cookies(
                [{"name": "django_language", "value": language, "url": journey.base_url}]
            )
            page.goto("/")
            assert page.evaluate(MENU_LINES) == 1, (role, language)
            assert page.evaluate(BAR_HEIGHT) < 80, (role, language, page.evaluate(BAR_HEIGHT))
            assert overflow(page) is None, overflow(page)
    journey.assert_clean()


@pytest.mark.e2e
def test_keyboard_skip_link_and_grouped_menu(journey):
    portal = Portal()
    page = journey.login(portal.admin)
    page.set_viewport_size(DESKTOP)
    page.goto("/")

    # The first Tab shows the skip link; following it puts the reader at the main content.
    page.keyboard.press("Tab")
    skip = page.locator("a[href='#main']")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    # The grouped menu opens with Enter, its links are next in the tab order, Escape closes it.
    summary = page.locator("details.nav-group > summary")
    summary.focus()
    page.keyboard.press("Enter")
    expect(page.locator("details.nav-group")).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    expect(page.locator("[data-nav='agreements:compliance']")).to_be_focused()
    page.keyboard.press("Escape")
    expect(page.locator("details.nav-group")).not_to_have_attribute("open", "")
    expect(summary).to_be_focused()

    # Space opens it again and a link is followed with Enter.
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    expect(page.locator("[data-nav='reports:dashboard']")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url("**/reports/")
    expect(page.locator("details.nav-group > summary")).to_have_class("nav-link active")

    # On a phone the menu collapses behind its toggler, which opens it from the keyboard too.
    page.set_viewport_size(PHONE)
    toggler = page.locator(".navbar-toggler")
    expect(toggler).to_be_visible()
    expect(page.locator("#nav-main")).to_be_hidden()
    toggler.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#nav-main")).to_be_visible()
    expect(page.locator("[data-nav='home']")).to_be_visible()
    assert overflow(page) is None, overflow(page)
    journey.assert_clean()


def _tab_to(page, selector, limit=40):
    """Press Tab until `selector` has the focus; fails when it never gets it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} never took the focus in {limit} tabs on {page.url}")


@pytest.mark.e2e
def test_keyboard_only_sign_in_and_review_from_the_queue(journey):
    """A curator signs in, opens the queue and an innovation's review with the keyboard alone."""
    portal = Portal()
    page = journey.new_page("curator")
    page.set_viewport_size(DESKTOP)
    page.goto("/accounts/login/")
    _tab_to(page, "input[name=username]")
    page.keyboard.type(portal.curator.email)
    page.keyboard.press("Tab")
    expect(page.locator("input[name=password]")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{journey.base_url}/")

    _tab_to(page, "[data-nav='curation:queue']")
    page.keyboard.press("Enter")
    page.wait_for_url("**/curation/")
    _tab_to(page, f"a[href='/curation/{portal.submitted.pk}/review/']", limit=80)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/curation/{portal.submitted.pk}/review/")
    expect(page.locator("h1")).to_contain_text(portal.submitted.title)
    journey.assert_clean()
