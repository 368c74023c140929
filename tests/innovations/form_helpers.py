"""Helpers shared by the innovation form page test modules (test_pages_form*.py)."""

import re

from .factories import design_text


def edit_url(innovation):
    return f"/innovations/{innovation.pk}/edit/"


def profile(cycle, **overrides):
    data = {
        "year": cycle.year,
        "title": "Sistem Antrean Puskesmas",
        "origin": "laboratorium_inovasi",
        "form": "pelayanan_publik",
        "type": "digital",
        "initiator": "asn",
        "maturity": "uji_coba",
        "trial_date": "2025-02-01",
        "implementation_date": "2025-05-01",
        "summary": "Antrean daring di puskesmas.",
        "problem": "Warga antre berjam-jam.",
        "design": design_text(310),
        "goals": "Waktu tunggu di bawah 30 menit.",
        "benefits": "Warga hemat waktu.",
        "results": "Waktu tunggu turun 60%.",
        "budget": "15000000",
        "budget_source": "APBD",
        "video_url": "https://example.org/video",
        "lab_stage": "",
        "affairs": "kesehatan\nkomunikasi dan informatika",
        "tags": "SDGs 3, Asta Cita",
    }
    data.update(overrides)
    return data


def rows(prefix, items, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(items)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "50",
    }
    for index, item in enumerate(items):
        for name, value in item.items():
            data[f"{prefix}-{index}-{name}"] = value
    return data


def field_value(html, name):
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]*)"', html)
    return match and match.group(1)
