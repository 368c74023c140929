"""The portfolio's beat entry, written to django-celery-beat's tables after migrate: legacy
imports still waiting (their broker message was lost) are handed to a worker again."""

from django.apps import apps
from django.db import transaction

REQUEUE_TASK = "portfolio.tasks.legacy_imports_requeue_task"
REQUEUE_NAME = "portfolio: re-queue waiting legacy imports"
REQUEUE_EVERY_MINUTES = 10


@transaction.atomic
def beat_schedule_sync():
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    interval, _ = IntervalSchedule.objects.get_or_create(
        every=REQUEUE_EVERY_MINUTES, period=IntervalSchedule.MINUTES
    )
    task, _ = PeriodicTask.objects.update_or_create(
        name=REQUEUE_NAME,
        defaults={"task": REQUEUE_TASK, "interval": interval, "crontab": None, "enabled": True},
    )
    return task


def sync_after_migrate(**kwargs):
    beat_schedule_sync()
