"""Demo data of the portfolio for `make run` (idempotent), all flagged as demo.

- a legacy archive of 2022-2024 imported through the import page's own jobs (a preview, then
  the import), so the import page shows both and the catalogue, the trend and the IID
  candidates show the archive;
- DINKES's "SIGAP GIZI": archived in 2024, launched in 2025 (its predecessor is the archived
  entry), continued into the current year as a draft reusing its 2025 evidence;
- on the 2025 entry: a decree of the agency head lapsing in three weeks, the first monitoring
  report filed (the second due), two replications; other launched DINKES innovations of 2025
  owe their reports (overdue).
Nothing here is a fact about the regency: every entry says "[DEMO]".
"""

import datetime
import io

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from accounts.enums import Role
from accounts.models import Unit, User
from innovations.checks import region_today
from innovations.demo import DEMO_TAG, ensure_cycle, wita_datetime
from innovations.demo_dates import past_date
from innovations.enums import AttachmentKind, HistoryAction, Status
from innovations.models import Attachment, Cycle, Innovation, TransitionLog, allocate_codes
from intan_banjar.tabular import Column, Sheet, write_xlsx

from . import continuation, decrees, monitoring, replications
from .enums import AdopterKind, DecreeKind, ImportStatus, MonitoringMethod
from .legacy import legacy_import_preview, legacy_import_run, legacy_import_start
from .legacy_template import COLUMNS
from .models import Decree, LegacyImport, MonitoringReport, Replication

ARCHIVE_FILE = "arsip-inovasi-demo.xlsx"
SIGAP = "SIGAP GIZI"
DEMO_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
# (year, name, unit code, status, implementation date, legacy id, community submitter)
ARCHIVE_ROWS = [
    (2024, SIGAP, "DINKES", "diluncurkan", "2024-05-02", "DEMO-2024-01", ""),
    (2024, "ANTAR OBAT DESA", "DINKES", "diluncurkan", "2024-03-11", "DEMO-2024-02", ""),
    (2024, "SIPANDU SAMPAH", "DPRKPLH", "diluncurkan", "2024-07-01", "DEMO-2024-03", ""),
    (2024, "KELAS IBU TANGGUH", "DINSOS-P3AP2KB", "disetujui", "2024-08-19", "DEMO-2024-04", ""),
    (2024, "PASAR TERTIB", "DKUMPP", "ditolak", "", "DEMO-2024-05", ""),
    (
        2024,
        "BANK SAMPAH WARGA",
        "",
        "diluncurkan",
        "2024-02-05",
        "DEMO-2024-06",
        "Kelompok Peduli Lingkungan Gambut [DEMO]",
    ),
    (2023, "LAPOR CEPAT", "DKISP", "diluncurkan", "2023-04-03", "DEMO-2023-01", ""),
    (2023, "SEKOLAH RAMAH ANAK", "DISDIK", "diluncurkan", "2023-02-13", "DEMO-2023-02", ""),
    (2023, "IRIGASI TETES", "DISTAN", "diluncurkan", "2023-06-05", "DEMO-2023-03", ""),
    (2023, "PERPUSTAKAAN KELILING", "DISPERSIP", "ditolak", "", "DEMO-2023-04", ""),
    (2022, "ANTREAN PUSKESMAS", "DINKES", "diluncurkan", "2022-05-09", "DEMO-2022-01", ""),
    (2022, "PAJAK DARING", "BAPENDA", "diluncurkan", "2022-03-21", "DEMO-2022-02", ""),
    (2022, "POSYANDU DIGITAL", "DINKES", "disetujui", "2022-09-12", "DEMO-2022-03", ""),
    # A row the preview refuses, to show its reasons: this unit code does not exist.
    (2022, "KARTU SEHAT LAMA", "DINAS-LAMA", "diluncurkan", "31/02/2022", "DEMO-2022-04", ""),
]


def _admin():
    return User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()


def _operator(unit):
    return (
        User.objects.filter(role__in=[Role.OPERATOR, Role.HEAD], unit=unit, is_active=True)
        .order_by("role", "pk")
        .first()
    )


