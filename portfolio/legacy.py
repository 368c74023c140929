"""Importing the legacy archive through the portal: upload, preview, import, all as jobs.

An administrator uploads a spreadsheet of past innovations (`legacy_template` documents it). A
first job reads it as a dry run (the preview: every row's outcome and, for a refused row, the
reasons, and nothing stored); a second job on the same stored file imports it. Both run in the
background (`tasks.legacy_import_task`) through `innovations.importer.import_stream`, batch by
batch: each batch's rows and the progress are written as it finishes, so the page shows a
progress bar and the file is never held in memory. Each archived row carries a stable key:
importing the same file again changes nothing.
"""

import codecs
import logging
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from innovations.checks import region_today
from innovations.importer import Outcome, import_stream
from innovations.models import Cycle, Innovation
from innovations.tables import UnreadableTable, kind_of, open_table
from innovations.uploads import XLSX, clean_filename, sniff_content_type
from intan_banjar.exceptions import InvalidInput, Refused, StateConflict

from .enums import ImportStatus
from .models import LegacyImport, LegacyImportRow, MonitoringSchedule
from .rules import may_import_archive
from .schedule import periods as schedule_periods

logger = logging.getLogger(__name__)
CHUNK = 64 * 1024


def _check_csv(file):
    """A CSV is text: UTF-8 throughout, no NUL byte (a binary file renamed .csv)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    file.seek(0)
    try:
        while chunk := file.read(CHUNK):
            if b"\x00" in chunk:
                raise UnicodeDecodeError("utf-8", chunk, 0, 1, "NUL byte")
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        raise InvalidInput({"file": [_("The CSV file must be text saved as UTF-8.")]}) from None
    finally:
        file.seek(0)


def check_table_upload(file):
    """The file is an .xlsx workbook or a UTF-8 .csv by its content, within the size limit."""
    name = clean_filename(getattr(file, "name", ""))
    try:
        suffix = kind_of(name)
    except UnreadableTable as exc:
        raise InvalidInput({"file": [str(exc)]}) from None
    if not file.size:
        raise InvalidInput({"file": [_("The file is empty.")]})
    limit = settings.ATTACHMENT_MAX_BYTES
    if file.size > limit:
        from django.template.defaultfilters import filesizeformat

        raise InvalidInput(
            {
                "file": [
                    _("The file is %(size)s; the limit is %(limit)s per file.")
                    % {"size": filesizeformat(file.size), "limit": filesizeformat(limit)}
                ]
            }
        )
    if suffix == ".xlsx":
        if sniff_content_type(file) != XLSX:
            raise InvalidInput({"file": [_("The file is not an .xlsx workbook.")]})
    else:
        if sniff_content_type(file) is not None:  # a PDF, an image or a workbook named .csv
            raise InvalidInput({"file": [_("The file is not a CSV text file.")]})
        _check_csv(file)
    return name


def _require(by):
    if not may_import_archive(by):
        raise Refused(_("Only an administrator can import the legacy archive."))


def _publish_on_commit(job):
    transaction.on_commit(partial(legacy_import_publish, job.pk), robust=True)


@transaction.atomic
def legacy_import_preview(*, file, by, language="id"):
    """Store the upload and start its dry run (the preview)."""
    _require(by)
    name = check_table_upload(file)
    job = LegacyImport(
        filename=name, size=file.size, dry_run=True, created_by=by, language=language
    )
    job.file.save(name, file, save=False)
    job.save()
    _publish_on_commit(job)
    return job


@transaction.atomic
def legacy_import_start(*, preview, by, language="id"):
    """Import the file a finished preview read; once per preview."""
    _require(by)
    preview = LegacyImport.objects.select_for_update().get(pk=preview.pk)
    if not preview.can_import:
        raise StateConflict(
            _("Only a finished preview with new rows can be imported, and only once."),
            status=preview.status,
            allowed_actions=[],
        )
    job = LegacyImport.objects.create(
        file=preview.file.name,
        filename=preview.filename,
        size=preview.size,
        dry_run=False,
        preview=preview,
        created_by=by,
        language=language,
    )
    _publish_on_commit(job)
    return job


def legacy_import_publish(job_id):
    """Hand the job to a worker (in-process without a broker). A broker outage leaves the job
    waiting; `legacy_imports_requeue` sends it again."""
    from kombu.exceptions import OperationalError

    from .tasks import legacy_import_task

    try:
        legacy_import_task.apply_async(
            args=[job_id],
            retry=True,
            retry_policy={"max_retries": 2, "interval_start": 0, "interval_step": 0.5},
        )
    except OperationalError:
        logger.warning("Broker unreachable; legacy import %s waits for the re-queue", job_id)
        return False
    return True


def legacy_imports_requeue(*, older_than_minutes=10):
    cutoff = timezone.now() - timezone.timedelta(minutes=older_than_minutes)
    ids = list(
        LegacyImport.objects.filter(status=ImportStatus.PENDING, created_at__lt=cutoff)
        .order_by("created_at")
        .values_list("pk", flat=True)[:20]
    )
    return [pk for pk in ids if legacy_import_publish(pk)]


def _count_rows(job):
    with job.file.open("rb") as handle, open_table(handle, name=job.filename) as (_h, rows):
        return sum(1 for _row in rows)


def _in_every_language(message):
    """{language: text} of one reason, for each language the portal offers.

    A row's reasons come from the sheet's parser, the services and Django's own validators, some
    with values formatted into them; they are strings once they leave this job, so they are
    written down here in both languages while they can still be translated (the rows then show
    in the reader's language, `LegacyImportRow.reasons`). Two languages cost two short strings;
    keeping message ids and values instead would need every layer to expose them, and a message
    reworded later would no longer be found in the catalogue.
    """
    texts = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            texts[language] = str(message)
    return texts


def _recorder(job):
    def record(results):
        LegacyImportRow.objects.bulk_create(
            [
                LegacyImportRow(
                    job=job,
                    number=r.number,
                    title=(r.title or "")[:255],
                    year=r.year,
                    status=r.status,
                    unit=r.unit,
                    outcome=r.outcome,
                    code=r.code if not job.dry_run or r.outcome == Outcome.EXISTING else "",
                    innovation_id=r.innovation_id if not job.dry_run else None,
                    errors={k: [_in_every_language(m) for m in v] for k, v in r.errors.items()},
                )
                for r in results
            ]
        )
        counts = {
            outcome: sum(1 for r in results if r.outcome == outcome) for outcome in Outcome.ALL
        }
        LegacyImport.objects.filter(pk=job.pk).update(
            rows_done=F("rows_done") + len(results),
            created_count=F("created_count") + counts[Outcome.CREATED],
            existing_count=F("existing_count") + counts[Outcome.EXISTING],
            refused_count=F("refused_count") + counts[Outcome.REFUSED],
        )

    return record


def legacy_import_run(job_id, *, batch_size=None):
    """Run one job to its end (the task's body). Idempotent: a job already done is left alone;
    one interrupted is started over, its archived rows found again by their keys."""
    job = LegacyImport.objects.select_related("created_by").filter(pk=job_id).first()
    if job is None or job.status == ImportStatus.DONE:
        return job
    job.rows.all().delete()
    LegacyImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.RUNNING,
        rows_done=0,
        created_count=0,
        existing_count=0,
        refused_count=0,
        error="",
    )
    try:
        with translation.override(job.language or settings.LANGUAGE_CODE):
            total = _count_rows(job)
            LegacyImport.objects.filter(pk=job.pk).update(rows_total=total)
            with job.file.open("rb") as handle, open_table(handle, name=job.filename) as table:
                headers, rows = table
                if not headers:
                    raise UnreadableTable(_("The file has no header row."))
                importer = import_stream(
                    headers,
                    rows,
                    by=job.created_by,
                    dry_run=job.dry_run,
                    source=job.filename,
                    archive_only=True,
                    on_batch=_recorder(job),
                    **({"batch_size": batch_size} if batch_size else {}),
                )
    except (UnreadableTable, OSError) as exc:
        LegacyImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        return job
    except Exception as exc:
        LegacyImport.objects.filter(pk=job.pk).update(
            status=ImportStatus.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    if not job.dry_run:
        archive_schedules(importer.cycles_created)
    LegacyImport.objects.filter(pk=job.pk).update(
        status=ImportStatus.DONE,
        ignored_columns=importer.ignored_columns,
        cycles_created=importer.cycles_created,
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def archive_schedules(years, today=None):
    """Cycles the archive created for years before the portal: no monitoring is owed for them
    once their default schedule has run out (a 2019 innovation owes no report today)."""
    today = today or region_today()
    for cycle in Cycle.objects.filter(year__in=list(years)):
        if MonitoringSchedule.objects.filter(cycle=cycle).exists():
            continue
        default = MonitoringSchedule(cycle=cycle)
        ended = schedule_periods(cycle, default)
        if ended and ended[-1].due_on < today:
            MonitoringSchedule.objects.create(cycle=cycle, periods=0)


def imported_innovations(job):
    """The innovations a job created or found again (for links from its result page)."""
    return Innovation.objects.filter(pk__in=job.rows.exclude(innovation=None).values("innovation"))
