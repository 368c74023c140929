"""The legacy archive's spreadsheet: its documented columns and a template to download.

The headers are the Indonesian names people already use in their sheets (and that
`innovations.import_columns` names); the API field names are accepted too. The same list documents
the columns on the import page, in the template's instructions sheet and in docs/api-additions.md.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from innovations.enums import Form, Initiator, InnovationType, Maturity, Origin
from intan_banjar.tabular import Column, Sheet, csv_lines, write_xlsx


@dataclass(frozen=True)
class TemplateColumn:
    header: str
    field: str
    required: bool
    meaning: str
    example: str


def _values(enum):
    return ", ".join(enum.values)


COLUMNS = [
    TemplateColumn("Tahun", "year", True, _("Year of the cycle (e.g. 2023)."), "2023"),
    TemplateColumn("Nama Inovasi", "title", True, _("The innovation's name."), "SIDUK KELILING"),
    TemplateColumn(
        "Status Akhir",
        "status",
        True,
        _("Final status: launched (diluncurkan), approved (disetujui) or rejected (ditolak)."),
        "diluncurkan",
    ),
    TemplateColumn(
        "Kode Unit",
        "unit",
        False,
        _("Code (or exact name) of the unit; empty for a community innovation."),
        "DISDUKCAPIL",
    ),
    TemplateColumn(
        "ID Lama",
        "legacy_id",
        False,
        _(
            "Identifier in the old application, if any. Without it a row is recognised by its "
            "year, unit and name."
        ),
        "BAKILAU-2023-017",
    ),
    TemplateColumn("Asal Inovasi", "origin", False, _values(Origin), "mandiri"),
    TemplateColumn("Bentuk Inovasi", "form", False, _values(Form), "pelayanan_publik"),
    TemplateColumn("Jenis Inovasi", "type", False, _values(InnovationType), "digital"),
    TemplateColumn("Inisiator", "initiator", False, _values(Initiator), "asn"),
    TemplateColumn("Tahapan Inovasi", "maturity", False, _values(Maturity), "penerapan"),
    TemplateColumn(
        "Waktu Uji Coba", "trial_date", False, _("Date: YYYY-MM-DD or DD/MM/YYYY."), "2023-03-01"
    ),
    TemplateColumn(
        "Waktu Penerapan",
        "implementation_date",
        False,
        _("Date: YYYY-MM-DD or DD/MM/YYYY. The IID counts implementations of the last two years."),
        "2023-06-01",
    ),
    TemplateColumn(
        "Ringkasan", "summary", False, _("Short summary."), "Layanan adminduk keliling."
    ),
    TemplateColumn("Latar Belakang", "problem", False, _("The problem it solves."), ""),
    TemplateColumn("Rancang Bangun", "design", False, _("Design and main changes."), ""),
    TemplateColumn("Tujuan", "goals", False, _("Goals."), ""),
    TemplateColumn("Manfaat", "benefits", False, _("Benefits."), ""),
    TemplateColumn("Hasil", "results", False, _("Results."), ""),
    TemplateColumn("Anggaran", "budget", False, _("Budget in rupiah."), "25000000"),
    TemplateColumn("Sumber Anggaran", "budget_source", False, _("Budget source."), "APBD"),
    TemplateColumn("Tautan Video", "video_url", False, _("Link to the video."), ""),
    TemplateColumn(
        "Urusan Pemerintahan",
        "affairs",
        False,
        _("Government affairs, separated by ';' (the first is the primary one)."),
        "administrasi kependudukan",
    ),
    TemplateColumn(
        "Inovator",
        "innovators",
        False,
        _("Names separated by ';', each with its NIP in brackets where known."),
        "Siti Rahmah (198502142010011003); Budi",
    ),
    TemplateColumn(
        "Mitra",
        "partners",
        False,
        _(
            "Partners as 'actor: name: role', separated by ';' (actor: pemerintah, swasta, "
            "akademisi, masyarakat, ngo, media)."
        ),
        "akademisi: Universitas Lambung Mangkurat: evaluasi",
    ),
    TemplateColumn(
        "Nama Pengusul",
        "submitter_name",
        False,
        _("Community innovations only (no unit): the group or person who proposed it."),
        "",
    ),
    TemplateColumn("Email Pengusul", "submitter_email", False, _("Community only."), ""),
    TemplateColumn("Telepon Pengusul", "submitter_phone", False, _("Community only."), ""),
    TemplateColumn("Desa/Kecamatan", "submitter_village", False, _("Community only."), ""),
]


def _example_columns():
    return [Column(c.header, lambda _row, c=c: c.example, 22) for c in COLUMNS]


def _guide_columns():
    return [
        Column(_("Column"), lambda c: c.header, 22),
        Column(_("Also accepted"), lambda c: c.field, 20),
        Column(_("Required"), lambda c: c.required, 10),
        Column(_("Content"), lambda c: str(c.meaning), 70),
        Column(_("Example"), lambda c: c.example, 30),
    ]


def template_csv():
    """The header and one example row (UTF-8 with a BOM, like every CSV of the portal)."""
    return csv_lines(_example_columns(), [None])


def template_xlsx(target):
    write_xlsx(
        target,
        [
            Sheet("Arsip", _example_columns(), [None]),
            Sheet(str(_("Instructions")), _guide_columns(), COLUMNS),
        ],
    )