def _archive_file():
    values = {
        "year": lambda r: r[0],
        "title": lambda r: r[1],
        "unit": lambda r: r[2],
        "status": lambda r: r[3],
        "implementation_date": lambda r: r[4],
        "legacy_id": lambda r: r[5],
        "summary": lambda r: f"[DEMO] {r[1]}: entri arsip contoh, bukan data resmi.",
        "maturity": lambda r: "penerapan" if r[4] else "",
        "form": lambda r: "pelayanan_publik",
        "submitter_name": lambda r: r[6],
        "submitter_village": lambda r: "Gambut" if r[6] else "",
    }
    columns = [Column(c.header, values[c.field], 20) for c in COLUMNS if c.field in values]
    buffer = io.BytesIO()
    write_xlsx(buffer, [Sheet("Arsip", columns, ARCHIVE_ROWS)])
    return SimpleUploadedFile(ARCHIVE_FILE, buffer.getvalue())


def seed_archive(admin):
    """Preview and import the demo archive once; returns the import job."""
    done = LegacyImport.objects.filter(
        filename=ARCHIVE_FILE, dry_run=False, status=ImportStatus.DONE
    ).first()
    if done is None:
        # Run each job here rather than waiting for the worker the page hands it to (the task
        # leaves a finished job alone, so the one queued on commit does nothing more).
        preview = legacy_import_preview(file=_archive_file(), by=admin)
        preview = legacy_import_run(preview.pk)
        if preview.can_import:
            done = legacy_import_start(preview=preview, by=admin)
            done = legacy_import_run(done.pk)
    if done is not None:
        Innovation.objects.filter(
            pk__in=done.rows.exclude(innovation=None).values("innovation")
        ).update(is_demo=True)
    return done


def _pdf(name):
    return SimpleUploadedFile(name, DEMO_PDF, content_type="application/pdf")


def _sigap_2025(cycle, unit, admin, archived):
    found = Innovation.objects.filter(cycle=cycle, unit=unit, title=SIGAP, is_demo=True).first()
    if found is not None:
        return found
    launch = cycle.launch_date or datetime.date(cycle.year, 12, 11)
    with transaction.atomic():
        innovation = Innovation.objects.create(
            cycle=cycle,
            unit=unit,
            status=Status.LAUNCHED,
            code=allocate_codes(cycle.year)[0],
            title=SIGAP,
            origin="laboratorium_inovasi",
            form="pelayanan_publik",
            type="digital",
            initiator="asn",
            maturity="penerapan",
            trial_date=datetime.date(cycle.year - 1, 11, 4),
            implementation_date=datetime.date(cycle.year, 3, 3),
            summary="[DEMO] Pemantauan gizi balita lewat kader posyandu dan pesan singkat.",
            problem="[DEMO] Kasus gizi kurang terlambat diketahui.",
            goals="[DEMO] Setiap balita berisiko ditemukan dalam sepekan.",
            benefits="[DEMO] Penanganan gizi lebih cepat.",
            results="[DEMO] 650 balita terpantau setiap bulan.",
            budget=45_000_000,
            budget_source="APBD",
            affairs=["kesehatan"],
            tags=[DEMO_TAG],
            is_demo=True,
            predecessor=archived,
            created_at=wita_datetime(datetime.date(cycle.year, 1, 20)),
            submitted_at=wita_datetime(datetime.date(cycle.year, 6, 2)),
            decided_at=wita_datetime(datetime.date(cycle.year, 8, 20)),
        )
        TransitionLog.objects.create(
            innovation=innovation,
            at=wita_datetime(launch, 10),
            actor=admin,
            action=HistoryAction.LAUNCH,
            from_status=Status.APPROVED,
            to_status=Status.LAUNCHED,
            note="[DEMO] Launching INTAN BANJAR",
        )
        attachment = Attachment(
            innovation=innovation,
            kind=AttachmentKind.PHOTO,
            indicator=25,
            filename="sosialisasi-sigap-gizi.pdf",
            size=len(DEMO_PDF),
            content_type="application/pdf",
            uploaded_by=admin,
        )
        attachment.file.save(attachment.filename, ContentFile(DEMO_PDF), save=False)
        attachment.save()
    return innovation


