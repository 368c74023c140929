"""The load test's Django steps, each run by bench/load.py in a fresh interpreter
(`python bench/load_steps.py <step> [config]`, JSON on the last line of stdout):

- prepare: an open cycle for the load year, one account per virtual user, the ids pages read;
- drain: wait (bounded) until the outbox rows the load's writes produced have left `pending`
  and `sending`, i.e. the Celery worker has delivered them;
- rows: what the database holds of the load's writes, by id, and of their notifications.
"""

import datetime
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED_YEAR = 2025
PASSWORD = "Uji-Beban-2025!"
PATCH_MARKER = "[load-test patch]"
USERS = {"operator": 20, "curator": 12, "admin": 6, "visitor": 12}
OPERATORS_PER_UNIT = 3
DRAIN_TIMEOUT = 120  # seconds the worker gets, after the run, to deliver what is left


def account_emails():
    return {
        role: [f"load.{role}{n:02d}@intan.test" for n in range(1, USERS[role] + 1)]
        for role in ("operator", "curator", "admin")
    }


def _setup():
    import django

    django.setup()


def _load_notifications(operators):
    """The outbox rows about the innovations the load's operators created."""
    from innovations.models import Innovation
    from notifications.models import Notification

    made = Innovation.objects.filter(created_by__email__in=operators)
    return Notification.objects.filter(target_type="innovation", target_id__in=made.values("pk"))


def prepare():
    _setup()
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from accounts.enums import Role
    from accounts.models import Unit, User
    from curation.models import Review
    from innovations.checks import region_today
    from innovations.demo_text import demo_design_text
    from innovations.enums import Status
    from innovations.models import Cycle, Innovation

    today = region_today()
    load_year = max(SEED_YEAR + 1, today.year)
    emails = account_emails()
    with transaction.atomic():
        Cycle.objects.update_or_create(
            year=load_year,
            defaults={
                "submission_opens": min(datetime.date(load_year, 1, 15), today),
                "submission_deadline": today + datetime.timedelta(days=90),
                "curation_deadline": today + datetime.timedelta(days=150),
                "agreement_deadline": datetime.date(load_year, 2, 28),
                "launch_date": today + datetime.timedelta(days=180),
            },
        )
        # A rerun on the same database (--reuse) starts from no load-made rows.
        Review.objects.filter(curator__email__in=emails["curator"]).delete()
        _load_notifications(emails["operator"]).delete()
        Innovation.objects.filter(created_by__email__in=emails["operator"]).delete()
        hashed = make_password(PASSWORD)  # one hash for all: the accounts share the password
        units = list(
            Unit.objects.filter(active=True, code__startswith="SIM-").order_by("code")[
                : -(-USERS["operator"] // OPERATORS_PER_UNIT)
            ]
        )
        roles = {"operator": Role.OPERATOR, "curator": Role.CURATOR, "admin": Role.ADMIN}
        for role, addresses in emails.items():
            for index, email in enumerate(addresses):
                unit = units[index // OPERATORS_PER_UNIT] if role == "operator" else None
                User.objects.update_or_create(
                    email=email,
                    defaults={
                        "full_name": f"Load {role} {index + 1}",
                        "role": roles[role],
                        "unit": unit,
                        "is_lead": False,
                        "is_active": True,
                        "password": hashed,
                    },
                )
    seeded = Innovation.objects.filter(cycle__year=SEED_YEAR)
    detail_ids = list(
        seeded.exclude(status=Status.DRAFT).order_by("?").values_list("id", flat=True)[:300]
    )
    public_codes = list(
        seeded.filter(status=Status.LAUNCHED).order_by("?").values_list("code", flat=True)[:300]
    )
    return {
        "seed_year": SEED_YEAR,
        "load_year": load_year,
        "password": PASSWORD,
        "patch_marker": PATCH_MARKER,
        "users": USERS,
        "operators_per_unit": OPERATORS_PER_UNIT,
        "accounts": emails,
        "units": [u.code for u in units],
        "detail_ids": detail_ids,
        "public_codes": public_codes,
        "design": demo_design_text(random.Random(load_year), min_words=320),  # noqa: S311
        "seeded_innovations": seeded.count(),
        "units_total": Unit.objects.count(),
    }


def _outbox_statuses(config):
    from django.db.models import Count

    rows = _load_notifications(config["accounts"]["operator"])
    return dict(rows.values_list("status").annotate(n=Count("id")).order_by())


def drain(config_path):
    """Wait until no outbox row of the load is pending or being sent (the worker delivered
    them all), at most DRAIN_TIMEOUT seconds; the seconds waited and the rows by status."""
    _setup()
    from notifications.enums import DeliveryStatus

    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    waiting = {DeliveryStatus.PENDING, DeliveryStatus.SENDING}
    started = time.monotonic()
    while True:
        statuses = _outbox_statuses(config)
        left = sum(n for status, n in statuses.items() if status in waiting)
        waited = time.monotonic() - started
        if not left or waited > DRAIN_TIMEOUT:
            return {"seconds": waited, "statuses": statuses, "left": left}
        time.sleep(0.5)


def rows(config_path):
    """What the database holds of the load's writes, by id."""
    _setup()
    from curation.models import Review
    from innovations.enums import Action
    from innovations.models import Innovation, TransitionLog
    from notifications.enums import DeliveryStatus

    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    made = Innovation.objects.filter(created_by__email__in=config["accounts"]["operator"])
    history = TransitionLog.objects.filter(innovation__in=made)
    outbox = _load_notifications(config["accounts"]["operator"])
    by_innovation = {}
    for target, status in outbox.values_list("target_id", "status"):
        by_innovation.setdefault(target, set()).add(status)
    return {
        "create": sorted(made.values_list("id", flat=True)),
        "patch": sorted(
            made.filter(results__startswith=config["patch_marker"]).values_list("id", flat=True)
        ),
        "submit": sorted(made.filter(submitted_at__isnull=False).values_list("id", flat=True)),
        "submit_history": sorted(
            history.filter(action=Action.SUBMIT).values_list("innovation_id", flat=True)
        ),
        "review": sorted(
            [pk, email]
            for pk, email in Review.objects.filter(
                curator__email__in=config["accounts"]["curator"]
            ).values_list("innovation_id", "curator__email")
        ),
        # A submission tells its unit's staff: at least one outbox row per submitted innovation,
        # and every one of them delivered (sent) by the time the worker was stopped.
        "notified": sorted(by_innovation),
        "delivered": sorted(
            pk for pk, statuses in by_innovation.items() if statuses == {DeliveryStatus.SENT}
        ),
        "outbox": _outbox_statuses(config),
    }


STEPS = {"prepare": prepare, "drain": drain, "rows": rows}

if __name__ == "__main__":
    print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])))
