"""The legacy archive import at scale: 5,000 rows as a background job (bench/README.md).

Writes an archive of `rows` innovations (years 2022-2024, the reference units, a unique old
identifier each) as an XLSX file, then runs, as the import page does, the preview (a dry run)
and the import as jobs (`portfolio.legacy.legacy_import_run`, in-process), and a second import
of the same file (every row found again by its key, nothing created). Measures each job's time,
how many progress updates the page could show, and the process's peak RSS: run for 1,000 and
5,000 rows in fresh processes, the two peaks show whether memory grows with the file.
"""

import datetime
import os
import resource
import tempfile
import time

ARCHIVE_YEARS = (2022, 2023, 2024)
STATUSES = ("diluncurkan", "diluncurkan", "disetujui", "ditolak")


def write_archive(path, rows, units):
    from intan_banjar.tabular import Column, Sheet, write_xlsx
    from portfolio.legacy_template import COLUMNS

    values = {
        "year": lambda n: ARCHIVE_YEARS[n % len(ARCHIVE_YEARS)],
        "title": lambda n: f"ARSIP UJI {n:05d}",
        "status": lambda n: STATUSES[n % len(STATUSES)],
        "unit": lambda n: units[n % len(units)],
        "legacy_id": lambda n: f"BENCH-{n:05d}",
        "summary": lambda n: f"Inovasi arsip nomor {n} untuk pengukuran impor.",
        "implementation_date": lambda n: datetime.date(ARCHIVE_YEARS[n % 3], 1 + n % 12, 1),
        "form": lambda n: "pelayanan_publik",
        "innovators": lambda n: f"Inovator {n} (198502142010011003); Rekan {n}",
    }
    columns = [Column(c.header, values[c.field]) for c in COLUMNS if c.field in values]
    write_xlsx(path, [Sheet("Arsip", columns, range(1, rows + 1))])


def _rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _run_job(job):
    """Run a job in-process; (job, seconds, progress updates) and the process's peak RSS."""
    from django.db import connection

    from portfolio import legacy

    updates = []

    def count_progress(execute, sql, params, many, context):
        if sql.startswith('UPDATE "portfolio_legacyimport"') and '"rows_done" = (' in sql:
            updates.append(sql)  # one progress update a polling page would see
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(count_progress):
        job = legacy.legacy_import_run(job.pk)
    return job, time.perf_counter() - started, len(updates)


def measure_import(rows):
    import django

    django.setup()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.enums import Role
    from accounts.models import Unit, User
    from innovations.models import Innovation
    from portfolio.models import LegacyImport

    admin = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("pk").first()
    if admin is None:
        admin = User.objects.create_user(
            email="bench.import@intan.test",
            password="Uji-Impor-2025!",
            full_name="Admin Uji Impor",
            role=Role.ADMIN,
        )
    units = list(
        Unit.objects.filter(active=True)
        .exclude(code__startswith="SIM-")
        .values_list("code", flat=True)
    ) or [None]
    Innovation.objects.filter(import_key__isnull=False, title__startswith="ARSIP UJI").delete()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, f"arsip-{rows}.xlsx")
        write_archive(path, rows, units)
        with open(path, "rb") as handle:
            upload = SimpleUploadedFile(os.path.basename(path), handle.read())
    figures = {"rows": rows, "file_kb": upload.size / 1024, "rss_before_mb": _rss_mb()}
    # The jobs are created as the page creates them, then run here (not on commit) to time them.
    preview = LegacyImport(filename=upload.name, size=upload.size, created_by=admin)
    preview.file.save(upload.name, upload, save=False)
    preview.save()
    jobs = {
        "preview": preview,
        "import": LegacyImport(dry_run=False, preview=preview),
        "again": LegacyImport(dry_run=False),
    }
    for name, job in jobs.items():
        if job.pk is None:
            job.file, job.filename, job.size = preview.file.name, preview.filename, preview.size
            job.created_by = admin
            job.save()
        before = Innovation.objects.count()
        job, seconds, updates = _run_job(job)
        figures[name] = {
            "seconds": seconds,
            "peak_rss_mb": _rss_mb(),
            "updates": updates,
            "created": job.created_count,
            "existing": job.existing_count,
            "refused": job.refused_count,
            "innovations_added": Innovation.objects.count() - before,
        }
    return figures


def report(figures):
    """One line per size for bench/RESULTS.md."""
    rows, parts = figures["rows"], []
    for name, label in (("preview", "preview"), ("import", "import"), ("again", "same file again")):
        row = figures[name]
        parts.append(
            f"{label} {row['seconds']:.1f} s ({row['updates']} progress updates, "
            f"{row['innovations_added']:,} innovations added)"
        )
    memory = (
        f"peak RSS of the whole process {figures['again']['peak_rss_mb']:.0f} MB "
        f"(before the jobs {figures['rss_before_mb']:.0f} MB)"
    )
    return f"{rows:,} rows ({figures['file_kb']:.0f} KB XLSX): " + "; ".join(parts) + f"; {memory}"
