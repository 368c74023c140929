"""Beat's schedule lives in django-celery-beat's tables, written from code, idempotently."""

import datetime

import pytest
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from notifications.schedule import (
    REQUEUE_NAME,
    REQUEUE_TASK,
    SWEEP_NAME,
    SWEEP_TASK,
    beat_schedule_sync,
)
from notifications.tasks import notifications_requeue_pending, reminders_sweep_task

pytestmark = pytest.mark.django_db


def test_schedule_written_by_migrate():
    # post_migrate ran when the test database was created.
    sweep = PeriodicTask.objects.get(name=SWEEP_NAME)
    requeue = PeriodicTask.objects.get(name=REQUEUE_NAME)

    assert sweep.task == SWEEP_TASK and sweep.enabled
    assert (sweep.crontab.hour, sweep.crontab.minute) == ("8", "0")
    assert str(sweep.crontab.timezone) == "Asia/Makassar"
    assert requeue.task == REQUEUE_TASK
    assert (requeue.interval.every, requeue.interval.period) == (1, IntervalSchedule.MINUTES)


def test_schedule_sync_idempotent():
    beat_schedule_sync()
    before = (PeriodicTask.objects.count(), CrontabSchedule.objects.count())
    changed = PeriodicTask.objects.get(name=SWEEP_NAME).date_changed

    beat_schedule_sync()

    assert (PeriodicTask.objects.count(), CrontabSchedule.objects.count()) == before
    assert PeriodicTask.objects.get(name=SWEEP_NAME).date_changed == changed


def test_schedule_follows_the_current_cycles_send_time(cycle):
    cycle.reminder_send_time = datetime.time(7, 30)
    cycle.save()

    notifications_requeue_pending.apply().get()  # the every-minute task keeps beat in step

    crontab = PeriodicTask.objects.get(name=SWEEP_NAME).crontab
    assert (crontab.hour, crontab.minute) == ("7", "30")
    assert PeriodicTask.objects.filter(name=SWEEP_NAME).count() == 1


def test_tasks_registered_under_the_scheduled_names():
    assert reminders_sweep_task.name == SWEEP_TASK
    assert notifications_requeue_pending.name == REQUEUE_TASK


def test_sweep_task_runs_the_sweep(cycle, operator):
    import time_machine

    with time_machine.travel(datetime.datetime(2025, 9, 29, 8, 0, tzinfo=datetime.UTC)):
        assert reminders_sweep_task.apply().get() == 1
