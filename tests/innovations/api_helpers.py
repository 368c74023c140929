"""Helpers shared by the innovations API test modules (test_api_innovations*.py)."""

LIST = "/api/v1/innovations/"


def detail(innovation, suffix=""):
    return f"{LIST}{innovation.pk}/{suffix}"


def body(**overrides):
    return {
        "title": "Sistem Antrean Puskesmas",
        "origin": "mandiri",
        "form": "pelayanan_publik",
        "type": "digital",
        "initiator": "asn",
        "maturity": "inisiatif",
        "summary": "Antrean daring.",
        "affairs": ["kesehatan", "komunikasi"],
        "innovators": [{"name": "Siti Aminah", "nip": "198502142010011003"}],
        "partners": [{"actor": "swasta", "name": "Bank Kalsel", "role": "Sponsor"}],
        **overrides,
    }
