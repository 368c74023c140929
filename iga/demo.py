"""Demo IGA data for `make run`: the region's levels, the innovations' levels with their evidence
and the entries reported to the IGA of a year, so the estimate and the planner have something to
work on (for 2025: an "inovatif" region that can see what it still needs for sangat inovatif).

Everything is fiction on the demo innovations (`is_demo`), derived from their codes so every run
gives the same figures; evidence files are one-page PDFs named "[DEMO] ...". Idempotent: a cycle
that already has IGA entries or region levels is left alone.
"""

import random

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import transaction

from accounts.enums import Role
from innovations.enums import APPROVED_STATUSES, AttachmentKind
from innovations.models import Attachment, Innovation

from .enums import NationalStatus, Part
from .models import IgaEntry, Indicator, IndicatorScore, RegionIndicator

DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
# The region's levels on indicators 1-15, and the one whose evidence is still missing.
REGION_LEVELS = [3, 3, 2, 2, 1, 2, 2, 3, 2, 2, 3, 1, 2, 1, 0]
REGION_UNPROVEN = {12}
# How often an innovation reaches each level on an indicator, and how often its evidence is in.
LEVEL_WEIGHTS = {0: 10, 1: 22, 2: 38, 3: 30}
EVIDENCE_SHARE = 0.9
DEFAULT_ENTRIES = 20


def _pdf(name):
    return ContentFile(DEMO_PDF, name=name)


def _admin():
    return get_user_model().objects.filter(role=Role.ADMIN, is_active=True).first()


def _region(cycle, admin):
    indicators = Indicator.objects.filter(cycle=cycle, part=Part.REGION).order_by("number")
    for indicator, level in zip(indicators, REGION_LEVELS, strict=False):
        row = RegionIndicator(
            cycle=cycle,
            indicator=indicator,
            level=level,
            note="[DEMO] Diisi sebagai contoh.",
            updated_by=admin,
        )
        if level and indicator.number not in REGION_UNPROVEN:
            row.evidence_file = _pdf("bukti-daerah.pdf")
            row.evidence_filename = f"[DEMO] bukti indikator {indicator.number}.pdf"
        row.save()


def _levels(innovation, indicators, admin):
    rng = random.Random(f"iga-{innovation.code}")  # noqa: S311 (demo data, not secrets)
    scores, attachments = [], []
    for indicator in indicators:
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        if not level:
            continue
        scores.append(
            IndicatorScore(
                innovation=innovation, indicator=indicator, level=level, updated_by=admin
            )
        )
        if rng.random() < EVIDENCE_SHARE:
            attachments.append(
                Attachment(
                    innovation=innovation,
                    kind=AttachmentKind.REPORT,
                    indicator=indicator.number,
                    file=_pdf("bukti.pdf"),
                    filename=f"[DEMO] bukti indikator {indicator.number}.pdf",
                    size=len(DEMO_PDF),
                    content_type="application/pdf",
                    uploaded_by=admin,
                )
            )
    return scores, attachments


def seed_demo_iga(cycle, *, entries=DEFAULT_ENTRIES):
    """Levels and entries for the cycle's demo innovations; returns (entries, levels, region)
    created, all 0 when the cycle already has IGA data."""
    if (
        IgaEntry.objects.filter(cycle=cycle).exists()
        or RegionIndicator.objects.filter(cycle=cycle).exists()
    ):
        return 0, 0, 0
    admin = _admin()
    indicators = list(Indicator.objects.filter(cycle=cycle, part=Part.INNOVATION))
    chosen = list(
        Innovation.objects.filter(cycle=cycle, is_demo=True, status__in=APPROVED_STATUSES)
        .exclude(implementation_date=None)
        .order_by("code")[:entries]
    )
    levels = 0
    with transaction.atomic():
        _region(cycle, admin)
        for position, innovation in enumerate(chosen):
            scores, attachments = _levels(innovation, indicators, admin)
            IndicatorScore.objects.bulk_create(scores)
            for attachment in attachments:  # each file is written by save()
                attachment.save()
            levels += len(scores)
            IgaEntry.objects.create(
                innovation=innovation,
                cycle=cycle,
                reported_by=admin,
                # One entry the national verification rejected: it scores 0 but stays in n.
                national_status=NationalStatus.REJECTED
                if position == len(chosen) - 1 and len(chosen) > 10
                else NationalStatus.REPORTED,
            )
    return len(chosen), levels, len(REGION_LEVELS)
