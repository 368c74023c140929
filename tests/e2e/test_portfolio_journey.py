"""Journey 5 (issue 15): an innovation across years, in the browser.

An operator continues last year's launched innovation into this year and reuses its evidence;
an administrator imports a legacy archive through the page (preview with a refused row, then the
import with its progress), and the archived innovation shows in the public catalogue.
"""

import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from innovations.enums import Status
from innovations.models import Innovation
from tests.factories import CycleFactory, UnitFactory, UserFactory
from tests.innovations.factories import AttachmentFactory, InnovationFactory, open_cycle

ARCHIVE = (
    "Tahun,Nama Inovasi,Kode Unit,Status Akhir,Waktu Penerapan\n"
    "2024,PAJAK KELILING,{code},diluncurkan,2024-05-02\n"
    "2024,KARTU LAMA,TIDAK-ADA,diluncurkan,kemarin\n"
)


@pytest.mark.e2e
def test_operator_continues_last_years_innovation(journey):
    cycle = open_cycle()
    unit = UnitFactory(name="Dinas Kesehatan")
    operator = UserFactory(role=Role.OPERATOR, unit=unit)
    last_year = InnovationFactory(
        unit=unit,
        cycle=CycleFactory(year=cycle.year - 1),
        status=Status.LAUNCHED,
        title="Sigap Gizi",
    )
    AttachmentFactory(innovation=last_year, filename="sk-penetapan.pdf")

    page = journey.login(operator)
    page.goto(f"/innovations/{last_year.pk}/")
    page.locator("[data-action=continue]").first.click()
    expect(page.locator(".alert-success")).to_contain_text(f"in {cycle.year}")
    created = Innovation.objects.get(predecessor=last_year)
    assert created.status == Status.DRAFT and created.title == "Sigap Gizi"

    page.goto(f"/portfolio/innovations/{created.pk}/")
    page.get_by_label(f"{last_year.year} · sk-penetapan.pdf").check()
    page.get_by_role("button", name="Reuse the chosen files").click()
    expect(page.locator("#attachments")).to_contain_text("sk-penetapan.pdf")
    journey.assert_clean()


@pytest.mark.e2e
def test_admin_imports_the_legacy_archive(journey, tmp_path):
    unit = UnitFactory(name="Badan Pendapatan Daerah")
    admin = UserFactory(role=Role.ADMIN)
    CycleFactory(year=2024)
    archive = tmp_path / "arsip.csv"
    archive.write_text(ARCHIVE.format(code=unit.code), encoding="utf-8")

    page = journey.login(admin)
    page.goto("/portfolio/imports/")
    page.set_input_files("input[name=file]", str(archive))
    page.get_by_role("button", name="Check the file").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "done")
    expect(page.locator("[data-outcome=refused]")).to_contain_text("TIDAK-ADA")
    assert not Innovation.objects.filter(import_key__isnull=False).exists()

    page.locator("[data-action=import]").click()
    expect(page.locator("#import-progress")).to_have_attribute("data-status", "done")
    archived = Innovation.objects.get(title="PAJAK KELILING")
    assert archived.status == Status.LAUNCHED and archived.is_imported

    page.goto(f"/katalog/{archived.code}/")
    expect(page.locator("[data-imported]")).to_be_visible()
    journey.assert_clean()
