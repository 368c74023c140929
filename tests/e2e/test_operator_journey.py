"""Journey 1: an operator creates an innovation with evidence and submits it."""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from innovations.enums import Status
from innovations.models import Innovation
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import PDF_BYTES, design_text, open_cycle

HTML_AS_PDF = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def _file(name, content, mime="application/pdf"):
    return {"name": name, "mimeType": mime, "buffer": content}


@pytest.mark.e2e
def test_operator_creates_uploads_and_submits(journey):
    open_cycle()
    operator = UserFactory(role=Role.OPERATOR, unit=UnitFactory(name="Dinas Kesehatan"))
    page = journey.login(operator)

    page.goto("/innovations/new/")
    page.fill("input[name=title]", "Antrean Daring Puskesmas")
    page.select_option("select[name=origin]", "mandiri")
    page.select_option("select[name=form]", "pelayanan_publik")
    page.select_option("select[name=type]", "digital")
    page.select_option("select[name=initiator]", "asn")
    page.select_option("select[name=maturity]", "uji_coba")
    page.fill("textarea[name=summary]", "Warga mengambil nomor antrean puskesmas lewat ponsel.")
    page.fill("textarea[name=problem]", "Antrean pagi panjang; warga desa datang sebelum subuh.")
    page.fill("textarea[name=goals]", "Waktu tunggu di puskesmas di bawah tiga puluh menit.")
    page.fill("textarea[name=benefits]", "Warga hemat waktu; petugas melayani lebih tertata.")

    # The word counter follows the typing (the script is loaded and allowed by the CSP).
    counter = page.locator("#design-word-count")
    expect(counter.locator("[data-word-number]")).to_have_text("0")
    page.fill("textarea[name=design]", design_text(298))
    expect(counter.locator("[data-word-number]")).to_have_text("298")
    expect(counter).not_to_have_class("word-counter-done")
    page.locator("textarea[name=design]").press("End")
    page.locator("textarea[name=design]").press_sequentially(" antrean daring")
    expect(counter.locator("[data-word-number]")).to_have_text("300")
    expect(counter).to_have_class("word-counter mb-3 word-counter-done")

    # A web page dressed up as a PDF is refused, and everything typed stays in the form.
    page.select_option("select[name=kind]", "report")
    page.set_input_files("input[name=file]", _file("laporan.pdf", HTML_AS_PDF))
    page.get_by_role("button", name="Save as draft").click()
    # The message says what happened; the error banner under it names the field (issue 17).
    expect(page.locator(".alert-danger", has_text="the file was refused")).to_be_visible()
    expect(page.locator("[data-error-summary]")).to_contain_text("This file type is not accepted")
    expect(page.locator("input[name=title]")).to_have_value("Antrean Daring Puskesmas")
    expect(page.locator("select[name=maturity]")).to_have_value("uji_coba")
    expect(page.locator("textarea[name=design]")).to_have_value(
        design_text(298) + " antrean daring"
    )
    expect(counter.locator("[data-word-number]")).to_have_text("300")
    assert not Innovation.objects.exists()

    page.set_input_files("input[name=file]", _file("laporan-uji-coba.pdf", PDF_BYTES))
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".alert-success")).to_contain_text("created as a draft")
    expect(page.locator("#attachments")).to_contain_text("laporan-uji-coba.pdf")

    page.click("button[name=action][value=submit]")
    expect(page.locator(".alert-success")).to_contain_text("submitted to Bappedalitbang")
    innovation = Innovation.objects.get()
    assert innovation.status == Status.SUBMITTED
    assert innovation.attachments.get().filename == "laporan-uji-coba.pdf"
    journey.assert_clean()
