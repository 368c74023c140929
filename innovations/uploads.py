"""Uploaded files: judged by what they contain, never by their name or the browser's word;
stored with their row, and removed from storage only once their row's removal is committed."""

import os
import re
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from intan_banjar.exceptions import InvalidInput, TooLarge

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", XLSX: "XLSX", DOCX: "DOCX"}
ZIP_LIKE = {"application/zip", XLSX, DOCX}
# The extension a download is served with, per sniffed type (the first one when the user's
# name has none of them); a type the portal never accepts is served as opaque bytes.
EXTENSIONS = {
    PDF: (".pdf",),
    JPEG: (".jpg", ".jpeg", ".jpe"),
    PNG: (".png",),
    XLSX: (".xlsx",),
    DOCX: (".docx",),
}
OPAQUE = "application/octet-stream"
# Macro and ActiveX parts of an Office file, by name (any folder, any case) or by the content
# type [Content_Types].xml declares: Word and Excel find a macro project through its declared
# type and relationship, so a renamed part is as live as `word/vbaProject.bin`.
MACRO_PART = re.compile(r"(^|/)(vbaproject[^/]*\.bin|vbadata\.xml|activex[^/]*\.bin)$", re.I)
MACRO_TYPE = re.compile(rb"macroenabled|vbaproject|ms-office\.activex|vbadata", re.I)
CONTENT_TYPES_MAX = 1024 * 1024  # [Content_Types].xml is a few KB; read no more than this
HEAD_BYTES = 8192
# Each format's closing marker: a file cut short, or a magic number glued onto anything else,
# lacks it. Searched anywhere after the start, not only at the very end: phones append a video
# after a JPEG's end, and PDFs may carry bytes after their last %%EOF. (Zips are checked by
# reading their central directory, which sits at the end.)
END_MARKERS = {PDF: b"%%EOF", PNG: b"IEND", JPEG: b"\xff\xd9"}


def _has_macros(archive, names):
    if any(MACRO_PART.search(name) for name in names):
        return True
    with archive.open("[Content_Types].xml") as part:
        declared = part.read(CONTENT_TYPES_MAX)  # bounded: a zip bomb inflates no further
    return bool(MACRO_TYPE.search(declared))


def _office_type(file):
    """DOCX and XLSX are zip files: tell them apart by the parts inside, refuse macro files."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
            if "[Content_Types].xml" not in names:
                return None
            macros = _has_macros(archive, names)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, NotImplementedError):
        return None
    finally:
        file.seek(0)
    if macros:
        message = _(
            "This document contains macros or ActiveX controls, which are not accepted. "
            "Save it as a plain .docx or .xlsx and upload it again."
        )
        # Refused whatever the file's name says.
        raise InvalidInput({"file": [ValidationError(message, code="macro")]})
    if "word/document.xml" in names:
        return DOCX
    if "xl/workbook.xml" in names:
        return XLSX
    return None


def sniff_content_type(file):
    """The allowed MIME type the content matches, or None."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    kind = filetype.guess(head) if head else None
    if kind is None:
        return None
    if kind.mime in ZIP_LIKE:
        return _office_type(file)
    return kind.mime if kind.mime in ALLOWED_TYPES else None


def is_complete(file, content_type):
    """Whether the file holds its format's closing marker (see END_MARKERS)."""
    marker = END_MARKERS.get(content_type)
    if marker is None:
        return True
    found, carry = False, b""
    file.seek(0)
    while not found and (chunk := file.read(64 * 1024)):
        window = carry + chunk
        found = marker in window
        carry = window[-(len(marker) - 1) :]
    file.seek(0)
    return found


def download_name(filename, content_type):
    """The name a stored file is served under: its extension always matches the sniffed type.

    A browser or an office program trusts the extension: "laporan.html" holding a PDF is served
    as "laporan.pdf", "x.docm" as "x.docx". Uploads are stored under this name already
    (`upload_name`); this also covers rows stored otherwise.
    """
    stem, extension = os.path.splitext(filename or "file")
    allowed = EXTENSIONS.get(content_type, (".bin",))
    if extension.lower() in allowed:
        return filename
    return f"{stem or 'file'}{allowed[0]}"


def upload_name(file, content_type):
    """The name an accepted upload is kept and shown under: the one it is downloaded with, so
    the lists, the curators' "what changed" and the API never name "foto.pdf" a file that
    downloads as "foto.png"."""
    named = download_name(clean_filename(getattr(file, "name", "")), content_type)
    return clean_filename(named)  # an added extension may not push the name past 255


def served_content_type(content_type):
    return content_type if content_type in ALLOWED_TYPES else OPAQUE


def clean_filename(name):
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    return (base or "file")[-255:]


def check_upload(file):
    """The detected content type of an acceptable upload; `InvalidInput` on `file` otherwise
    (`TooLarge` over the size limit: the API answers 413 rather than 400)."""
    limit = settings.ATTACHMENT_MAX_BYTES
    size = file.size
    if size is None or size == 0:
        raise InvalidInput({"file": [_("The file is empty.")]}, code="empty")
    if size > limit:
        raise TooLarge(
            {
                "file": [
                    _("The file is %(size)s; the limit is %(limit)s per file.")
                    % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
                ]
            },
            code="too_large",
        )
    content_type = sniff_content_type(file)
    if content_type is None:
        raise InvalidInput(
            {
                "file": [
                    _("This file type is not accepted. Allowed: %(types)s.")
                    % {"types": ", ".join(ALLOWED_TYPES.values())}
                ]
            },
            code="type",
        )
    if not is_complete(file, content_type):
        raise InvalidInput(
            {"file": [_("The file is damaged or incomplete: save or export it again.")]},
            code="damaged",
        )
    return content_type


def save_with_file(instance, field_file, name, content):
    """Store `content` as `field_file` (a FileField of `instance`), then save the row.

    A row that does not save leaves no file behind in storage.
    """
    field_file.save(name, content, save=False)
    try:
        instance.save()
    except Exception:
        field_file.delete(save=False)
        raise
    return instance


def delete_after_commit(storage, name):
    """Remove a stored file once the transaction that dropped it commits (kept on a rollback)."""
    transaction.on_commit(lambda: storage.delete(name))
