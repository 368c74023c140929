"""Factories of the innovations tests: a complete, submittable profile by default."""

import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile
from factory.django import DjangoModelFactory

from accounts.enums import Role
from innovations.checks import region_today
from innovations.enums import (
    AttachmentKind,
    Form,
    HelixActor,
    Initiator,
    InnovationType,
    Maturity,
    Origin,
    Status,
)
from innovations.models import (
    Attachment,
    CommunitySubmitter,
    DeadlineExtension,
    Innovation,
    Innovator,
    Partner,
)
from tests.factories import CycleFactory, UnitFactory, UserFactory

SENTENCE = (
    "Inovasi ini mempercepat pelayanan administrasi kependudukan di kecamatan dengan antrean "
    "daring, verifikasi berkas oleh petugas desa, dan pemberitahuan lewat pesan singkat."
)


def words(count, word="kata"):
    """A text of exactly `count` words (plus punctuation that is not a word)."""
    return " ".join(f"{word}{i}" for i in range(count)) + " —"


def design_text(count=320):
    sentence_words = SENTENCE.split()
    chosen = [sentence_words[i % len(sentence_words)] for i in range(count)]
    return " ".join(chosen)


def open_cycle(**overrides):
    """The cycle of this year, open for submissions for another three months."""
    today = region_today()
    defaults = {
        "year": today.year,
        "submission_opens": today - datetime.timedelta(days=60),
        "submission_deadline": today + datetime.timedelta(days=90),
        "curation_deadline": today + datetime.timedelta(days=120),
        "agreement_deadline": today - datetime.timedelta(days=30),
        "launch_date": today + datetime.timedelta(days=150),
    }
    return CycleFactory(**{**defaults, **overrides})


class InnovationFactory(DjangoModelFactory):
    class Meta:
        model = Innovation
        skip_postgeneration_save = True

    cycle = factory.LazyFunction(open_cycle)
    unit = factory.SubFactory(UnitFactory)
    status = Status.DRAFT
    title = factory.Sequence(lambda n: f"Layanan Cepat Adminduk {n}")
    origin = Origin.MANDIRI
    form = Form.PELAYANAN_PUBLIK
    type = InnovationType.DIGITAL
    initiator = Initiator.ASN
    maturity = Maturity.UJI_COBA
    trial_date = datetime.date(2025, 3, 1)
    implementation_date = datetime.date(2025, 6, 1)
    summary = "Antrean daring untuk layanan adminduk di kecamatan."
    problem = "Warga desa menempuh perjalanan jauh dan antre berjam-jam."
    design = factory.LazyFunction(design_text)
    goals = "Mempersingkat waktu layanan menjadi satu hari."
    benefits = "Warga hemat waktu dan biaya perjalanan."
    results = ""
    budget = 25_000_000
    budget_source = "APBD"
    affairs = factory.LazyFunction(lambda: ["administrasi kependudukan", "komunikasi"])
    tags = factory.LazyFunction(lambda: ["SDGs 16"])
    created_by = None


class CommunityInnovationFactory(InnovationFactory):
    unit = None
    origin = Origin.MASYARAKAT
    initiator = Initiator.MASYARAKAT
    created_by = factory.SubFactory(UserFactory, role=Role.CURATOR)
    submitter = factory.RelatedFactory(
        "tests.innovations.factories.CommunitySubmitterFactory", factory_related_name="innovation"
    )


class CommunitySubmitterFactory(DjangoModelFactory):
    class Meta:
        model = CommunitySubmitter

    innovation = factory.SubFactory(CommunityInnovationFactory, submitter=None)
    name = "Kelompok Tani Sumber Rejeki"
    email = factory.Sequence(lambda n: f"warga{n}@contoh.id")
    phone = "081234567890"
    village = "Desa Sungai Batang, Martapura Barat"


class InnovatorFactory(DjangoModelFactory):
    class Meta:
        model = Innovator

    innovation = factory.SubFactory(InnovationFactory)
    name = factory.Sequence(lambda n: f"Inovator {n}")
    nip = "198502142010011003"


class PartnerFactory(DjangoModelFactory):
    class Meta:
        model = Partner

    innovation = factory.SubFactory(InnovationFactory)
    actor = HelixActor.AKADEMISI
    name = "Universitas Lambung Mangkurat"
    role = "Pendampingan evaluasi"


# The smallest content each sniffing rule accepts.
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"


def office_bytes(kind):
    """A minimal DOCX ("word") or XLSX ("xl") package, or a plain zip ("zip")."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind != "zip":
            archive.writestr("[Content_Types].xml", "<Types/>")
        if kind == "word":
            archive.writestr("word/document.xml", "<w:document/>")
        elif kind == "xl":
            archive.writestr("xl/workbook.xml", "<workbook/>")
        else:
            archive.writestr("notes.txt", "hello")
    return buffer.getvalue()


class AttachmentFactory(DjangoModelFactory):
    class Meta:
        model = Attachment

    innovation = factory.SubFactory(InnovationFactory)
    kind = AttachmentKind.REPORT
    file = factory.LazyFunction(lambda: ContentFile(PDF_BYTES, name="laporan.pdf"))
    filename = "laporan.pdf"
    size = len(PDF_BYTES)
    content_type = "application/pdf"


class DeadlineExtensionFactory(DjangoModelFactory):
    class Meta:
        model = DeadlineExtension

    cycle = factory.LazyFunction(open_cycle)
    unit = factory.SubFactory(UnitFactory)
    until = factory.LazyAttribute(
        lambda o: o.cycle.submission_deadline + datetime.timedelta(days=14)
    )
