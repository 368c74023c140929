"""What the fuzzers found, pinned down so it stays fixed whatever examples they draw next time."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations.uploads import JPEG, PDF, PNG, is_complete
from tests.factories import CycleFactory
from tests.innovations.factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES

pytestmark = [pytest.mark.security, pytest.mark.django_db]


def test_user_create_without_role_400(api_as, admin_user):
    response = api_as(admin_user).post(
        "/api/v1/users/",
        {
            "email": "tanpa.peran@intan.test",
            "full_name": "Tanpa Peran",
            "password": "Ke1akai-Hijau!",
        },
        format="json",
    )

    assert response.status_code == 400
    assert "role" in response.json()


@pytest.mark.parametrize("bands", ["null", "[1, 2]", '[{"min": "a"}]', "{}"])
def test_cycle_form_patch_with_unusable_iga_bands_400(api_as, admin_user, bands):
    CycleFactory(year=2031)

    response = api_as(admin_user).patch(
        "/api/v1/cycles/2031/", {"iga_bands": bands}, format="multipart"
    )

    assert response.status_code == 400
    assert "iga_bands" in response.json()


def test_cycle_reminder_time_is_hours_and_minutes(api_as, operator):
    CycleFactory(year=2031)

    response = api_as(operator).get("/api/v1/cycles/2031/")

    assert response.json()["reminder_send_time"] == "08:00"


@pytest.mark.parametrize(
    ("content", "content_type"),
    [(PDF_BYTES, PDF), (PNG_BYTES, PNG), (JPEG_BYTES, JPEG)],
)
def test_is_complete_accepts_whole_file_refuses_cut_one(content, content_type):
    cut = content[: len(content) // 2]

    assert is_complete(io.BytesIO(content), content_type)
    assert not is_complete(io.BytesIO(cut), content_type)


def test_is_complete_finds_marker_across_chunks():
    content = b"%PDF-1.4\n" + b"\0" * (64 * 1024 - 11) + b"%%EOF\n"

    assert is_complete(SimpleUploadedFile("a.pdf", content), PDF)
