"""`manage.py send_reminders [--date D] [--dry-run]`."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command

from notifications.enums import Kind
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


def test_dry_run_prints_and_changes_nothing(cycle, operator, head, sent):
    output = run("--date", "2025-09-29", "--dry-run")

    assert Notification.objects.count() == 0
    assert sent == []
    assert f"{Kind.SUBMISSION_DUE}\t{operator.email}" in output
    assert f"{Kind.SUBMISSION_DUE}\t{head.email}" in output
    assert "Would queue 2 notification(s) for 2025-09-29" in output


def test_run_queues_and_a_second_run_adds_nothing(
    cycle, operator, head, sent, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = run("--date", "2025-09-29")
        second = run("--date", "2025-09-29")

    assert "Queued 2 notification(s)" in first
    assert "Queued 0 notification(s)" in second
    assert Notification.objects.filter(kind=Kind.SUBMISSION_DUE).count() == 2
    assert len(sent) == 2


def test_dry_run_after_a_run_shows_nothing_left(cycle, operator):
    run("--date", "2025-09-29")

    assert "Would queue 0 notification(s)" in run("--date", "2025-09-29", "--dry-run")


def test_default_date_is_today_in_wita(cycle, operator):
    # 23:30 UTC on 28 Sep is 07:30 on 29 Sep in WITA.
    with time_machine.travel(datetime.datetime(2025, 9, 28, 23, 30, tzinfo=datetime.UTC)):
        output = run("--dry-run")

    assert "for 2025-09-29" in output
    assert operator.email in output


def test_bad_date_refused(db):
    with pytest.raises(CommandError):
        run("--date", "29-09-2025")
