"""Journey 2: a curator asks for a revision, the operator revises, the lead curator approves."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from curation.models import Review
from innovations.enums import Action, Status
from innovations.services import innovation_transition
from tests.curation.factories import CuratorFactory, ReviewFactory
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle


def _review(page, innovation, score, recommendation, comment):
    """Score every rubric criterion by clicking its buttons, as a curator does."""
    for criterion in innovation.cycle.criteria.all():
        page.locator(f"input[name='scores.{criterion.code}'][value='{score}']").locator(
            "xpath=following-sibling::label[1]"
        ).click()
    page.fill("textarea[name=comment]", comment)
    page.check(f"input[name=recommendation][value={recommendation}]")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Your review is saved")


@pytest.mark.e2e
def test_curator_revision_then_lead_curator_approves(journey):
    cycle = open_cycle()
    unit = UnitFactory(name="Kecamatan Martapura")
    operator = UserFactory(role=Role.OPERATOR, unit=unit)
    curator = CuratorFactory(full_name="Kurator Satu")
    lead = CuratorFactory(full_name="Ketua Kurator", is_lead=True)
    innovation = InnovationFactory(unit=unit, cycle=cycle, title="Pasar Desa Daring")
    innovation_transition(innovation=innovation, action=Action.SUBMIT, by=operator)

    # The curator finds it in the queue, scores it with the rubric and asks for a revision.
    page = journey.login(curator)
    page.goto("/curation/")
    page.get_by_role("link", name="Pasar Desa Daring").click()
    expect(page.locator("#review-form")).to_be_visible()
    _review(page, innovation, 3, "revise", "Data manfaat belum terukur.")
    page.fill("#note-request_revision", "Tambahkan angka manfaat bagi pedagang.")
    page.click("#decisions button[value=request_revision]")
    expect(page.locator(".alert-success")).to_contain_text(innovation.code)
    innovation.refresh_from_db()
    assert innovation.status == Status.REVISION_REQUESTED

    # The operator revises the profile and submits it again.
    page = journey.login(operator)
    page.goto(f"/innovations/{innovation.pk}/")
    expect(page.locator("body")).to_contain_text("Tambahkan angka manfaat bagi pedagang.")
    page.click("a[data-link=edit]")
    page.fill("textarea[name=benefits]", "Omzet 40 pedagang naik rata-rata 25% dalam tiga bulan.")
    page.get_by_role("button", name="Save changes").click()
    expect(page.locator(".alert-success")).to_contain_text("The changes were saved")
    page.click("button[name=action][value=submit]")
    expect(page.locator(".alert-success")).to_contain_text("submitted to Bappedalitbang")
    innovation.refresh_from_db()
    assert (innovation.status, innovation.review_round) == (Status.SUBMITTED, 2)

    # Four eyes: the first curator has reviewed round 2 as well, so the lead is not alone.
    ReviewFactory(innovation=innovation, curator=curator, round=2, recommendation="approve")

    # The lead curator sees what changed, reviews round 2 and approves.
    page = journey.login(lead)
    page.goto("/curation/")
    page.get_by_role("link", name="Pasar Desa Daring").click()
    expect(page.locator("#changes")).to_contain_text("Omzet 40 pedagang")
    _review(page, innovation, 5, "approve", "Manfaat kini terukur.")
    page.click("#decisions button[value=approve]")  # confirmed in the dialog
    expect(page.locator(".alert-success")).to_contain_text(innovation.code)
    innovation.refresh_from_db()
    assert innovation.status == Status.APPROVED
    assert Review.objects.filter(innovation=innovation).count() == 3
    journey.assert_clean()
