"""The printed launch report: A4, the list in landscape with its header on every page and whole
rows, the event, the print date and the signature block, read back from the PDF itself."""

import datetime
import io
import re

import pytest
from django.db import transaction
from django.utils import translation
from pypdf import PdfReader

from accounts.models import Unit
from innovations.enums import Status
from reports.documents import write_launch_report_pdf
from reports.models import LaunchEvent
from tests.factories import CycleFactory, UnitFactory, UserFactory
from tests.innovations.factories import InnovationFactory, InnovatorFactory

pytestmark = pytest.mark.django_db

# 16.30 WITA on 6 December 2026.
PRINTED = datetime.datetime(2026, 12, 6, 8, 30, tzinfo=datetime.UTC)
A4 = (595.3, 841.9)  # points, portrait
ROWS = 120
LONG_WORD = "Sistem" + "Informasi" * 12  # 114 letters, no space: wider than any column
HEADER = ("No.", "Kode", "Inovasi", "Unit", "Kategori", "Inovator", "Bentuk", "Tahapan", "Tahap")


def title_of(n):
    """A long title whose first and last words name its row, to find where each row lands."""
    middle = "Layanan Terpadu Percepatan Penurunan Stunting Berbasis Kolaborasi Desa dan Puskesmas"
    return f"Awal{n:03d} {middle} {middle} Akhir{n:03d}"


def render(cycle, user, *, language="id", include_approved=False):
    buffer = io.BytesIO()
    with translation.override(language):
        write_launch_report_pdf(
            buffer, cycle=cycle, user=user, include_approved=include_approved, now=PRINTED
        )
    return buffer.getvalue()


def pages_of(content):
    reader = PdfReader(io.BytesIO(content))
    return reader, [re.sub(r"\s+", " ", page.extract_text()) for page in reader.pages]


def size_of(page):
    return round(float(page.mediabox.width), 1), round(float(page.mediabox.height), 1)


@pytest.fixture(scope="module")
def long_report(django_db_setup, django_db_blocker):
    """120 launched innovations with long names, three innovators each, rendered once for the
    module in a transaction that is rolled back, so each test reads the same PDF."""
    with django_db_blocker.unblock(), transaction.atomic():
        cycle = CycleFactory(year=2025)
        LaunchEvent.objects.create(
            cycle=cycle,
            name="Launching INTAN BANJAR 2025",
            date=datetime.date(2025, 12, 11),
            venue="Sky Convention Center, Gambut",
        )
        Unit.objects.filter(code="BAPPEDALITBANG").update(
            head_name="Dr. Ir. Rahmat Hidayat, M.T.",
            head_nip="197501012000031002",
            head_title="Kepala Bappedalitbang Kabupaten Banjar",
        )
        units = [
            UnitFactory(name=f"Dinas Pemberdayaan Masyarakat dan Desa Kabupaten Banjar Bagian {n}")
            for n in range(3)
        ]
        for n in range(ROWS):
            title = title_of(n) if n else f"Awal000 {LONG_WORD} Akhir000"
            innovation = InnovationFactory(
                cycle=cycle, unit=units[n % 3], status=Status.LAUNCHED, title=title
            )
            for person in range(3):
                InnovatorFactory(
                    innovation=innovation,
                    name=f"Hj. Siti Nurhaliza Rahmawati Binti Abdullah {n}-{person}",
                )
        content = render(cycle, UserFactory(role="admin"))
        transaction.set_rollback(True)
    return pages_of(content)


def list_pages(pages):
    """The pages from the list's heading on."""
    first = next(i for i, text in enumerate(pages) if "Semua inovasi dalam laporan" in text)
    return list(range(first, len(pages)))


def test_launch_report_pdf_is_a4_with_the_list_in_landscape(long_report):
    reader, pages = long_report
    listing = list_pages(pages)
    assert len(listing) > 3  # 120 long rows cannot fit on fewer pages
    for number, page in enumerate(reader.pages):
        expected = (A4[1], A4[0]) if number in listing else A4
        assert size_of(page) == expected, number


def test_launch_report_pdf_repeats_the_list_header_on_every_list_page(long_report):
    _reader, pages = long_report
    for number in list_pages(pages):
        for heading in HEADER:
            assert heading in pages[number], (number, heading)


