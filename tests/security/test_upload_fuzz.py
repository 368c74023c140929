"""Upload fuzzing: random and malformed files never crash a view nor leave anything on disk.

Every endpoint that takes a file (the attachment API and page, the agreement scan by API and
page, the community form and API, the IGA region evidence) receives the same corpus: valid
files of each allowed type, seeded random bytes, truncated headers, a PDF header followed by
garbage, a zip that is not an Office file, an Office file with a macro, markup and scripts
named .pdf/.png, a file over the size limit, an empty file, and hostile file names.

For each: never a 5xx; content of a type the endpoint accepts is stored once, under a random
name, byte for byte; anything else is refused with a message and leaves MEDIA_ROOT as it was.
MEDIA_ROOT is a fresh directory per test, so files written by other tests running in parallel
cannot blur the before/after comparison. Each request runs in a rolled-back savepoint, so one
accepted upload (a signature, a new community entry) does not change what the next case meets.
"""

import dataclasses
from pathlib import Path

import pytest
from django.contrib.messages import constants, get_messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.forms import BaseForm
from django.test import Client
from rest_framework.authtoken.models import Token

from iga.models import RegionIndicator
from innovations.enums import Status
from innovations.models import Attachment
from innovations.uploads import DOCX, JPEG, PDF, PNG, XLSX, check_upload
from tests.innovations.factories import (
    AttachmentFactory,
    InnovationFactory,
    design_text,
)

from .upload_corpus import ALL_TYPES, CORPUS, LIMIT, MACRO_FILES, RANDOM_NAME
from .urlwalk import build_world

pytestmark = [pytest.mark.security, pytest.mark.django_db]


def file_of(upload):
    return SimpleUploadedFile(upload.name, upload.content, content_type="application/pdf")


def token_client(user):
    token, _ = Token.objects.get_or_create(user=user)
    return Client(HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_ACCEPT_LANGUAGE="en")


def session_client(user=None):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.force_login(user)
    return client


def community_fields():
    return {
        "title": "Sasirangan Eco Print Desa Belangian",
        "summary": "Kain sasirangan dengan pewarna daun dan kulit kayu setempat.",
        "problem": "Pewarna sintetis mencemari sungai desa.",
        "design": design_text(310),
        "benefits": "Sungai lebih bersih dan penghasilan pengrajin naik.",
        "village": "Desa Belangian, Aranio",
        "name": "Kelompok Pengrajin Belangian",
        "email": "pengrajin@warga.example",
        "phone": "081355512345",
        "website": "",
    }


def api_message(response):
    """The error texts of a JSON answer, wherever they sit."""

    def texts(value):
        if isinstance(value, str):
            return [value] if value.strip() else []
        if isinstance(value, dict):
            return [t for v in value.values() for t in texts(v)]
        if isinstance(value, list):
            return [t for v in value for t in texts(v)]
        return []

    return texts(response.json())


def page_message(response):
    """Form errors rendered on the page, or error messages queued for the next page."""
    found = []
    for context in response.context or []:
        for value in context.flatten().values():
            forms = value.values() if isinstance(value, dict) else [value]
            found += [str(f.errors) for f in forms if isinstance(f, BaseForm) and f.errors]
    found += [m.message for m in get_messages(response.wsgi_request) if m.level == constants.ERROR]
    return found


def queued(response, level):
    return [m for m in get_messages(response.wsgi_request) if m.level == level]


@dataclasses.dataclass(frozen=True)
class Endpoint:
    """How to send a file somewhere, and how that endpoint says "stored" and "refused"."""

    name: str
    accepts: frozenset
    send: object  # (world, upload) -> response
    stored: object  # response -> bool
    refused: object  # response -> list of messages (empty: not a refusal)


def _api_refused(*statuses):
    return lambda r: api_message(r) if r.status_code in statuses else []


def _page_refused(status):
    return lambda r: page_message(r) if r.status_code == status else []


