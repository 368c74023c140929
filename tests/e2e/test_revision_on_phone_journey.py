"""Journey: on a phone (390 × 844), an operator finds the curators' revision request on the home
page, reads the reason at the top of the innovation, revises the profile and submits it again."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from innovations.enums import Action, Status
from innovations.services import innovation_transition
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle

PHONE = {"width": 390, "height": 844}
REASON = "Tambahkan jumlah warga yang terlayani sejak uji coba."


@pytest.mark.e2e
def test_operator_reads_revision_reason_on_a_phone_and_resubmits(journey):
    cycle = open_cycle()
    unit = UnitFactory(name="Kecamatan Martapura")
    operator = UserFactory(role=Role.OPERATOR, unit=unit)
    curator = UserFactory(role=Role.CURATOR)
    innovation = InnovationFactory(unit=unit, cycle=cycle, title="Pasar Desa Daring")
    innovation_transition(innovation=innovation, action=Action.SUBMIT, by=operator)
    innovation_transition(
        innovation=innovation, action=Action.REQUEST_REVISION, by=curator, note=REASON
    )

    page = journey.login(operator)
    page.set_viewport_size(PHONE)
    page.goto("/")

    # The home page lists it as a to-do with the date to submit again by.
    todo = page.locator(f"[data-revision='{innovation.code}']")
    expect(page.locator("#revisions-title")).to_contain_text("1 innovation needs a revision")
    expect(todo).to_contain_text(REASON)
    expect(todo.locator("[data-due]")).to_contain_text(str(cycle.submission_deadline.year))
    journey.assert_clean()
    todo.get_by_role("link").click()

    # The reason stands at the top of the innovation page, before the actions.
    banner = page.locator("#sent-back")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Bappedalitbang asks for a revision")
    expect(banner).to_contain_text(REASON)
    # Measured once the page has finished loading (its stylesheets): measuring during the load
    # once compared the banner's final place with the actions' place before the layout settled.
    page.wait_for_load_state("load")
    assert banner.bounding_box()["y"] < page.locator("#actions").bounding_box()["y"]
    journey.assert_clean()

    page.click("a[data-link=edit]")
    page.fill("textarea[name=results]", "Sejak uji coba, 1.250 warga terlayani di tiga pasar desa.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".alert-success")).to_contain_text("The changes were saved")
    page.click("button[name=action][value=submit]")
    expect(page.locator(".alert-success")).to_contain_text("submitted to Bappedalitbang")
    expect(page.locator("#sent-back")).to_have_count(0)

    innovation.refresh_from_db()
    assert (innovation.status, innovation.review_round) == (Status.SUBMITTED, 2)
    page.goto("/")
    expect(page.locator("[data-revisions]")).to_have_count(0)
    journey.assert_clean()
