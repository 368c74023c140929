"""Demo data never dates a fact after today: signatures, decisions, launches, reviews,
monitoring reports, decrees, history. Plans and deadlines (a cycle's dates, a decree's validity,
a report's due date) may lie ahead; every other date or time field of every model is checked."""

import contextlib
import datetime

import pytest
import time_machine
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.utils import timezone

from innovations.checks import region_today

pytestmark = pytest.mark.django_db(transaction=False)

PROJECT_APPS = (
    "accounts",
    "agreements",
    "curation",
    "iga",
    "innovations",
    "notifications",
    "portfolio",
    "reports",
)

# Dates that say what is planned or owed, not what happened.
PLANS = {
    ("innovations", "cycle"): {
        "submission_opens",
        "submission_deadline",
        "curation_deadline",
        "agreement_deadline",
        "launch_date",
    },
    ("innovations", "deadlineextension"): {"until"},
    ("portfolio", "decree"): {"valid_until"},
}


def _seed():
    quiet = open("/dev/null", "w")  # noqa: SIM115
    year = region_today().year
    for name, *args in [
        ("seed_demo", "--innovations", "40"),
        ("seed_demo", "--year", str(year), "--innovations", "40", "--open"),
        ("seed_demo_agreements", "--year", "2025"),
        ("seed_demo_agreements", "--year", str(year)),
        ("seed_demo_reviews", "--year", "2025"),
        ("seed_demo_reviews", "--year", str(year)),
        ("seed_demo_iga", "--year", "2025"),
        ("seed_demo_portfolio", "--year", "2025"),
    ]:
        call_command(name, *args, stdout=quiet)


def _models():
    for app in PROJECT_APPS:
        yield from ((app, model) for model in apps.get_app_config(app).get_models())


def _existing():
    """The rows there before seeding (reference data of the migrations), by model."""
    return {
        model: set(model._default_manager.values_list("pk", flat=True)) for _a, model in _models()
    }


def _future_values(before):
    today, now = region_today(), timezone.now()
    found = []
    for app, model in _models():
        planned = PLANS.get((app, model._meta.model_name), set())
        for field in model._meta.concrete_fields:
            if field.name in planned:
                continue
            if isinstance(field, models.DateTimeField):
                limit = now + datetime.timedelta(minutes=5)
            elif isinstance(field, models.DateField):
                limit = today
            else:
                continue
            rows = model._default_manager.filter(**{f"{field.name}__gt": limit}).exclude(
                pk__in=before[model]
            )
            for value in rows.values_list(field.name, flat=True)[:3]:
                found.append(f"{model._meta.label}.{field.name} = {value}")
    return found


@pytest.mark.parametrize(
    "today",
    [
        None,  # the real today
        datetime.datetime(2025, 5, 20, 1, 0, tzinfo=datetime.UTC),  # 2025 cycle half-way
        datetime.datetime(2025, 12, 10, 23, 30, tzinfo=datetime.UTC),  # the eve of its launch
    ],
)
def test_demo_seeding_puts_no_fact_after_today(today):
    before = _existing()
    with time_machine.travel(today, tick=False) if today else contextlib.nullcontext():
        _seed()
        found = _future_values(before)

    assert found == [], "\n".join(found)
