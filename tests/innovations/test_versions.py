"""How a snapshot's values read in a diff (`innovations.versions.shown_value`), per field type."""

import pytest
from django.utils import translation

from innovations.versions import diff_versions, shown_value


class Snapshot:
    def __init__(self, **data):
        self.data = data


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("maturity", "uji_coba", "Trial"),
        ("lab_stage", "", None),
        ("trial_date", "2026-07-01", "1 July 2026"),
        ("budget", 1_250_000, "Rp 1.250.000"),
        ("affairs", ["kesehatan", "pendidikan"], "kesehatan\npendidikan"),
        ("attachments", [{"filename": "a.pdf", "kind": "photo", "indicator": 3}], None),
        ("innovators", [{"name": "Budi", "nip": ""}], "Budi"),
        ("title", "Layanan", "Layanan"),
        ("budget", None, None),
    ],
)
def test_shown_value_reads_each_field_type(name, value, expected):
    with translation.override("en"):
        shown = shown_value(name, value)
    if name == "attachments":
        assert shown == "a.pdf (Photo, indicator 3)"
    else:
        assert shown == expected


def test_shown_value_dates_in_indonesian_when_active():
    with translation.override("id"):
        assert shown_value("implementation_date", "2026-07-01") == "1 Juli 2026"


def test_diff_versions_keeps_raw_values_for_the_api_and_text_for_pages():
    with translation.override("en"):
        rows = diff_versions(Snapshot(maturity="uji_coba"), Snapshot(maturity="penerapan"))

    assert rows == [
        {
            "field": "maturity",
            "label": "maturity (tahapan)",
            "before": "uji_coba",
            "after": "penerapan",
            "before_text": "Trial",
            "after_text": "Implementation",
        }
    ]


def test_shown_value_of_a_key_no_longer_in_the_profile_is_no_repr():
    shown = shown_value("sponsors", [{"name": "Bank Kalsel", "amount": 5}])

    assert shown == "Bank Kalsel, 5"