def test_launch_report_pdf_keeps_every_row_on_one_page(long_report):
    _reader, pages = long_report
    for n in range(ROWS):
        first = [i for i, text in enumerate(pages) if f"Awal{n:03d}" in text]
        last = [i for i, text in enumerate(pages) if f"Akhir{n:03d}" in text]
        innovator = [i for i, text in enumerate(pages) if f"Abdullah {n}-2" in text]
        assert len(first) == 1 and first == last == innovator, n


def test_launch_report_pdf_wraps_a_word_longer_than_its_column(long_report):
    """A 114-letter word does not run past the margin: it is broken inside its column."""
    reader, pages = long_report
    page = next(i for i, text in enumerate(pages) if "Awal000" in text)
    raw = reader.pages[page].extract_text()
    assert LONG_WORD not in raw
    assert LONG_WORD in re.sub(r"\s+", "", raw)


def test_launch_report_pdf_names_the_event_and_the_print_date(long_report):
    _reader, pages = long_report
    first = pages[0]
    assert "PEMERINTAH KABUPATEN BANJAR" in first
    assert "BADAN PERENCANAAN PEMBANGUNAN DAERAH, PENELITIAN DAN PENGEMBANGAN" in first
    assert "MARTAPURA · KALIMANTAN SELATAN" in first
    assert "Laporan peluncuran 2025" in first
    assert "Launching INTAN BANJAR 2025" in first
    assert "Kamis, 11 Desember 2025" in first
    assert "Sky Convention Center, Gambut" in first
    for text in pages:  # the print date stands in every page's footer
        assert "Dicetak 6 Desember 2026 16.30 WITA" in text


def test_launch_report_pdf_ends_with_bappedalitbang_signature(long_report):
    _reader, pages = long_report
    last = pages[-1]
    assert "Martapura, 6 Desember 2026" in last
    assert "KEPALA BAPPEDALITBANG KABUPATEN BANJAR" in last
    assert "Dr. Ir. Rahmat Hidayat, M.T." in last
    assert "NIP. 197501012000031002" in last
    assert all("Rahmat Hidayat" not in text for text in pages[:-1])


def test_launch_report_pdf_charts_print_their_labels(long_report):
    _reader, pages = long_report
    summary = " ".join(pages[: list_pages(pages)[0]])
    for label in ("Menurut kategori sumber", "Perangkat Daerah", "Masyarakat", "Uji coba"):
        assert label in summary


def test_launch_report_pdf_without_event_or_head_leaves_lines_to_fill(admin_user):
    cycle = CycleFactory(year=2025)
    Unit.objects.filter(code="BAPPEDALITBANG").update(head_name="", head_nip="")
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED)

    _reader, pages = pages_of(render(cycle, admin_user))

    text = " ".join(pages)
    assert "Belum ada acara peluncuran yang dicatat untuk tahun program ini." in text
    assert "Kepala Bappedalitbang Kabupaten Banjar".upper() in text
    assert "NIP. ......" in pages[-1]


def test_launch_report_pdf_follows_the_reader_language(admin_user):
    cycle = CycleFactory(year=2025)
    InnovationFactory(cycle=cycle, status=Status.LAUNCHED)

    _reader, pages = pages_of(render(cycle, admin_user, language="en"))

    text = " ".join(pages)
    assert "Launch report 2025" in text
    assert "Printed on 6 December 2026 16.30 WITA" in text
    assert "Martapura, 6 December 2026" in text
    # The letterhead is the regency's, in Indonesian whatever the reader's language.
    assert "PEMERINTAH KABUPATEN BANJAR" in text


def test_launch_report_pdf_marks_a_preview(admin_user):
    cycle = CycleFactory(year=2025)
    InnovationFactory(cycle=cycle, status=Status.APPROVED, title="Awal Pratinjau")

    _reader, pages = pages_of(render(cycle, admin_user, include_approved=True))

    text = " ".join(pages)
    assert "Pratinjau: inovasi yang sudah disetujui tetapi belum diluncurkan ikut dihitung" in text
    assert "Awal Pratinjau" in text


@pytest.mark.parametrize("rows", [1, 10])
def test_launch_report_pdf_query_count_constant(admin_user, rows, django_assert_num_queries):
    cycle = CycleFactory(year=2025)
    InnovationFactory.create_batch(rows, cycle=cycle, status=Status.LAUNCHED)
    # curating unit, launch event, aggregate, active units, rows, innovators
    with django_assert_num_queries(6):
        render(cycle, admin_user)
