"""Administration in the portal and accounts that look after themselves (issue 17): an admin
creates a cycle and invites a person, who sets their own password from the e-mail and signs in;
someone who forgot their password chooses a new one."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.enums import Role
from accounts.models import User
from innovations.models import Cycle
from tests.factories import UnitFactory, UserFactory

NEW_PASSWORD = "Intan-Banjar-Martapura-26"


def link_of(address, kind):
    """The site-relative link of the last e-mail to `address` (the live server's locmem box)."""
    (message, *_) = [m for m in reversed(mail.outbox) if address in m.to]
    url = re.search(rf"https?://\S+/accounts/{kind}/\S+/\S+/", message.body).group(0)
    return urlsplit(url).path


def set_password_and_sign_in(journey, page, email):
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.get_by_role("button", name="Set my password").click()
    expect(page.locator("h1")).to_have_text("Log in to INTAN BANJAR")
    page.fill("input[name=username]", email)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    expect(page.locator(".user-name")).to_be_visible()
    journey.assert_styled(page)


@pytest.mark.e2e
def test_admin_creates_cycle_and_invites_a_user_who_sets_a_password(journey):
    admin = UserFactory(role=Role.ADMIN, full_name="Admin Bappedalitbang")
    UnitFactory(name="Dinas Uji Ketahanan Pangan", code="uji-ketahanan-pangan")

    page = journey.login(admin)
    page.get_by_role("link", name="Manage cycles").first.click()
    page.get_by_role("link", name="New cycle").click()
    page.fill("input[name=year]", "2031")
    for name, value in {
        "submission_opens": "2031-01-15",
        "submission_deadline": "2031-09-30",
        "agreement_deadline": "2031-02-28",
        "curation_deadline": "2031-11-15",
        "launch_date": "2031-12-11",
    }.items():
        page.fill(f"input[name={name}]", value)
    page.fill("input[name=reminder_offsets_days]", "30, 14, 7, 1")
    page.check("input[name=head_approval_required]")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".alert-success")).to_contain_text("The 2031 cycle has been saved.")
    cycle = Cycle.objects.get(year=2031)
    assert cycle.head_approval_required and cycle.reminder_offsets_days == [30, 14, 7, 1]
    # The edit form shows what was saved, dates included.
    page.click("a[href='/cycles/2031/edit/']")
    expect(page.locator("input[name=submission_deadline]")).to_have_value("2031-09-30")

    page.goto("/")
    page.get_by_role("link", name="Manage users").first.click()
    page.get_by_role("link", name="New user").click()
    page.fill("input[name=email]", "nur.aini@banjarkab.go.id")
    page.fill("input[name=full_name]", "Nur Aini")
    page.select_option("select[name=role]", "operator")
    unit_box = page.get_by_role("combobox", name="Unit")
    unit_box.fill("ketahanan")
    page.get_by_role("option", name="Dinas Uji Ketahanan Pangan").click()
    expect(unit_box).to_have_value("Dinas Uji Ketahanan Pangan")
    page.get_by_role("button", name="Create and send the invitation").click()
    expect(page.locator(".alert-success")).to_contain_text("an invitation was sent")
    person = User.objects.get(email="nur.aini@banjarkab.go.id")
    assert person.unit.code == "uji-ketahanan-pangan" and not person.has_usable_password()

    invited = journey.new_page("invited")
    invited.goto(link_of(person.email, "invitation"))
    expect(invited.locator("h1")).to_have_text("Welcome to INTAN BANJAR")
    set_password_and_sign_in(journey, invited, person.email)
    expect(invited.locator(".user-meta")).to_contain_text("Dinas Uji Ketahanan Pangan")
    journey.assert_clean()


@pytest.mark.e2e
def test_forgotten_password_journey(journey):
    person = UserFactory(role=Role.CURATOR, email="kurator@banjarkab.go.id")

    page = journey.new_page("curator")
    page.goto("/")
    page.get_by_role("link", name="Log in (regency staff)").click()
    page.get_by_role("link", name="Forgot password?").click()
    page.fill("input[name=email]", person.email)
    page.get_by_role("button", name="Send the link").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")

    page.goto(link_of(person.email, "password/reset"))
    expect(page.locator("h1")).to_have_text("Choose a new password")
    set_password_and_sign_in(journey, page, person.email)
    journey.assert_clean()


@pytest.mark.e2e
def test_admin_pages_fit_a_phone(journey):
    admin = UserFactory(role=Role.ADMIN, full_name="Admin Bappedalitbang")
    UserFactory.create_batch(3, role=Role.OPERATOR)
    cycle = Cycle.objects.create(year=2031, **Cycle.defaults_for_year(2031))
    page = journey.login(admin)
    page.set_viewport_size({"width": 390, "height": 844})
    for url in ("/users/", f"/users/{admin.pk}/", "/cycles/", f"/cycles/{cycle.year}/edit/"):
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"{url} is {width}px wide on a 390px phone"
    page.goto("/accounts/profile/")
    journey.assert_clean()
