"""import_innovations: good rows created, bad rows reported and not created, dry run inert."""

import csv
import io

import pytest
import xlsxwriter
from django.core.management import call_command

from innovations.enums import Status
from innovations.importer import column_name, import_rows
from innovations.models import Innovation, Innovator, Partner

from .factories import design_text

pytestmark = pytest.mark.django_db

HEADERS = [
    "Nama Inovasi",
    "Perangkat Daerah",
    "Tahun",
    "Bentuk Inovasi",
    "Jenis",
    "Tahapan",
    "Waktu Uji Coba",
    "Waktu Penerapan",
    "Ringkasan",
    "Rancang Bangun",
    "Anggaran",
    "Inovator",
    "Mitra",
    "Urusan",
    "Kolom Lain",
]


def good_row(unit, title="SIDUK KELILING", **changes):
    row = {
        "Nama Inovasi": title,
        "Perangkat Daerah": unit.code,
        "Tahun": "",
        "Bentuk Inovasi": "Pelayanan Publik",
        "Jenis": "digital",
        "Tahapan": "uji coba",
        "Waktu Uji Coba": "01/03/2025",
        "Waktu Penerapan": "2025-06-01",
        "Ringkasan": "Layanan adminduk keliling desa.",
        "Rancang Bangun": design_text(310),
        "Anggaran": "Rp 25.000.000",
        "Inovator": "Siti Rahmah (198502142010011003); Budi",
        "Mitra": "akademisi: Universitas Lambung Mangkurat: evaluasi",
        "Urusan": "administrasi kependudukan; komunikasi",
        "Kolom Lain": "diabaikan",
    }
    row.update(changes)
    return [row[h] for h in HEADERS]


