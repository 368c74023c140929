"""Helpers shared by the reminder test modules (test_reminders*.py)."""

import datetime
from zoneinfo import ZoneInfo

from innovations.enums import Status
from notifications.models import Notification
from tests.innovations.factories import InnovationFactory

from .factories import TransitionLogFactory

WITA = ZoneInfo("Asia/Makassar")
D = datetime.date


def wita(*args):
    return datetime.datetime(*args, tzinfo=WITA)


def rows(kind):
    return Notification.objects.filter(kind=kind)


def recipients(kind):
    return set(rows(kind).values_list("email", flat=True))


def revision_requested(cycle, unit, at, **kwargs):
    innovation = InnovationFactory(
        cycle=cycle, unit=unit, status=Status.REVISION_REQUESTED, **kwargs
    )
    TransitionLogFactory(innovation=innovation, at=at)
    return innovation


def waiting(cycle, unit, submitted_at, status=Status.SUBMITTED):
    return InnovationFactory(cycle=cycle, unit=unit, status=status, submitted_at=submitted_at)
