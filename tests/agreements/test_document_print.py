"""The agreement as printed: one A4 page under the regency's letterhead, both parties named."""

import io
import re

import pytest
from pypdf import PdfReader

from accounts.models import Unit
from agreements.documents import agreement_pdf, cycle_pdf
from tests.factories import UnitFactory

from .factories import AgreementFactory

A4 = (595.3, 841.9)


def pages_of(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


@pytest.fixture
def bappedalitbang_head(db):
    Unit.objects.filter(code="BAPPEDALITBANG").update(
        head_name="Dr. Ir. Rahmat Hidayat, M.T.",
        head_nip="197501012000031002",
        head_title="Kepala Bappedalitbang Kabupaten Banjar",
    )


def test_agreement_pdf_is_one_a4_portrait_page(agreement):
    reader, _pages = pages_of(agreement_pdf(agreement))

    assert len(reader.pages) == 1
    page = reader.pages[0]
    assert (round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)) == A4


def test_agreement_pdf_letterhead_names_the_regency_and_its_place(agreement):
    _reader, (text,) = pages_of(agreement_pdf(agreement))

    assert text.startswith("PEMERINTAH KABUPATEN BANJAR")
    assert agreement.unit.name.upper() in text
    assert "MARTAPURA · KALIMANTAN SELATAN" in text
    assert "INTAN BANJAR · Perjanjian Inovasi Daerah" in text


def test_agreement_pdf_letterhead_prints_the_configured_address(agreement, settings):
    settings.LETTERHEAD_ADDRESS = "Jalan Contoh Nomor 1, Martapura 70611"
    settings.LETTERHEAD_CONTACT = "Telepon (0511) 000000 · bappedalitbang@banjarkab.go.id"

    _reader, (text,) = pages_of(agreement_pdf(agreement))

    address = text.index("Jalan Contoh Nomor 1, Martapura 70611")
    contact = text.index("Telepon (0511) 000000 · bappedalitbang@banjarkab.go.id")
    assert address < contact < text.index("PERJANJIAN INOVASI DAERAH")


def test_agreement_pdf_names_both_signatories(agreement, bappedalitbang_head):
    unit = agreement.unit

    _reader, (text,) = pages_of(agreement_pdf(agreement))

    signatures = text[text.index("PIHAK KEDUA, a.n.") :]
    assert "PIHAK KEDUA, a.n. BUPATI BANJAR KEPALA BAPPEDALITBANG KABUPATEN BANJAR" in signatures
    assert f"PIHAK PERTAMA, {unit.head_title.upper()}" in signatures
    assert "Dr. Ir. Rahmat Hidayat, M.T." in signatures
    assert "NIP. 197501012000031002" in signatures
    assert agreement.signatory_name in signatures
    assert f"NIP. {agreement.signatory_nip}" in signatures


def test_agreement_pdf_without_a_bappedalitbang_head_leaves_lines_to_sign(agreement):
    Unit.objects.filter(code="BAPPEDALITBANG").update(head_name="", head_nip="", head_title="")

    _reader, (text,) = pages_of(agreement_pdf(agreement))

    signatures = text[text.index("PIHAK KEDUA, a.n.") :]
    assert "KEPALA BAPPEDALITBANG KABUPATEN BANJAR" in signatures
    assert "NIP. ....." in signatures
    assert f"NIP. {agreement.signatory_nip}" in signatures


def test_agreement_pdf_unsigned_leaves_the_date_to_write(agreement):
    _reader, (text,) = pages_of(agreement_pdf(agreement))

    assert "Martapura, ......" in text


def test_cycle_pdf_names_bappedalitbang_on_every_page(cycle, only_test_units, bappedalitbang_head):
    for _n in range(3):
        AgreementFactory(unit=UnitFactory(), cycle=cycle)

    _reader, pages = pages_of(cycle_pdf(cycle))

    assert len(pages) == 3
    assert all("Dr. Ir. Rahmat Hidayat, M.T." in text for text in pages)


@pytest.mark.parametrize("units", [1, 6])
def test_cycle_pdf_query_count_constant(cycle, only_test_units, units, django_assert_num_queries):
    for _n in range(units):
        AgreementFactory(unit=UnitFactory(), cycle=cycle)
    # agreements, units, the curating unit
    with django_assert_num_queries(3):
        cycle_pdf(cycle)


def test_agreement_pdf_with_ten_titles_and_an_address_stays_on_one_page(
    cycle, unit, bappedalitbang_head, settings
):
    settings.LETTERHEAD_ADDRESS = "Jalan Contoh Nomor 1, Martapura 70611"
    settings.LETTERHEAD_CONTACT = "Telepon (0511) 000000 · bappedalitbang@banjarkab.go.id"
    titles = [
        f"Layanan Terpadu Percepatan Penurunan Stunting Berbasis Kolaborasi Desa {n}"
        for n in range(10)
    ]
    agreement = AgreementFactory(unit=unit, cycle=cycle, committed_count=10, planned_titles=titles)

    reader, (text,) = pages_of(agreement_pdf(agreement))

    assert len(reader.pages) == 1
    assert "Desa 9" in text
    assert "Dr. Ir. Rahmat Hidayat, M.T." in text and agreement.signatory_name in text
