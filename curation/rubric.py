"""The default rubric every new cycle starts with (PRODUCT.md §5: the IGA presentation weights).

Criterion names and what scores 1, 3 and 5 mean are data (the IGA's own Indonesian terms),
edited per cycle by admins, so they are stored as typed rather than translated.
"""

import re

DEFAULT_RUBRIC = (
    {
        "code": "kebaruan",
        "name": "Kebaruan",
        "weight": 30,
        "description_1": "Meniru cara yang sudah umum tanpa perubahan berarti.",
        "description_3": "Mengadaptasi cara yang ada dengan perubahan nyata untuk Banjar.",
        "description_5": "Cara baru yang belum diterapkan di daerah lain.",
    },
    {
        "code": "kemanfaatan",
        "name": "Kemanfaatan",
        "weight": 25,
        "description_1": "Manfaat belum jelas atau belum terukur.",
        "description_3": "Manfaat terukur bagi sebagian sasaran.",
        "description_5": "Manfaat terukur dan luas, dengan data sebelum dan sesudah.",
    },
    {
        "code": "kewenangan_kolaborasi",
        "name": "Kewenangan daerah dan kolaborasi",
        "weight": 15,
        "description_1": "Di luar kewenangan daerah atau dijalankan sendiri.",
        "description_3": "Dalam kewenangan daerah dengan satu atau dua mitra.",
        "description_5": "Dalam kewenangan daerah dengan kolaborasi pentahelix yang aktif.",
    },
    {
        "code": "replikasi_aplikatif",
        "name": "Replikasi dan aplikatif",
        "weight": 20,
        "description_1": "Sulit ditiru unit lain.",
        "description_3": "Dapat ditiru unit lain dengan penyesuaian besar.",
        "description_5": "Siap ditiru unit lain dengan panduan dan biaya yang jelas.",
    },
    {
        "code": "kualitas_penyajian",
        "name": "Kualitas penyajian",
        "weight": 10,
        "description_1": "Profil tidak lengkap atau sulit dipahami.",
        "description_3": "Profil lengkap tetapi bukti pendukung terbatas.",
        "description_5": "Profil lengkap, runtut, dengan bukti pendukung yang kuat.",
    },
)
# What a score of 1, 3 and 5 means, per criterion (typed by the admin, shown to reviewers).
DESCRIPTION_FIELDS = ("description_1", "description_3", "description_5")
SCORE_MIN, SCORE_MAX = 1, 5
WEIGHT_TOTAL = 100
CODE_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def code_is_valid(code):
    return bool(CODE_PATTERN.fullmatch(code or ""))


def weighted_score(weights, scores):
    """Σ(weight × score) / 5: 0-100 when the weights sum to 100 (all 5s give 100, all 4s 80)."""
    total = sum(weights[code] * scores[code] for code in weights)
    return round(total / SCORE_MAX, 2)


def create_default_rubric(cycle, criterion_model):
    """Give `cycle` the default criteria unless it has some (also used by the data migration)."""
    if criterion_model.objects.filter(cycle_id=cycle.pk).exists():
        return []
    return criterion_model.objects.bulk_create(
        criterion_model(cycle_id=cycle.pk, order=position, **row)
        for position, row in enumerate(DEFAULT_RUBRIC, start=1)
    )
