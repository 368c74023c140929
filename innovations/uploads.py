"""Judging an uploaded file by what it contains, never by its name or the browser's word."""

import os
import zipfile

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ALLOWED_TYPES = {PDF: "PDF", JPEG: "JPEG", PNG: "PNG", XLSX: "XLSX", DOCX: "DOCX"}
ZIP_LIKE = {"application/zip", XLSX, DOCX}
HEAD_BYTES = 8192


class AttachmentTooLarge(ValidationError):
    """Over the size limit: the API answers 413 rather than 400."""


def _office_type(file):
    """DOCX and XLSX are zip files: tell them apart by the parts inside, refuse macro files."""
    try:
        file.seek(0)
        with zipfile.ZipFile(file) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names or any(n.endswith("vbaProject.bin") for n in names):
        return None
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


def clean_filename(name):
    base = os.path.basename((name or "").replace("\\", "/")).strip()
    return (base or "file")[-255:]


def check_upload(file):
    """The detected content type of an acceptable upload; ValidationError on `file` otherwise."""
    limit = settings.ATTACHMENT_MAX_BYTES
    size = file.size
    if size is None or size == 0:
        raise ValidationError({"file": [_("The file is empty.")]}, code="empty")
    if size > limit:
        raise AttachmentTooLarge(
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
        raise ValidationError(
            {
                "file": [
                    _("This file type is not accepted. Allowed: %(types)s.")
                    % {"types": ", ".join(ALLOWED_TYPES.values())}
                ]
            },
            code="type",
        )
    return content_type
