"""Journey (issue 16): the unit head approves the operator's submission, the lead curator's
decision is held, and publishing the cycle's decisions tells the unit once."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from curation.services import review_save
from innovations.enums import Status
from innovations.models import HeldDecision
from notifications.enums import Kind
from notifications.models import Notification
from tests.curation.factories import CuratorFactory, scores
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, open_cycle


@pytest.mark.e2e
def test_head_approval_and_one_published_batch(journey):
    cycle = open_cycle(head_approval_required=True, publish_decisions_together=True)
    unit = UnitFactory(name="Dinas Kesehatan Uji")
    operator = UserFactory(role=Role.OPERATOR, unit=unit)
    head = UserFactory(role=Role.HEAD, unit=unit)
    curator = CuratorFactory(full_name="Kurator Satu")
    lead = CuratorFactory(full_name="Ketua Kurator", is_lead=True)
    innovation = InnovationFactory(unit=unit, cycle=cycle, title="Posyandu Remaja Daring")

    # The operator submits: it waits for the head, who alone is told.
    page = journey.login(operator)
    page.goto(f"/innovations/{innovation.pk}/")
    page.click("button[name=action][value=submit]")
    expect(page.locator(".alert-success")).to_contain_text("sent to the unit head for approval")
    innovation.refresh_from_db()
    assert innovation.status == Status.AWAITING_HEAD
    assert list(
        Notification.objects.filter(kind=Kind.HEAD_APPROVAL_PENDING).values_list("email", flat=True)
    ) == [head.email]

    # The head checks it and sends it on to Bappedalitbang.
    page = journey.login(head)
    page.goto(f"/innovations/{innovation.pk}/")
    expect(page.locator("button[name=action][value=return_to_operator]")).to_be_visible()
    page.click("button[name=action][value=submit]")
    expect(page.locator(".alert-success")).to_contain_text("submitted to Bappedalitbang")
    innovation.refresh_from_db()
    assert innovation.status == Status.SUBMITTED

    # A curator reviews (four eyes), the lead curator reviews and approves: the decision is held.
    review_save(innovation=innovation, by=curator, scores=scores(4), recommendation="approve")
    page = journey.login(lead)
    page.goto("/curation/")
    page.get_by_role("link", name="Posyandu Remaja Daring").click()
    for criterion in cycle.criteria.all():
        page.locator(f"input[name='scores.{criterion.code}'][value='5']").locator(
            "xpath=following-sibling::label[1]"
        ).click()
    page.check("input[name=recommendation][value=approve]")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".alert-success")).to_contain_text("Your review is saved")
    page.click("#decisions button[value=approve]")  # confirmed in the dialog
    expect(page.locator(".alert-success")).to_contain_text(innovation.code)
    innovation.refresh_from_db()
    assert innovation.status == Status.IN_REVIEW
    assert HeldDecision.objects.filter(innovation=innovation, action="approve").exists()
    assert not Notification.objects.filter(kind=Kind.INNOVATION_APPROVED).exists()

    # The lead publishes the cycle's decisions from the queue: the unit hears once.
    page.goto(f"/curation/?year={cycle.year}")
    expect(page.locator(f"#queue-{innovation.pk} [data-held=approve]")).to_be_visible()
    page.click("button[data-publish]")  # confirmed in the dialog
    expect(page.locator(".alert-success")).to_contain_text("published")
    innovation.refresh_from_db()
    assert innovation.status == Status.APPROVED
    published = Notification.objects.filter(kind=Kind.DECISIONS_PUBLISHED)
    assert sorted(published.values_list("email", flat=True)) == sorted([operator.email, head.email])
    journey.assert_clean()
