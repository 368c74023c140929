"""The default rubric every new cycle starts with (PRODUCT.md §5: the IGA presentation weights).

Criterion names are data (the IGA's own Indonesian terms), edited per cycle by admins, so they
are stored as typed rather than translated.
"""

import re

DEFAULT_RUBRIC = (
    {"code": "kebaruan", "name": "Kebaruan", "weight": 30},
    {"code": "kemanfaatan", "name": "Kemanfaatan", "weight": 25},
    {
        "code": "kewenangan_kolaborasi",
        "name": "Kewenangan daerah dan kolaborasi",
        "weight": 15,
    },
    {"code": "replikasi_aplikatif", "name": "Replikasi dan aplikatif", "weight": 20},
    {"code": "kualitas_penyajian", "name": "Kualitas penyajian", "weight": 10},
)
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
