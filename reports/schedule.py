"""The beat entry of the reports app, written to django-celery-beat's tables after migrate:
waiting export jobs are handed to the broker again every ten minutes (see
`services.export_jobs_requeue`)."""

from django.apps import apps
from django.db import transaction

REQUEUE_TASK = "reports.tasks.export_jobs_requeue_task"
REQUEUE_NAME = "reports: re-queue waiting exports"
REQUEUE_EVERY_MINUTES = 10


@transaction.atomic
def beat_schedule_sync():
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(
        every=REQUEUE_EVERY_MINUTES, period=IntervalSchedule.MINUTES
    )
    task, created = PeriodicTask.objects.get_or_create(
        name=REQUEUE_NAME, defaults={"task": REQUEUE_TASK, "interval": interval}
    )
    if not created and (task.task, task.interval_id, task.enabled) != (
        REQUEUE_TASK,
        interval.pk,
        True,
    ):
        task.task, task.interval, task.crontab, task.enabled = REQUEUE_TASK, interval, None, True
        task.save()
    return task


def sync_after_migrate(**kwargs):
    beat_schedule_sync()
