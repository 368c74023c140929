"""Celery tasks of the portfolio: thin, take ids, idempotent."""

from celery import shared_task


@shared_task(acks_late=True)
def legacy_import_task(job_id):
    from .legacy import legacy_import_run

    job = legacy_import_run(job_id)
    return job.pk if job is not None else None


@shared_task(acks_late=True)
def legacy_imports_requeue_task():
    from .legacy import legacy_imports_requeue

    return len(legacy_imports_requeue())
