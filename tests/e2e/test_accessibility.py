"""axe-core on the main pages of every role, on a desktop (1366 px) and a phone (390 px).

A page fails on a serious or critical violation (contrast, a field without a label, a button or
link without a name, an image without alternative text, ...) and on any duplicate id.
"""

import pytest

from tests.e2e.accessibility import DESKTOP, PHONE, Portal, axe_violations, overflow

PUBLIC_PAGES = ["/accounts/login/", "/katalog/", "/katalog/submit/"]


def _pages(portal):
    """(person, url) of every page checked, the home page of each role first."""
    pages = [(role, "/") for role in portal.people()]
    pages += [
        ("operator", "/innovations/new/"),
        ("operator", f"/innovations/{portal.submitted.pk}/"),
        ("curator", "/curation/"),
        ("curator", f"/curation/{portal.submitted.pk}/review/"),
        ("head", "/agreements/"),
        ("admin", "/compliance/"),
    ]
    pages += [(None, url) for url in PUBLIC_PAGES]
    pages.append((None, f"/katalog/{portal.launched.code}/"))
    return pages


def _check(journey, viewport):
    portal = Portal()
    people = portal.people()
    pages = {}
    failures = []
    for who, url in _pages(portal):
        if who not in pages:
            page = journey.login(people[who]) if who else journey.new_page()
            page.set_viewport_size(viewport)
            pages[who] = page
        page = pages[who]
        page.goto(url)
        for violation in axe_violations(page):
            failures.append(f"[{who or 'visitor'} {viewport['width']}px] {url}: {violation}")
        if too_wide := overflow(page):
            failures.append(f"[{who or 'visitor'}] {too_wide}")
    assert not failures, "\n".join(failures)
    journey.assert_clean()


@pytest.mark.e2e
def test_main_pages_have_no_serious_violation_on_desktop(journey):
    _check(journey, DESKTOP)


@pytest.mark.e2e
def test_main_pages_have_no_serious_violation_on_phone(journey):
    _check(journey, PHONE)
