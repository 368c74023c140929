"""Background exports: the task loads the job, writes the file, records progress; idempotent."""

import tempfile

from celery import shared_task
from django.core.files import File
from django.utils import timezone

from .models import ExportJob
from .runner import run_export


@shared_task(acks_late=True)
def export_job_run(job_id):
    job = ExportJob.objects.select_related("user").filter(pk=job_id).first()
    if job is None or job.status == ExportJob.Status.DONE:
        return None
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)

    def progress(rows_done):
        ExportJob.objects.filter(pk=job.pk).update(rows_done=rows_done)

    try:
        with tempfile.TemporaryFile() as tmp:
            filename, total = run_export(job, tmp, on_row=progress)
            tmp.seek(0)
            job.rows_total = total
            job.file.save(filename, File(tmp), save=False)
        job.filename = filename
        job.status = ExportJob.Status.DONE
        job.rows_done = job.rows_total
        job.finished_at = timezone.now()
        job.save()
    except Exception as exc:
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    return job.pk


@shared_task(acks_late=True)
def export_jobs_requeue_task():
    from .services import export_jobs_requeue

    return len(export_jobs_requeue())
