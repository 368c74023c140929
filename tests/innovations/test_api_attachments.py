"""Evidence files: judged by content, size-limited, private, downloaded with permission checks."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from innovations.enums import Status
from innovations.models import Attachment
from innovations.versions import profile_snapshot

from .factories import JPEG_BYTES, PDF_BYTES, PNG_BYTES, AttachmentFactory, office_bytes

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Each test stores into its own directory, so 'nothing stored' can be checked."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path, "base_url": None},
        },
    }
    return tmp_path


def stored_files(root):
    return [p for p in root.rglob("*") if p.is_file()]


def url(innovation, suffix=""):
    return f"/api/v1/innovations/{innovation.pk}/attachments/{suffix}"


def upload(client, innovation, name, content, **fields):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/pdf"), **fields}
    return client.post(url(innovation), data, format="multipart")


@pytest.mark.parametrize(
    ("name", "content", "content_type", "kept_as"),
    [
        ("laporan.pdf", PDF_BYTES, "application/pdf", "laporan.pdf"),
        ("foto.jpg", JPEG_BYTES, "image/jpeg", "foto.jpg"),
        ("foto.png", PNG_BYTES, "image/png", "foto.png"),
        (
            "anggaran.xlsx",
            office_bytes("xl"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "anggaran.xlsx",
        ),
        (
            "sk.docx",
            office_bytes("word"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "sk.docx",
        ),
        # kept under the name it downloads with (test_attachment_names.py)
        ("tanpa-ekstensi", PDF_BYTES, "application/pdf", "tanpa-ekstensi.pdf"),
    ],
)
def test_attachment_upload_accepted_by_content(
    name, content, content_type, kept_as, api_as, operator, innovation, private_storage
):
    response = upload(api_as(operator), innovation, name, content, kind="report", indicator=20)

    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["filename"] == kept_as
    assert data["content_type"] == content_type
    assert data["size"] == len(content)
    assert data["indicator"] == 20
    assert data["url"].endswith(f"/attachments/{data['id']}/download/")
    files = stored_files(private_storage)
    assert len(files) == 1
    assert name not in files[0].name  # stored under a random name
    assert files[0].read_bytes() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("program.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64),
        ("program.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64),
        ("gambar.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
        ("halaman.pdf", b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
        ("arsip.docx", office_bytes("zip")),
        ("teks.pdf", b"hanya teks biasa"),
        ("anim.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04"),
    ],
)
def test_attachment_upload_refused_by_content(
    name, content, api_as, operator, innovation, private_storage
):
    response = upload(api_as(operator), innovation, name, content)

    assert response.status_code == 400
    assert "PDF" in response.json()["file"][0]
    assert not Attachment.objects.exists()
    assert stored_files(private_storage) == []


def test_attachment_upload_macro_document_refused(api_as, operator, innovation):
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("word/vbaProject.bin", "macro")

    response = upload(api_as(operator), innovation, "sk.docx", buffer.getvalue())

    assert response.status_code == 400


def test_attachment_upload_11_mb_refused(api_as, operator, innovation, private_storage):
    content = PDF_BYTES + b"0" * (11 * MB)

    response = upload(api_as(operator), innovation, "besar.pdf", content)

    assert response.status_code == 413
    assert "10" in response.json()["file"][0]
    assert not Attachment.objects.exists()
    assert stored_files(private_storage) == []


def test_attachment_upload_limit_is_configurable(settings, api_as, operator, innovation):
    settings.ATTACHMENT_MAX_BYTES = 20

    response = upload(api_as(operator), innovation, "laporan.pdf", PDF_BYTES)

    assert response.status_code == 413


def test_attachment_upload_empty_file_refused(api_as, operator, innovation, private_storage):
    response = upload(api_as(operator), innovation, "kosong.pdf", b"")

    assert response.status_code == 400
    assert response.json()["file"]
    assert stored_files(private_storage) == []


def test_attachment_upload_bad_indicator_refused(api_as, operator, innovation, private_storage):
    response = upload(api_as(operator), innovation, "laporan.pdf", PDF_BYTES, indicator=3)

    assert response.status_code == 400
    assert "indicator" in response.json()
    assert stored_files(private_storage) == []


def test_attachment_upload_with_lab_stage(api_as, operator, innovation):
    response = upload(api_as(operator), innovation, "laporan.pdf", PDF_BYTES, lab_stage="diagnose")

    assert response.status_code == 201
    assert Attachment.objects.get().lab_stage == "diagnose"


def test_attachment_upload_in_submitted_409(api_as, operator, innovation, private_storage):
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = upload(api_as(operator), innovation, "laporan.pdf", PDF_BYTES)

    assert response.status_code == 409
    assert stored_files(private_storage) == []


def test_attachment_stage_artefact_after_approval_accepted(api_as, operator, innovation):
    innovation.status = Status.APPROVED
    innovation.save()

    response = upload(api_as(operator), innovation, "poster.pdf", PDF_BYTES, lab_stage="display")

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 201),
        ("head", 201),
        ("curator", 404),
        ("admin", 403),
        ("leader", 404),
        ("other_operator", 404),
        (None, 401),
    ],
)
def test_attachment_upload_per_role(role, expected, users_by_role, api_as, innovation):
    user = users_by_role[role] if role else None

    assert upload(api_as(user), innovation, "l.pdf", PDF_BYTES).status_code == expected


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 200),
        ("head", 200),
        ("curator", 200),
        ("lead_curator", 200),
        ("admin", 200),
        ("leader", 200),
        ("other_operator", 404),
        (None, 401),
    ],
)
def test_attachment_list_and_download_per_role(role, expected, users_by_role, api_as, innovation):
    innovation.status = Status.SUBMITTED
    innovation.save()
    attachment = AttachmentFactory(innovation=innovation, filename="laporan kegiatan.pdf")
    client = api_as(users_by_role[role] if role else None)

    listing = client.get(url(innovation))
    download = client.get(url(innovation, f"{attachment.pk}/download/"))

    assert listing.status_code == expected
    assert download.status_code == expected
    if expected == 200:
        assert [a["id"] for a in listing.json()] == [attachment.pk]
        assert b"".join(download.streaming_content) == PDF_BYTES
        assert download["Content-Type"] == "application/pdf"
        assert download["Content-Disposition"].startswith("attachment;")
        assert "laporan kegiatan.pdf" in download["Content-Disposition"]


def test_attachment_download_with_any_accept_header(api_as, operator, innovation):
    attachment = AttachmentFactory(innovation=innovation)

    response = api_as(operator).get(
        url(innovation, f"{attachment.pk}/download/"), HTTP_ACCEPT="application/pdf"
    )

    assert response.status_code == 200


def test_attachment_of_another_innovation_404(api_as, operator, innovation, unit, cycle):
    from .factories import InnovationFactory

    other = AttachmentFactory(innovation=InnovationFactory(unit=unit, cycle=cycle))

    response = api_as(operator).get(url(innovation, f"{other.pk}/download/"))

    assert response.status_code == 404


def test_attachment_not_served_as_media(client, innovation):
    attachment = AttachmentFactory(innovation=innovation)

    assert client.get(f"/media/{attachment.file.name}").status_code in (302, 404)


def test_attachment_delete_while_editable(
    api_as, operator, innovation, private_storage, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(innovation=innovation)
    assert len(stored_files(private_storage)) == 1

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(operator).delete(url(innovation, f"{attachment.pk}/"))

    assert response.status_code == 204
    assert not Attachment.objects.exists()
    assert stored_files(private_storage) == []


def test_attachment_delete_when_submitted_409(api_as, operator, innovation):
    attachment = AttachmentFactory(innovation=innovation)
    innovation.status = Status.SUBMITTED
    innovation.save()

    response = api_as(operator).delete(url(innovation, f"{attachment.pk}/"))

    assert response.status_code == 409
    assert response.json()["status"] == "submitted"
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert default_storage.exists(attachment.file.name)


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("head", 204),
        ("curator", 404),
        ("admin", 403),
        ("leader", 404),
        ("other_operator", 404),
        (None, 401),
    ],
)
def test_attachment_delete_per_role(role, expected, users_by_role, api_as, innovation):
    attachment = AttachmentFactory(innovation=innovation)
    user = users_by_role[role] if role else None

    response = api_as(user).delete(url(innovation, f"{attachment.pk}/"))

    assert response.status_code == expected
    assert Attachment.objects.filter(pk=attachment.pk).exists() is (expected != 204)


# IGA readiness evidence: files tagged with an IID indicator go on after the launch (the national
# reporting runs June-August), beside the submitted profile, never changing it.


@pytest.fixture
def launched(innovation):
    innovation.status = Status.LAUNCHED
    innovation.submitted_at = innovation.created_at
    innovation.save()
    return innovation


def test_attachment_tagged_evidence_after_launch_accepted(
    api_as, operator, launched, private_storage
):
    response = upload(
        api_as(operator), launched, "bukti.pdf", PDF_BYTES, kind="report", indicator=33
    )

    assert response.status_code == 201, response.json()
    attachment = Attachment.objects.get()
    assert (attachment.indicator, attachment.uploaded_by) == (33, operator)
    assert len(stored_files(private_storage)) == 1


def test_attachment_tagged_evidence_leaves_the_submitted_version(api_as, operator, innovation):
    version = profile_snapshot(innovation=innovation, by=operator)
    innovation.status = Status.LAUNCHED
    innovation.submitted_at = version.created_at
    innovation.save()

    upload(api_as(operator), innovation, "bukti.pdf", PDF_BYTES, indicator=33)

    version.refresh_from_db()
    assert version.data["attachments"] == []
    assert innovation.versions.count() == 1


@pytest.mark.parametrize("status", [Status.APPROVED, Status.LAUNCHED, Status.SUBMITTED])
def test_attachment_untagged_after_submission_409(api_as, operator, innovation, status):
    innovation.status = status
    innovation.save()

    response = upload(api_as(operator), innovation, "laporan.pdf", PDF_BYTES, kind="report")

    assert response.status_code == 409
    assert not Attachment.objects.exists()


def test_attachment_tagged_disguised_file_after_launch_refused(
    api_as, operator, launched, private_storage
):
    response = upload(
        api_as(operator), launched, "bukti.pdf", b"MZ\x90\x00 not a pdf", indicator=33
    )

    assert response.status_code == 400
    assert stored_files(private_storage) == []


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("operator", 201),
        ("head", 201),
        ("curator", 201),
        ("lead_curator", 201),
        ("admin", 201),
        ("leader", 403),
        ("other_operator", 404),
        (None, 401),
    ],
)
def test_attachment_tagged_evidence_after_launch_per_role(
    role, expected, users_by_role, api_as, launched
):
    user = users_by_role[role] if role else None

    response = upload(api_as(user), launched, "bukti.pdf", PDF_BYTES, indicator=33)

    assert response.status_code == expected
    assert Attachment.objects.exists() is (expected == 201)


def test_attachment_own_tagged_evidence_removed_after_launch(
    api_as, operator, launched, private_storage, django_capture_on_commit_callbacks
):
    attachment = AttachmentFactory(innovation=launched, indicator=33, uploaded_by=operator)

    with django_capture_on_commit_callbacks(execute=True):
        response = api_as(operator).delete(url(launched, f"{attachment.pk}/"))

    assert response.status_code == 204
    assert not Attachment.objects.exists()
    assert stored_files(private_storage) == []


def test_attachment_tagged_evidence_of_the_submitted_profile_stays_409(api_as, operator, launched):
    attachment = AttachmentFactory(innovation=launched, indicator=33, uploaded_by=operator)
    launched.submitted_at = attachment.uploaded_at + datetime.timedelta(seconds=1)
    launched.save()

    response = api_as(operator).delete(url(launched, f"{attachment.pk}/"))

    assert response.status_code == 409
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_attachment_untagged_file_after_launch_not_removed_409(api_as, operator, launched):
    attachment = AttachmentFactory(innovation=launched, uploaded_by=operator)

    response = api_as(operator).delete(url(launched, f"{attachment.pk}/"))

    assert response.status_code == 409
    assert Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("head", 409),  # the unit's, but not theirs: the profile's rule answers
        ("curator", 403),
        ("admin", 403),
        ("leader", 403),
        ("other_operator", 404),
        (None, 401),
    ],
)
def test_attachment_others_tagged_evidence_after_launch_not_removed(
    role, expected, users_by_role, api_as, operator, launched
):
    attachment = AttachmentFactory(innovation=launched, indicator=33, uploaded_by=operator)
    user = users_by_role[role] if role else None

    response = api_as(user).delete(url(launched, f"{attachment.pk}/"))

    assert response.status_code == expected
    assert Attachment.objects.filter(pk=attachment.pk).exists()


@pytest.mark.parametrize("role", ["curator", "admin"])
def test_attachment_curators_own_tagged_evidence_removed_after_launch(
    role, users_by_role, api_as, launched
):
    user = users_by_role[role]
    attachment = AttachmentFactory(innovation=launched, indicator=33, uploaded_by=user)

    response = api_as(user).delete(url(launched, f"{attachment.pk}/"))

    assert response.status_code == 204
    assert not Attachment.objects.exists()
