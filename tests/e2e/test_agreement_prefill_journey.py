"""Issue 17: a head signs the unit's agreement from the prefilled form.

The operator prepared the draft before the unit's head was entered, so the draft holds no
signatory; the form starts from the unit's reference data (name, NIP, title) and today's date,
the head corrects the NIP as printed on the ID card, meets the error banner once, follows its
link to the field, and signs.
"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accounts.enums import Role
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tests.agreements.factories import AgreementFactory
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import open_cycle


@pytest.mark.e2e
def test_head_signs_agreement_from_prefilled_form(journey):
    cycle = open_cycle()
    unit = UnitFactory(name="Kecamatan Gambut", head_name="", head_nip="", head_title="")
    agreement = AgreementFactory(unit=unit, cycle=cycle, committed_count=2)
    unit.head_name = "Hj. Rahmawati, S.E., M.Si"
    unit.head_nip = "197805122003121004"
    unit.head_title = "Camat Gambut"
    unit.save()
    head = UserFactory(role=Role.HEAD, unit=unit)

    page = journey.login(head)
    page.goto("/agreements/")
    page.click(f"a[href='/agreements/{agreement.pk}/']")
    sign = page.locator("#sign")
    expect(sign.locator("input[name=sign-signatory_name]")).to_have_value(unit.head_name)
    expect(sign.locator("input[name=sign-signatory_nip]")).to_have_value(unit.head_nip)
    expect(sign.locator("input[name=sign-signatory_title]")).to_have_value("Camat Gambut")
    today = timezone.localdate().isoformat()
    expect(sign.locator("input[name=sign-signed_on]")).to_have_value(today)

    # A NIP one digit short: the banner names the field and its link puts the cursor there.
    sign.locator("input[name=sign-signatory_nip]").fill("19780512 200312 1 00")
    sign.locator("button[name=action][value=sign]").click()
    banner = page.locator("#sign [data-error-summary]")
    expect(banner).to_be_visible()
    expect(banner).to_be_focused()
    banner.locator("a[href='#id_sign-signatory_nip']").click()
    nip = page.locator("#id_sign-signatory_nip")
    expect(nip).to_be_focused()

    nip.fill("19780512 200312 1 004")
    page.locator("#id_sign-signatory_title").fill("Plt. Camat Gambut")
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    page.locator("#id_sign-signed_on").fill(yesterday)
    page.locator("#sign button[name=action][value=sign]").click()
    expect(page.locator(".alert-success")).to_contain_text("The agreement is signed")
    expect(page.locator("#sign")).to_have_count(0)
    expect(page.locator("[data-status=signed]").first).to_be_visible()
    expect(page.get_by_text("NIP 197805122003121004")).to_be_visible()

    agreement = Agreement.objects.get(pk=agreement.pk)
    assert agreement.status == AgreementStatus.SIGNED
    assert agreement.signatory_nip == "197805122003121004"
    assert agreement.signatory_title == "Plt. Camat Gambut"
    assert agreement.signed_on.isoformat() == yesterday
    journey.assert_clean()
