"""Journey 5: a visitor browses the public catalogue and sends a community innovation."""

import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect

from innovations.enums import Origin, Status
from innovations.models import Innovation
from tests.factories import UnitFactory
from tests.innovations.factories import PNG_BYTES, InnovationFactory, design_text, open_cycle


@pytest.mark.e2e
def test_visitor_browses_catalogue_and_sends_community_innovation(journey):
    cycle = open_cycle()
    InnovationFactory(
        cycle=cycle,
        unit=UnitFactory(name="Dinas Perikanan"),
        status=Status.LAUNCHED,
        title="Kampung Patin Digital",
        summary="Pembudidaya patin menjual hasil panen lewat lapak daring desa.",
    )
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED, title="Sekolah Sungai")
    InnovationFactory(cycle=cycle, status=Status.APPROVED, title="Belum Diluncurkan")

    page = journey.new_page("visitor")
    page.goto("/katalog/")
    journey.assert_styled(page)
    expect(page.locator("article")).to_have_count(2)
    expect(page.locator("main")).not_to_contain_text("Belum Diluncurkan")
    page.fill("input[name=search]", "patin")
    page.press("input[name=search]", "Enter")
    expect(page.locator("article")).to_have_count(1)
    page.get_by_role("link", name="Kampung Patin Digital").click()
    expect(page.locator("h1")).to_have_text("Kampung Patin Digital")
    expect(page.locator("main")).to_contain_text("Dinas Perikanan")

    page.goto("/katalog/")
    page.get_by_role("link", name="Submit a community innovation").click()
    page.fill("input[name=title]", "Bank Sampah Sungai Tabuk")
    page.fill("textarea[name=summary]", "Warga menukar sampah plastik dengan tabungan.")
    page.fill("textarea[name=problem]", "Sampah plastik menyumbat saluran air desa.")
    page.fill("textarea[name=design]", design_text(310))
    page.fill("textarea[name=benefits]", "Saluran bersih dan warga punya tabungan.")
    page.set_input_files(
        "input[name=attachments]",
        {"name": "foto-bank-sampah.png", "mimeType": "image/png", "buffer": PNG_BYTES},
    )
    page.fill("input[name=name]", "Kelompok Peduli Sungai")
    page.fill("input[name=village]", "Desa Sungai Tabuk Kota")
    page.fill("input[name=email]", "peduli.sungai@contoh.id")
    page.fill("input[name=phone]", "081234567890")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Check your e-mail")

    # The e-mail's link opens a page whose button confirms the entry (opening the link alone
    # changes nothing: mail scanners follow links); it then waits for the curators.
    (message,) = [m for m in mail.outbox if "peduli.sungai@contoh.id" in m.to]
    link = re.search(r"https?://\S+/katalog/submit/confirm/\S+/", message.body).group(0)
    page.goto(urlsplit(link).path)
    assert Innovation.objects.get(title="Bank Sampah Sungai Tabuk").status == Status.DRAFT
    page.get_by_role("button", name="Confirm my submission").click()
    expect(page.locator("h1")).to_have_text("Thank you, your submission is confirmed")
    entry = Innovation.objects.get(title="Bank Sampah Sungai Tabuk")
    assert (entry.status, entry.unit_id, entry.origin) == (
        Status.SUBMITTED,
        None,
        Origin.MASYARAKAT,
    )
    assert entry.attachments.get().filename == "foto-bank-sampah.png"
    journey.assert_clean()
