"""Journey 4: an administrator launches the approved innovations and downloads the report."""

import io

import openpyxl
import pytest
from playwright.sync_api import expect

from accounts.enums import Role
from innovations.enums import Status
from tests.factories import UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, InnovatorFactory, open_cycle


@pytest.mark.e2e
def test_admin_launches_approved_and_downloads_xlsx(journey):
    cycle = open_cycle()
    admin = UserFactory(role=Role.ADMIN)
    first, second, held = (
        InnovationFactory(
            cycle=cycle, unit=UnitFactory(name=unit), status=Status.APPROVED, title=title
        )
        for unit, title in [
            ("Dinas Perhubungan", "Angkot Pintar Martapura"),
            ("Puskesmas Astambul", "Posyandu Keliling"),
            ("Dinas Sosial", "Bansos Tepat Sasaran"),
        ]
    )
    InnovatorFactory(innovation=first, name="Siti Aisyah")

    page = journey.login(admin)
    page.goto(f"/reports/launch/{cycle.year}/")
    expect(page.locator("[data-total]")).to_have_text("0")
    page.get_by_role("button", name="Save launch event").click()
    expect(page.locator(".alert-success")).to_contain_text("launch event was saved")

    # Every approved innovation comes ticked; one is held back for a later launch.
    page.get_by_role("checkbox", name=held.code).uncheck()
    page.get_by_role("button", name="Launch the selected innovations").click()
    expect(page.locator(".alert-success")).to_contain_text("2 innovations launched")
    expect(page.locator("[data-total]")).to_have_text("2")
    for innovation in (first, second, held):
        innovation.refresh_from_db()
    assert [first.status, second.status, held.status] == [
        Status.LAUNCHED,
        Status.LAUNCHED,
        Status.APPROVED,
    ]

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX", exact=True).click()
    download = download_info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as xlsx:
        workbook = openpyxl.load_workbook(io.BytesIO(xlsx.read()), read_only=True)
    cells = {
        str(value)
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    }
    assert {first.code, second.code, "Angkot Pintar Martapura", "Siti Aisyah"} <= cells
    assert held.code not in cells
    journey.assert_clean()
