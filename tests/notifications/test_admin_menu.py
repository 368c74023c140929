"""The admin site's menu keeps the beat schedules the portal uses and drops the others."""

from django.contrib import admin
from django_celery_beat.models import (
    ClockedSchedule,
    CrontabSchedule,
    IntervalSchedule,
    PeriodicTask,
    SolarSchedule,
)


def test_solar_and_clocked_schedules_are_not_in_the_admin_site():
    assert not admin.site.is_registered(SolarSchedule)
    assert not admin.site.is_registered(ClockedSchedule)


def test_schedules_the_portal_uses_stay_in_the_admin_site():
    for model in (PeriodicTask, CrontabSchedule, IntervalSchedule):
        assert admin.site.is_registered(model)