ENDPOINTS = [
    Endpoint(
        "attachments API",
        frozenset(ALL_TYPES),
        lambda w, u: token_client(w.users["operator"]).post(
            f"/api/v1/innovations/{w.draft.pk}/attachments/", {"file": file_of(u), "kind": "other"}
        ),
        lambda r: r.status_code == 201,
        _api_refused(400, 413),
    ),
    Endpoint(
        "attachments page",
        frozenset(ALL_TYPES),
        lambda w, u: session_client(w.users["operator"]).post(
            f"/innovations/{w.draft.pk}/attachments/", {"file": file_of(u), "kind": "other"}
        ),
        lambda r: r.status_code == 302 and not queued(r, constants.ERROR),
        _page_refused(400),
    ),
    Endpoint(
        "agreement scan API",
        frozenset({PDF}),
        lambda w, u: token_client(w.users["head"]).post(
            f"/api/v1/agreements/{w.agreement.pk}/sign/", {"scan": file_of(u)}
        ),
        lambda r: r.status_code == 200 and r.json()["has_scan"],
        _api_refused(400, 413),
    ),
    Endpoint(
        "agreement scan page",
        frozenset({PDF}),
        lambda w, u: session_client(w.users["head"]).post(
            f"/agreements/{w.agreement.pk}/",
            {
                "action": "sign",
                "sign-signatory_name": w.agreement.signatory_name,
                "sign-signatory_nip": w.agreement.signatory_nip,
                "sign-signatory_title": w.agreement.signatory_title,
                "sign-signed_on": w.cycle.submission_opens.isoformat(),
                "sign-scan": file_of(u),
            },
        ),
        lambda r: r.status_code == 302 and not queued(r, constants.ERROR),
        _page_refused(400),
    ),
    Endpoint(
        "community API",
        frozenset(ALL_TYPES),
        lambda w, u: Client(HTTP_ACCEPT_LANGUAGE="en").post(
            "/api/v1/public/submissions/", {**community_fields(), "attachments": [file_of(u)]}
        ),
        lambda r: r.status_code == 202,
        _api_refused(400, 413),
    ),
    Endpoint(
        "community page",
        frozenset(ALL_TYPES),
        lambda w, u: session_client().post(
            "/katalog/submit/", {**community_fields(), "attachments": [file_of(u)]}
        ),
        lambda r: r.status_code == 302 and r["Location"].endswith("/katalog/submit/sent/"),
        # The public form re-renders itself with its errors (200), as its own tests pin down.
        _page_refused(200),
    ),
    Endpoint(
        "IGA region evidence page",
        frozenset(ALL_TYPES),
        lambda w, u: session_client(w.users["admin"]).post(
            f"/iga/{w.cycle.year}/region-indicators/",
            {"number": 2, "level": "2", "evidence_file": file_of(u)},
        ),
        # Saved: a redirect with its message; refused: the page again with the form's errors (400).
        lambda r: r.status_code == 302 and bool(queued(r, constants.SUCCESS)),
        _page_refused(400),
    ),
]


# Issue 15: decrees, monitoring reports and replications store their files as the launched
# innovation's attachments; the legacy archive takes an .xlsx (or a UTF-8 .csv) spreadsheet.
DECREE = {
    "kind": "bupati",
    "number": "188.45/001/2025",
    "issued_on": "2025-03-01",
    "signatory": "Bupati Banjar",
    "indicator": 16,
}
# Outside South Kalimantan (63.xx), so never one of the world's replications
# (tests/portfolio/factories.py numbers theirs 63.05-63.94 in turn).
REGION = {
    "adopter_kind": "region",
    "region_name": "Kabupaten Kutai Kartanegara",
    "region_code": "64.02",
    "replicated_on": "2026-02-10",
}
ENDPOINTS += [
    Endpoint(
        "decree API",
        frozenset(ALL_TYPES),
        lambda w, u: token_client(w.users["operator"]).post(
            f"/api/v1/innovations/{w.launched.pk}/decrees/", {**DECREE, "document": file_of(u)}
        ),
        lambda r: r.status_code == 201,
        _api_refused(400, 413),
    ),
    Endpoint(
        "decree page",
        frozenset(ALL_TYPES),
        lambda w, u: session_client(w.users["operator"]).post(
            f"/portfolio/innovations/{w.launched.pk}/decrees/", {**DECREE, "document": file_of(u)}
        ),
        lambda r: r.status_code == 302 and not queued(r, constants.ERROR),
        _page_refused(400),
    ),
    Endpoint(
        "monitoring report API",
        frozenset(ALL_TYPES),
        lambda w, u: token_client(w.users["operator"]).post(
            f"/api/v1/innovations/{w.launched.pk}/monitoring/",
            {"period": 1, "beneficiaries": 10, "files": [file_of(u)]},
        ),
        lambda r: r.status_code in (200, 201) and bool(r.json()["evidence"]),
        _api_refused(400, 413),
    ),
    Endpoint(
        "replication API",
        frozenset(ALL_TYPES),
        lambda w, u: token_client(w.users["operator"]).post(
            f"/api/v1/innovations/{w.launched.pk}/replications/", {**REGION, "files": [file_of(u)]}
        ),
        lambda r: r.status_code == 201,
        _api_refused(400, 413),
    ),
    Endpoint(
        "legacy archive API",
        frozenset({XLSX}),
        lambda w, u: token_client(w.users["admin"]).post(
            "/api/v1/legacy-imports/", {"file": file_of(u)}
        ),
        lambda r: r.status_code == 202,
        _api_refused(400, 413),
    ),
    Endpoint(
        "legacy archive page",
        frozenset({XLSX}),
        lambda w, u: session_client(w.users["admin"]).post(
            "/portfolio/imports/", {"file": file_of(u)}
        ),
        lambda r: r.status_code == 302,
        _page_refused(400),
    ),
]