def _decree(innovation, by, today):
    if Decree.objects.filter(innovation=innovation).exists():
        return
    decrees.decree_create(
        innovation=innovation,
        by=by,
        kind=DecreeKind.AGENCY_HEAD,
        number="440/123/DINKES/[DEMO]",
        issued_on=datetime.date(innovation.year, 4, 1),
        signatory="[DEMO] Kepala Dinas Kesehatan",
        valid_until=today + datetime.timedelta(days=21),
        document=_pdf("sk-kepala-dinas.pdf"),
    )


def _monitoring(innovation, by, today):
    if MonitoringReport.objects.filter(innovation=innovation).exists():
        return
    rows = monitoring.innovation_schedule(innovation, today)
    first = next((row for row in rows if row["period"].starts_on <= today), None)
    if first is None or first["period"].due_on > today + datetime.timedelta(days=31):
        return
    monitoring.monitoring_report_save(
        innovation=innovation,
        period=first["period"].number,
        by=by,
        today=today,
        reported_on=min(today, first["period"].due_on),
        method=MonitoringMethod.SURVEY,
        beneficiaries=650,
        satisfaction_index=82.5,
        budget_realised=21_500_000,
        problems="[DEMO] Dua posyandu belum melapor tepat waktu.",
        follow_up="[DEMO] Pendampingan kader oleh puskesmas.",
        files=[_pdf("laporan-monev-1.pdf")],
    )


def _replications(innovation, by):
    if Replication.objects.filter(innovation=innovation).exists():
        return
    replications.replication_create(
        innovation=innovation,
        by=by,
        adopter_kind=AdopterKind.REGION,
        region_name="Kabupaten Tapin [DEMO]",
        region_code="63.05",
        replicated_on=past_date(datetime.date(innovation.year + 1, 2, 10)),
        description="[DEMO] Pemantauan gizi lewat kader posyandu.",
        files=[_pdf("pks-tapin.pdf")],
    )
    puskesmas = Unit.objects.filter(kind="puskesmas", active=True).order_by("code").first()
    if puskesmas is not None:
        replications.replication_create(
            innovation=innovation,
            by=by,
            adopter_kind=AdopterKind.UNIT,
            adopter_unit=puskesmas,
            replicated_on=past_date(datetime.date(innovation.year + 1, 4, 7)),
        )


def _continue(innovation, operator):
    current = Cycle.objects.current()
    if current is None or current.year <= innovation.year:
        return None
    existing = Innovation.objects.filter(predecessor=innovation).first()
    if existing is not None:
        return existing
    target, _reason = continuation.continuation_target(innovation, operator)
    if target is None:
        return None
    created = continuation.innovation_continue(innovation=innovation, by=operator)
    Innovation.objects.filter(pk=created.pk).update(is_demo=True)
    offered = [a.pk for a in continuation.reusable_evidence(created)]
    if offered:
        continuation.evidence_reuse(innovation=created, attachment_ids=offered, by=operator)
    return created


def seed_demo_portfolio(*, year=2025, today=None):
    """Everything above (idempotent); returns a summary for the command's output."""
    today = today or region_today()
    admin = _admin()
    unit = Unit.objects.filter(code="DINKES").first()
    if admin is None or unit is None:
        return {}
    job = seed_archive(admin)
    archived = Innovation.objects.filter(import_key__isnull=False, title=SIGAP).first()
    cycle = ensure_cycle(year)
    sigap = _sigap_2025(cycle, unit, admin, archived)
    operator = _operator(unit) or admin
    _decree(sigap, operator, today)
    _monitoring(sigap, operator, today)
    _replications(sigap, operator)
    continued = _continue(sigap, operator)
    return {
        "archive": job.created_count if job else 0,
        "innovation": sigap.code,
        "continued": continued.code if continued else None,
    }
