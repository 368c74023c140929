"""Journey 3: a unit head prepares and signs the unit's agreement, then downloads its PDF."""

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from accounts.enums import Role
from agreements.enums import AgreementStatus
from agreements.models import Agreement
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import open_cycle


@pytest.mark.e2e
def test_head_signs_agreement_and_downloads_pdf(journey):
    cycle = open_cycle()
    unit = UnitFactory(name="Dinas Pertanian", head_name="Ir. H. Rahmat Hidayat")
    head = UserFactory(role=Role.HEAD, unit=unit)

    page = journey.login(head)
    page.goto("/agreements/")
    page.fill("textarea[name=planned_titles]", "Sekolah Lapang Petani Digital")
    page.click("button[name=action][value=create]")
    expect(page.locator(".alert-success")).to_contain_text("draft agreement was prepared")

    sign = page.locator("#sign")
    expect(sign.locator("input[name=sign-signatory_name]")).to_have_value("Ir. H. Rahmat Hidayat")
    sign.locator("button[name=action][value=sign]").click()
    expect(page.locator(".alert-success")).to_contain_text("The agreement is signed")
    agreement = Agreement.objects.get(unit=unit, cycle=cycle)
    assert agreement.status == AgreementStatus.SIGNED

    # Alt+click saves the linked file instead of opening it in the browser's PDF viewer.
    with page.expect_download() as download_info:
        page.click("a[data-link=document]", modifiers=["Alt"])
    download = download_info.value
    assert download.suggested_filename == f"perjanjian-inovasi-{cycle.year}-{unit.code}.pdf"
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    text = " ".join(p.extract_text() for p in PdfReader(download.path()).pages)
    assert "Dinas Pertanian" in text and "Ir. H. Rahmat Hidayat" in text
    journey.assert_clean()
