"""An accepted file is kept under the name it downloads with: a PNG uploaded as "foto.pdf" is
"foto.png" in the list, the API, the curators' "what changed" and the download alike; rows
stored before are renamed by migration innovations.0018, in the submitted snapshots too."""

import importlib

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations import community
from innovations.enums import Status
from innovations.models import Attachment, ProfileVersion
from innovations.services import innovation_transition
from innovations.versions import profile_diff

from .detail_helpers import url
from .factories import PDF_BYTES, PNG_BYTES, AttachmentFactory, design_text
from .pages import page_client
from .test_community_submission import SUBMIT, form_data

pytestmark = pytest.mark.django_db

RENAME = importlib.import_module("innovations.migrations.0018_attachment_download_names").rename


def add_on_the_page(user, innovation, name, content):
    return page_client(user).post(
        url(innovation, "attachments/"),
        {"kind": "photo", "file": SimpleUploadedFile(name, content)},
    )


def test_a_png_uploaded_as_pdf_is_listed_and_served_as_png(api_as, operator, innovation):
    assert add_on_the_page(operator, innovation, "foto.pdf", PNG_BYTES).status_code == 302

    attachment = Attachment.objects.get()
    page = page_client(operator).get(url(innovation)).content.decode()
    listed = api_as(operator).get(f"/api/v1/innovations/{innovation.pk}/attachments/").json()
    download = api_as(operator).get(
        f"/api/v1/innovations/{innovation.pk}/attachments/{attachment.pk}/download/"
    )

    assert attachment.filename == "foto.png"
    assert "foto.png" in page and "foto.pdf" not in page
    assert [item["filename"] for item in listed] == ["foto.png"]
    assert download["Content-Disposition"] == 'attachment; filename="foto.png"'


def test_a_name_that_matches_its_content_is_kept_as_typed(operator, innovation):
    add_on_the_page(operator, innovation, "Laporan Akhir.PDF", PDF_BYTES)

    assert Attachment.objects.get().filename == "Laporan Akhir.PDF"


def test_a_long_name_stays_within_the_column_with_its_extension(operator, innovation):
    response = add_on_the_page(operator, innovation, "a" * 255, PDF_BYTES)

    assert response.status_code == 302
    name = Attachment.objects.get().filename
    assert len(name) == 255 and name.endswith("a.pdf")


def test_what_changed_names_the_file_as_it_downloads(operator, curator, innovation):
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(
        innovation=innovation, action="request_revision", by=curator, note="Tambah foto."
    )
    add_on_the_page(operator, innovation, "foto.pdf", PNG_BYTES)
    innovation_transition(innovation=innovation, action="submit", by=operator)

    (row,) = [row for row in profile_diff(innovation) if row["field"] == "attachments"]

    assert "foto.png" in row["after_text"] and "foto.pdf" not in row["after_text"]


def test_a_community_upload_is_kept_under_its_download_name(client, cycle):
    cache.delete(community._rate_key("127.0.0.1"))  # another test's submissions do not count
    photo = SimpleUploadedFile("foto.pdf", PNG_BYTES, "application/pdf")

    assert client.post(SUBMIT, {**form_data(), "attachments": [photo]}).status_code == 302

    assert Attachment.objects.get().filename == "foto.png"


# ---- rows stored before (migration 0018) ------------------------------------------------------


def snapshot(innovation, *names):
    return ProfileVersion.objects.create(
        innovation=innovation,
        review_round=1,
        data={"attachments": [{"filename": n, "kind": "other", "indicator": None} for n in names]},
    )


def test_migration_renames_old_rows_and_their_snapshot_entries(innovation):
    photo = AttachmentFactory(innovation=innovation, filename="foto.pdf", content_type="image/png")
    report = AttachmentFactory(innovation=innovation, filename="laporan.pdf")
    old = snapshot(innovation, "foto.pdf", "laporan.pdf", "dihapus.pdf")

    RENAME(apps, None)

    photo.refresh_from_db()
    report.refresh_from_db()
    old.refresh_from_db()
    assert (photo.filename, report.filename) == ("foto.png", "laporan.pdf")
    names = [item["filename"] for item in old.data["attachments"]]
    assert names == ["foto.png", "laporan.pdf", "dihapus.pdf"]  # a removed file's entry stays


def test_migration_leaves_a_snapshot_entry_it_cannot_tell_apart(innovation):
    AttachmentFactory(innovation=innovation, filename="foto.pdf", content_type="image/png")
    AttachmentFactory(innovation=innovation, filename="foto.pdf")  # a real PDF of the same name
    old = snapshot(innovation, "foto.pdf")

    RENAME(apps, None)

    assert sorted(Attachment.objects.values_list("filename", flat=True)) == [
        "foto.pdf",
        "foto.png",
    ]
    old.refresh_from_db()
    assert old.data["attachments"][0]["filename"] == "foto.pdf"


def test_after_the_migration_a_resubmission_lists_no_renamed_file_as_changed(
    operator, curator, innovation
):
    AttachmentFactory(innovation=innovation, filename="foto.pdf", content_type="image/png")
    innovation.design = design_text()
    innovation.save()
    innovation_transition(innovation=innovation, action="submit", by=operator)
    innovation_transition(
        innovation=innovation, action="request_revision", by=curator, note="Perbaiki judul."
    )

    RENAME(apps, None)
    innovation.title = "Judul yang diperbaiki"
    innovation.save()
    innovation_transition(innovation=innovation, action="submit", by=operator)

    assert innovation.status == Status.SUBMITTED
    assert [row["field"] for row in profile_diff(innovation)] == ["title"]