def files_under(root):
    return {path.relative_to(root) for path in Path(root).rglob("*") if path.is_file()}


def unsafe_recorded_names():
    """Original names as recorded for display: never a path, never a control character."""
    names = list(Attachment.objects.values_list("filename", flat=True))
    names += RegionIndicator.objects.values_list("evidence_filename", flat=True)
    return [n for n in names if "/" in n or "\\" in n or any(ord(c) < 32 for c in n)]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**settings.STORAGES["default"].get("OPTIONS", {}), "location": tmp_path},
        },
    }
    settings.ATTACHMENT_MAX_BYTES = LIMIT
    return tmp_path


@pytest.fixture
def world(db):
    world = build_world()
    world.draft = InnovationFactory(unit=world.unit, cycle=world.cycle, status=Status.DRAFT)
    return world


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda endpoint: endpoint.name)
def test_upload_endpoint_stores_only_what_it_accepts(endpoint, world, media):
    wrong = []
    for upload in CORPUS:
        cache.clear()  # the community rate limit counts accepted entries per address
        before = files_under(media)
        with transaction.atomic():
            response = endpoint.send(world, upload)
            unsafe = unsafe_recorded_names()
            transaction.set_rollback(True)
        new = files_under(media) - before
        outcome = f"{upload.label!r} ({upload.name!r}): {response.status_code}"
        if response.status_code >= 500:
            wrong.append(f"{outcome}: server error")
            continue
        allowed = upload.kind in endpoint.accepts
        if endpoint.stored(response):
            if not allowed:
                wrong.append(f"{outcome}: stored, though not an accepted type")
            elif len(new) != 1:
                wrong.append(f"{outcome}: stored, files written: {sorted(map(str, new))}")
            else:
                (path,) = new
                if not RANDOM_NAME.match(path.name):
                    wrong.append(f"{outcome}: stored under a name that is not random: {path}")
                if (media / path).read_bytes() != upload.content:
                    wrong.append(f"{outcome}: the stored bytes differ from the upload")
            if unsafe:
                wrong.append(f"{outcome}: recorded names {unsafe}")
        elif endpoint.refused(response):
            if new:
                wrong.append(f"{outcome}: refused, but left {sorted(map(str, new))}")
            if allowed and upload.strict:
                wrong.append(f"{outcome}: a valid file was refused: {endpoint.refused(response)}")
        else:
            wrong.append(f"{outcome}: neither stored nor refused with a message")
    assert not wrong, f"{endpoint.name}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("label", MACRO_FILES)
def test_check_upload_refuses_macros_with_a_clear_message(label, settings):
    settings.ATTACHMENT_MAX_BYTES = LIMIT
    upload = SimpleUploadedFile("proposal.docx", MACRO_FILES[label])

    with pytest.raises(ValidationError) as raised:
        check_upload(upload)

    assert raised.value.error_dict["file"][0].code == "macro"
    assert "makro" in " ".join(raised.value.messages)  # the default language, Indonesian


@pytest.mark.parametrize(
    ("stored_name", "content_type", "served_name", "served_type"),
    [
        ("laporan.html", PDF, "laporan.pdf", PDF),
        ("setup.exe", PNG, "setup.png", PNG),
        ("gambar.svg", PNG, "gambar.png", PNG),
        ("proposal.docm", DOCX, "proposal.docx", DOCX),
        ("anggaran.xlsm", XLSX, "anggaran.xlsx", XLSX),
        ("tanpa ekstensi", PDF, "tanpa ekstensi.pdf", PDF),
        ("foto.JPEG", JPEG, "foto.JPEG", JPEG),  # already right: the display name is kept
        ("foto.jpg", JPEG, "foto.jpg", JPEG),
        ("Laporan Akhir.PDF", PDF, "Laporan Akhir.PDF", PDF),
        # A stored type the portal never accepts (a row from before sniffing): opaque bytes.
        ("laporan.pdf", "text/html", "laporan.bin", "application/octet-stream"),
    ],
)
def test_attachment_download_name_matches_sniffed_type(
    api_as, world, media, stored_name, content_type, served_name, served_type
):
    attachment = AttachmentFactory(
        innovation=world.innovation, filename=stored_name, content_type=content_type
    )

    response = api_as(world.users["operator"]).get(
        f"/api/v1/innovations/{world.innovation.pk}/attachments/{attachment.pk}/download/"
    )

    assert response.status_code == 200
    assert response["Content-Type"] == served_type
    assert response["Content-Disposition"] == f'attachment; filename="{served_name}"'
