"""Before curation starts, an administrator adjusts the cycle's rubric in the browser."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from tests.factories import UserFactory
from tests.innovations.factories import open_cycle


@pytest.mark.e2e
def test_admin_reweights_the_rubric_with_a_running_total(journey):
    cycle = open_cycle()
    admin = UserFactory(role=Role.ADMIN, full_name="Admin Bappedalitbang")

    page = journey.login(admin)
    page.goto(f"/curation/?year={cycle.year}")
    page.click("a[data-rubric-link]")
    total = page.locator("[data-rubric-total]")
    expect(total).to_have_text("100")

    # Novelty up to 35: the running total says 105, in red, before anything is sent.
    page.fill("input[name='criteria-0-weight']", "35")
    expect(total).to_have_text("105")
    expect(total).to_have_class("text-danger")
    # Presentation quality (10) dropped and a new criterion of 5 added: 100 again.
    page.check("input[name='criteria-4-DELETE']")
    page.fill("input[name='criteria-5-code']", "dampak")
    page.fill("input[name='criteria-5-name']", "Dampak bagi masyarakat")
    page.fill("input[name='criteria-5-weight']", "5")
    expect(total).to_have_text("100")
    expect(total).to_have_class("text-success")

    page.get_by_role("button", name="Save rubric").click()
    expect(page.locator(".alert-success")).to_contain_text(f"The rubric of {cycle.year} is saved")
    saved = list(cycle.criteria.order_by("order").values_list("code", "weight"))
    assert saved == [
        ("kebaruan", 35),
        ("kemanfaatan", 25),
        ("kewenangan_kolaborasi", 15),
        ("replikasi_aplikatif", 20),
        ("dampak", 5),
    ]
    journey.assert_clean()
