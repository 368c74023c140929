"""The beat schedule, declared in code and written to django-celery-beat's tables.

The daily sweep runs at the current cycle's send time (WITA); the re-queue task every minute
(it is a few indexed queries, and a row whose broker message was lost waits for it). Both rows
are rewritten only when they differ, so running this on every migrate and from the re-queue task
is harmless.
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.db import transaction

SWEEP_TASK = "notifications.tasks.reminders_sweep_task"
REQUEUE_TASK = "notifications.tasks.notifications_requeue_pending"
SWEEP_NAME = "notifications: daily reminder sweep"
REQUEUE_NAME = "notifications: re-queue pending notifications"
REQUEUE_EVERY_MINUTES = 1
DEFAULT_SEND_TIME = datetime.time(8, 0)


def current_send_time():
    Cycle = apps.get_model("innovations", "Cycle")
    cycle = Cycle.objects.current()
    return cycle.reminder_send_time if cycle else DEFAULT_SEND_TIME


def _ensure_task(name, task, **schedule):
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    row = PeriodicTask.objects.filter(name=name).first()
    wanted = {"task": task, "enabled": True, "interval": None, "crontab": None, **schedule}
    if row is None:
        return PeriodicTask.objects.create(name=name, **wanted)
    changed = [key for key, value in wanted.items() if getattr(row, key) != value]
    if changed:
        for key in changed:
            setattr(row, key, wanted[key])
        row.save()
    return row


@transaction.atomic
def beat_schedule_sync(*, send_time=None):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    send_time = send_time or current_send_time()
    crontab = CrontabSchedule.objects.filter(
        minute=str(send_time.minute),
        hour=str(send_time.hour),
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    ).first() or CrontabSchedule.objects.create(
        minute=str(send_time.minute),
        hour=str(send_time.hour),
        day_of_week="*",
        day_of_month="*",
        month_of_year="*",
        timezone=settings.TIME_ZONE,
    )
    interval, _ = IntervalSchedule.objects.get_or_create(
        every=REQUEUE_EVERY_MINUTES, period=IntervalSchedule.MINUTES
    )
    return (
        _ensure_task(SWEEP_NAME, SWEEP_TASK, crontab=crontab),
        _ensure_task(REQUEUE_NAME, REQUEUE_TASK, interval=interval),
    )


def sync_after_migrate(**kwargs):
    beat_schedule_sync()