def write_csv(path, rows, headers=HEADERS):
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def run(path, *args):
    out = io.StringIO()
    call_command("import_innovations", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def rows(unit):
    return [
        good_row(unit),
        good_row(unit, title="Baris NIP Salah", **{"Inovator": "Andi (12345678901234567)"}),
        good_row(unit, title="Baris Unit Salah", **{"Perangkat Daerah": "TIDAK-ADA"}),
        good_row(unit, title="Baris Tanggal Salah", **{"Waktu Uji Coba": "kemarin"}),
        good_row(unit, title="Baris Bentuk Salah", **{"Bentuk Inovasi": "sulap"}),
        good_row(
            unit,
            title="Baris Urutan Tanggal",
            **{"Waktu Uji Coba": "2025-06-01", "Waktu Penerapan": "2025-01-01"},
        ),
        good_row(unit, title="ANTREAN DARING"),
    ]


def test_import_csv_good_rows_created_bad_rows_refused(tmp_path, cycle, admin_user, unit, rows):
    output = run(write_csv(tmp_path / "inovasi.csv", rows), "--year", str(cycle.year))
    assert set(Innovation.objects.values_list("title", flat=True)) == {
        "SIDUK KELILING",
        "ANTREAN DARING",
    }
    assert "2 created, 5 refused" in output
    assert "Row 2: created INV-" in output
    assert "Row 3: refused" in output and "NIP" in output
    assert "Row 4: refused" in output and "TIDAK-ADA" in output
    assert "Row 5: refused" in output and "kemarin" in output
    assert "Row 6: refused" in output and "sulap" in output
    assert "Row 7: refused" in output and "implementation_date" in output
    assert "Ignored columns: Kolom Lain" in output


def test_import_creates_complete_draft(tmp_path, cycle, admin_user, unit):
    run(write_csv(tmp_path / "a.csv", [good_row(unit)]), "--year", str(cycle.year))
    innovation = Innovation.objects.get()
    assert innovation.status == Status.DRAFT and innovation.unit == unit
    assert innovation.cycle == cycle and innovation.created_by == admin_user
    assert innovation.form == "pelayanan_publik" and innovation.maturity == "uji_coba"
    assert str(innovation.trial_date) == "2025-03-01"
    assert innovation.budget == 25_000_000
    assert innovation.affairs == ["administrasi kependudukan", "komunikasi"]
    assert list(innovation.innovators.values_list("name", "nip")) == [
        ("Siti Rahmah", "198502142010011003"),
        ("Budi", ""),
    ]
    partner = innovation.partners.get()
    assert (partner.actor, partner.name, partner.role) == (
        "akademisi",
        "Universitas Lambung Mangkurat",
        "evaluasi",
    )


def test_import_refused_row_leaves_nothing(tmp_path, cycle, admin_user, unit):
    row = good_row(unit, **{"Inovator": "Andi (12345678901234567)"})
    run(write_csv(tmp_path / "a.csv", [row]), "--year", str(cycle.year))
    assert not Innovation.objects.exists()
    assert not Innovator.objects.exists() and not Partner.objects.exists()


def test_import_dry_run_creates_nothing(tmp_path, cycle, admin_user, unit, rows):
    output = run(write_csv(tmp_path / "a.csv", rows), "--year", str(cycle.year), "--dry-run")
    assert not Innovation.objects.exists()
    assert "2 would be created, 5 refused (dry run: nothing stored)" in output
    # Codes handed out during the dry run are not burnt.
    run(write_csv(tmp_path / "b.csv", [good_row(unit)]), "--year", str(cycle.year))
    assert Innovation.objects.get().code.endswith("-0001")


def test_import_xlsx(tmp_path, cycle, admin_user, unit):
    path = tmp_path / "inovasi.xlsx"
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    sheet.write_row(0, 0, HEADERS)
    sheet.write_row(1, 0, good_row(unit, title="Dari Excel", **{"Anggaran": 1500000}))
    sheet.write_row(2, 0, good_row(unit, title="", **{"Perangkat Daerah": unit.code}))
    workbook.close()
    output = run(path, "--year", str(cycle.year))
    innovation = Innovation.objects.get()
    assert innovation.title == "Dari Excel" and innovation.budget == 1_500_000
    assert "1 created, 1 refused" in output


def test_import_year_column_and_missing_cycle(tmp_path, cycle, admin_user, unit):
    rows = [
        good_row(unit, title="Tahun Ada", **{"Tahun": str(cycle.year)}),
        good_row(unit, title="Tahun Tanpa Siklus", **{"Tahun": "1999"}),
    ]
    output = run(write_csv(tmp_path / "a.csv", rows))
    assert list(Innovation.objects.values_list("title", flat=True)) == ["Tahun Ada"]
    assert "1999" in output


def test_import_community_row(tmp_path, cycle, admin_user):
    headers = ["title", "unit", "summary", "submitter_name", "submitter_email", "desa"]
    row = [
        "Eco Print",
        "",
        "Kain ramah lingkungan",
        "Kelompok Belangian",
        "k@warga.example",
        "Belangian",
    ]
    run(write_csv(tmp_path / "a.csv", [row], headers=headers), "--year", str(cycle.year))
    innovation = Innovation.objects.get()
    assert innovation.unit is None
    assert innovation.community_submitter.village == "Belangian"


def test_import_by_operator_forces_own_unit(cycle, operator, other_unit):
    report = import_rows(
        ["title", "unit"],
        [["Milik Unit Sendiri", other_unit.code]],
        by=operator,
        default_year=cycle.year,
    )
    assert report.created and Innovation.objects.get().unit == operator.unit


def test_import_header_aliases():
    assert column_name("Nama Inovasi") == "title"
    assert column_name(" perangkat_daerah ") == "unit"
    assert column_name("Latar Belakang") == "problem"
    assert column_name("rancang bangun") == "design"
    assert column_name("title") == "title"


def test_import_unknown_file_type(tmp_path, admin_user):
    path = tmp_path / "a.txt"
    path.write_text("x")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        run(path)
