"""Benchmark of the reminder sweep: 5,000 units, 20,000 innovations, one reminder day.

    TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/intan_bench_sweep \
        .venv/bin/python bench/notifications_sweep.py [--units 5000] [--innovations 20000]

Uses its own database (created and migrated if needed, then emptied of notifications); prints
wall time, SQL queries and outbox rows for a dry run, a real run, and a second real run the
same day (which must add nothing).
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intan_banjar.settings.test")
os.environ.setdefault("TEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/intan_bench_sweep")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.enums import Role, UnitKind  # noqa: E402
from accounts.models import Unit, User  # noqa: E402
from innovations.enums import Status  # noqa: E402
from innovations.models import Cycle, Innovation, TransitionLog  # noqa: E402
from intan_banjar.celery import app as celery_app  # noqa: E402
from notifications.models import Notification  # noqa: E402
from notifications.services import reminders_sweep  # noqa: E402

YEAR = 2031  # a year no demo data uses
DAY = datetime.date(YEAR, 9, 29)  # one day before the submission deadline


def ensure_database():
    import psycopg2

    db = connection.settings_dict
    admin = psycopg2.connect(
        dbname="postgres",
        user=db["USER"],
        host=db["HOST"],
        port=db["PORT"],
        password=db["PASSWORD"],
    )
    admin.autocommit = True
    with admin.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [db["NAME"]])
        if not cursor.fetchone():
            cursor.execute(f'CREATE DATABASE "{db["NAME"]}"')
    admin.close()
    call_command("migrate", verbosity=0)


@transaction.atomic
def seed(units, innovations):
    if Cycle.objects.filter(year=YEAR).exists():
        return Cycle.objects.get(year=YEAR)
    rng = random.Random(42)
    cycle = Cycle.objects.create(year=YEAR, **Cycle.defaults_for_year(YEAR))
    made = Unit.objects.bulk_create(
        Unit(code=f"BENCH-{i:05d}", name=f"Unit Bench {i}", kind=UnitKind.PERANGKAT_DAERAH)
        for i in range(units)
    )
    User.objects.bulk_create(
        User(email=f"bench{i}-{role}@bench.test", full_name=f"Bench {i}", role=role, unit=unit)
        for i, unit in enumerate(made)
        for role in (Role.OPERATOR, Role.HEAD)
    )
    User.objects.bulk_create(
        User(email=f"lead{i}@bench.test", full_name=f"Lead {i}", role=Role.CURATOR, is_lead=True)
        for i in range(5)
    )
    statuses = [Status.DRAFT] * 4 + [Status.SUBMITTED, Status.IN_REVIEW, Status.REVISION_REQUESTED]
    statuses += [Status.APPROVED, Status.REJECTED, Status.LAUNCHED]
    long_ago = timezone.make_aware(datetime.datetime(YEAR, 6, 1, 10, 0))
    rows = []
    for n in range(innovations):
        status = rng.choice(statuses)
        rows.append(
            Innovation(
                cycle=cycle,
                unit=rng.choice(made),
                status=status,
                code=f"INV-{YEAR}-{n + 1:05d}",
                title=f"Inovasi bench {n}",
                source_category=UnitKind.PERANGKAT_DAERAH,
                submitted_at=None if status == Status.DRAFT else long_ago,
            )
        )
    Innovation.objects.bulk_create(rows, batch_size=2000)
    TransitionLog.objects.bulk_create(
        (
            TransitionLog(
                innovation=innovation,
                at=long_ago,
                action="request_revision",
                from_status=Status.IN_REVIEW,
                to_status=Status.REVISION_REQUESTED,
            )
            for innovation in rows
            if innovation.status == Status.REVISION_REQUESTED
        ),
        batch_size=2000,
    )
    return cycle


def measure(label, dry_run):
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        result = reminders_sweep(today=DAY, dry_run=dry_run)
    elapsed = time.perf_counter() - started
    by_kind = {str(kind): len(items) for kind, items in result.by_kind.items() if items}
    print(
        f"{label:<22} {elapsed:7.2f} s  {len(queries):4d} queries  "
        f"{result.total:6d} notifications  {by_kind}"
    )


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=5000)
    parser.add_argument("--innovations", type=int, default=20000)
    args = parser.parse_args()
    ensure_database()
    started = time.perf_counter()
    seed(args.units, args.innovations)
    print(
        f"data ready in {time.perf_counter() - started:.1f} s: {Unit.objects.count()} units, "
        f"{Innovation.objects.count()} innovations"
    )
    Notification.objects.all().delete()
    # Publish send tasks to an in-memory broker: the sweep's own cost, not the e-mails'.
    celery_app.conf.task_always_eager = False
    measure("dry run", dry_run=True)
    measure("sweep", dry_run=False)
    measure("same day again", dry_run=False)
    print(f"outbox rows: {Notification.objects.count()}")


if __name__ == "__main__":
    main()
