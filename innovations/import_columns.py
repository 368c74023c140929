"""The import's vocabulary: the columns a spreadsheet of innovations may have, under the API's
field names or their Indonesian names (`HEADER_ALIASES`), and the words people write for the
enumerations' values (`VALUE_ALIASES`). `innovations.import_parse` reads rows with it; the
downloadable template (`portfolio.legacy_template`) documents the same columns.
"""

import re

from .enums import (
    Form,
    Initiator,
    InnovationType,
    LabStage,
    Maturity,
    Origin,
)

TEXT_FIELDS = (
    "title",
    "summary",
    "problem",
    "design",
    "goals",
    "benefits",
    "results",
    "budget_source",
    "video_url",
)
CHOICE_FIELDS = {
    "origin": Origin,
    "form": Form,
    "type": InnovationType,
    "initiator": Initiator,
    "maturity": Maturity,
    "lab_stage": LabStage,
}
SUBMITTER_FIELDS = {
    "submitter_name": "name",
    "submitter_email": "email",
    "submitter_phone": "phone",
    "submitter_village": "village",
}
KNOWN_COLUMNS = {
    *TEXT_FIELDS,
    *CHOICE_FIELDS,
    *SUBMITTER_FIELDS,
    "year",
    "unit",
    "trial_date",
    "implementation_date",
    "budget",
    "affairs",
    "tags",
    "innovators",
    "partners",
    "status",
    "legacy_id",
}
# Indonesian (and older) column names -> API names. Keys are normalised (`normalise_header`).
HEADER_ALIASES = {
    "nama_inovasi": "title",
    "judul": "title",
    "judul_inovasi": "title",
    "nama": "title",
    "tahun": "year",
    "perangkat_daerah": "unit",
    "kode_unit": "unit",
    "unit_kerja": "unit",
    "opd": "unit",
    "asal_inovasi": "origin",
    "asal": "origin",
    "bentuk_inovasi": "form",
    "bentuk": "form",
    "jenis_inovasi": "type",
    "jenis": "type",
    "inisiator": "initiator",
    "inisiator_inovasi": "initiator",
    "tahapan_inovasi": "maturity",
    "tahapan": "maturity",
    "waktu_uji_coba": "trial_date",
    "tanggal_uji_coba": "trial_date",
    "waktu_penerapan": "implementation_date",
    "tanggal_penerapan": "implementation_date",
    "ringkasan": "summary",
    "latar_belakang": "problem",
    "masalah": "problem",
    "rancang_bangun": "design",
    "rancang_bangun_dan_pokok_perubahan": "design",
    "tujuan": "goals",
    "manfaat": "benefits",
    "hasil": "results",
    "hasil_inovasi": "results",
    "anggaran": "budget",
    "sumber_anggaran": "budget_source",
    "video": "video_url",
    "tautan_video": "video_url",
    "urusan": "affairs",
    "urusan_pemerintahan": "affairs",
    "tema": "tags",
    "tag": "tags",
    "inovator": "innovators",
    "nama_inovator": "innovators",
    "mitra": "partners",
    "tahap_laboratorium": "lab_stage",
    "tahap_lab": "lab_stage",
    "nama_pengusul": "submitter_name",
    "email_pengusul": "submitter_email",
    "telepon_pengusul": "submitter_phone",
    "hp_pengusul": "submitter_phone",
    "desa": "submitter_village",
    "desa_kecamatan": "submitter_village",
    # The legacy archive: the final status and the old system's identifier.
    "status_akhir": "status",
    "status_inovasi": "status",
    "hasil_akhir": "status",
    "id_lama": "legacy_id",
    "kode_lama": "legacy_id",
    "id_arsip": "legacy_id",
}
# Words people write in the sheets for enumeration values (normalised like headers).
VALUE_ALIASES = {
    "form": {"tata_kelola_pemerintahan_daerah": "tata_kelola", "pelayanan": "pelayanan_publik"},
    "type": {"non_digital": "non_digital", "nondigital": "non_digital"},
    "maturity": {"ujicoba": "uji_coba", "inisiasi": "inisiatif"},
    "origin": {"lab_inovasi": "laboratorium_inovasi", "kompetisi_inovasi": "kompetisi"},
    "initiator": {"dprd": "anggota_dprd", "opd": "perangkat_daerah"},
    "status": {
        "diluncurkan": "launched",
        "launching": "launched",
        "diluncurkan_launching": "launched",
        "disetujui": "approved",
        "lolos_kurasi": "approved",
        "lolos": "approved",
        "ditolak": "rejected",
        "tidak_lolos": "rejected",
    },
}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y")


def normalise_header(text):
    return re.sub(r"[^0-9a-z]+", "_", str(text or "").strip().lower()).strip("_")


def column_name(header):
    key = normalise_header(header)
    return HEADER_ALIASES.get(key, key)
