"""The portal under load: `make load` (see bench/README.md, "Load").

Prepares PostgreSQL database intan_load (dropped and recreated: migrate, seed_demo with 5,000
units and 10,000 innovations, an open cycle for the load year and one account per virtual user),
starts gunicorn (4 workers, production settings: intan_banjar.settings.bench) on a free port of
127.0.0.1, runs the locust journeys of bench/locustfile.py headless (50 users, spawn rate 10,
60 seconds), stops both whatever happens, then checks:

- no errors: every answer that is not the one the journey expects is listed;
- no lost writes: the innovations created, patched and submitted and the reviews posted, as the
  database holds them afterwards, are exactly those the generator saw succeed (by id);

and writes the median and 95th percentile of each request type to bench/LOAD.md and into the
"Load" section of bench/RESULTS.md. Exits non-zero when either check fails.
"""

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_report import RESULTS_MD, compare, figures, merge_results, render, server_errors  # noqa: E402
from bench.processes import (  # noqa: E402
    CpuSampler,
    children_cpu,
    cpu_seconds,
    free_port,
    stop,
    wait_until_up,
)

BIN = Path(sys.executable).parent
DB_NAME = os.environ.get("LOAD_DATABASE", "intan_load")
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
SEED_YEAR = 2025
PASSWORD = "Uji-Beban-2025!"
PATCH_MARKER = "[load-test patch]"
USERS = {"operator": 20, "curator": 12, "admin": 6, "visitor": 12}
MAX_REQUESTS = 20_000  # the generator quits at this count whatever the time (about 1,500 in 60 s)
OPERATORS_PER_UNIT = 3
LOAD_MD = ROOT / "bench" / "LOAD.md"


def server_env():
    """Production settings on intan_load (bench/load_settings.py: intan_banjar.settings.bench
    with server errors logged); no Redis (local cache, eager tasks), and the token
    endpoint's rate limit raised: 20 operators fetch their tokens within two seconds, from one
    address, which the default 20/min would (rightly) throttle."""
    env = {**os.environ}
    env.pop("REDIS_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        DATABASE_URL=DB_URL,
        TOKEN_THROTTLE_RATE="10000/min",
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(*args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT, env=server_env()
    )


def step(name, *args):
    """Run one Django step of this script in a fresh interpreter; returns its JSON answer."""
    result = subprocess.run(
        [sys.executable, __file__, "--step", name, *args],
        cwd=ROOT,
        env=server_env(),
        capture_output=True,
        text=True,
    )
    if result.returncode:
        sys.stderr.write(result.stderr)
        raise SystemExit(f"step {name} failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def reset_database():
    import psycopg2

    conn = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {DB_NAME}")
    conn.close()


def account_emails():
    return {
        role: [f"load.{role}{n:02d}@intan.test" for n in range(1, USERS[role] + 1)]
        for role in ("operator", "curator", "admin")
    }


# ---------------------------------------------------------------- Django steps (own process)


def prepare():
    """An open cycle for the load year, one account per virtual user, the ids pages read."""
    import django

    django.setup()
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
    import random

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


def rows(config_path):
    """What the database holds of the load's writes, by id."""
    import django

    django.setup()
    from curation.models import Review
    from innovations.enums import Action
    from innovations.models import Innovation, TransitionLog

    config = json.loads(Path(config_path).read_text(encoding="utf-8"))
    made = Innovation.objects.filter(created_by__email__in=config["accounts"]["operator"])
    history = TransitionLog.objects.filter(innovation__in=made)
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
    }


# ---------------------------------------------------------------- the run


def run_load(config_path, record_path, workdir, args):
    port = free_port()
    load_before = os.getloadavg()[0]
    host = f"http://127.0.0.1:{port}"
    gunicorn_log = open(workdir / "gunicorn.log", "w", encoding="utf-8")  # noqa: SIM115
    locust_log = open(workdir / "locust.log", "w", encoding="utf-8")  # noqa: SIM115
    server = generator = sampler = None
    cpu = {}
    try:
        server = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "intan_banjar.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(args.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "10",
                "--no-control-socket",
            ],
            cwd=ROOT,
            env=server_env(),
            stdout=gunicorn_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_until_up(f"{host}/api/v1/public/innovations/", server)
        print(f"gunicorn up on {host} ({args.workers} workers)", flush=True)
        started = time.monotonic()
        cpu_start = cpu_seconds(server.pid)
        sampler = CpuSampler(server.pid).start()
        locust_start = children_cpu()  # locust is the only child reaped from here on
        generator = subprocess.Popen(
            [
                str(BIN / "locust"),
                "-f",
                str(ROOT / "bench" / "locustfile.py"),
                "--headless",
                "--host",
                host,
                "--users",
                str(args.users),
                "--spawn-rate",
                str(args.spawn_rate),
                "--run-time",
                f"{args.run_time}s",
                "--stop-timeout",
                "30",
                "--only-summary",
                "--loglevel",
                "WARNING",
            ],
            cwd=ROOT,
            env={**os.environ, "LOAD_CONFIG": str(config_path)},
            stdout=locust_log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            generator.wait(timeout=args.run_time + 120)
        except subprocess.TimeoutExpired:
            print("locust overran its time: stopping it", flush=True)
        elapsed = time.monotonic() - started
        print(f"locust finished in {elapsed:.0f} s (exit {generator.poll()})", flush=True)
        cpu_end = cpu_seconds(server.pid)
        samples = sampler.stop()
        if cpu_start is not None and cpu_end is not None:
            cpu = {
                "gunicorn": cpu_end - cpu_start,
                "locust": children_cpu() - locust_start if generator.poll() is not None else None,
                "load_before": load_before,
                "samples": samples,
            }
    finally:
        if sampler is not None:
            sampler.stop()
        stop(generator, "locust")
        stop(server, "gunicorn")
        gunicorn_log.close()
        locust_log.close()
    if not record_path.exists():
        tail = (workdir / "locust.log").read_text(encoding="utf-8")[-3000:]
        raise SystemExit(f"locust wrote no record; its log ends with:\n{tail}")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["elapsed"] = elapsed
    record["cpu"] = cpu
    record["server_errors"] = server_errors(workdir / "gunicorn.log")
    return record


def _stopped(signum, frame):
    """SIGTERM or SIGHUP: unwind like Ctrl-C, so that gunicorn and locust are stopped too."""
    raise SystemExit(f"load test stopped by signal {signum}")


def main():
    signal.signal(signal.SIGTERM, _stopped)
    signal.signal(signal.SIGHUP, _stopped)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--innovations", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=sum(USERS.values()))
    parser.add_argument("--spawn-rate", type=int, default=10)
    parser.add_argument("--run-time", type=int, default=60, help="seconds")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--max-requests", type=int, default=MAX_REQUESTS)
    parser.add_argument(
        "--reuse", action="store_true", help="keep an already seeded intan_load (no drop/seed)"
    )
    parser.add_argument("--no-results", action="store_true", help="do not touch RESULTS.md")
    parser.add_argument("--step", choices=["prepare", "rows"], help=argparse.SUPPRESS)
    parser.add_argument("config", nargs="?", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step == "prepare":
        print(json.dumps(prepare()))
        return 0
    if args.step == "rows":
        print(json.dumps(rows(args.config)))
        return 0
    if args.users != sum(USERS.values()):
        parser.error(f"the journeys are laid out for {sum(USERS.values())} users")
    if not (BIN / "locust").exists():
        parser.error("locust is not installed: pip install '.[bench]' (or make load)")

    if not args.reuse:
        reset_database()
        print(f"== database {DB_NAME}: migrate and seed {args.innovations:,} innovations")
        manage("migrate", "--noinput", "-v", "0")
        manage(
            "seed_demo",
            "--year",
            str(SEED_YEAR),
            "--innovations",
            str(args.innovations),
            "--units",
            "5000",
            "--seed",
            str(SEED_YEAR),
        )
    config = step("prepare")
    workdir = Path(tempfile.mkdtemp(prefix="intan-load-"))
    config_path = workdir / "config.json"
    record_path = workdir / "record.json"
    config["record"] = str(record_path)
    config["max_requests"] = args.max_requests
    config_path.write_text(json.dumps(config), encoding="utf-8")
    print(f"== load: {args.users} users for {args.run_time} s (logs in {workdir})", flush=True)
    record = run_load(config_path, record_path, workdir, args)
    database = step("rows", str(config_path))
    checks = compare(record, database)
    table = figures(record)
    section = render(record, table, checks, config, args)
    print(section)
    LOAD_MD.write_text(section, encoding="utf-8")
    if not args.no_results:
        merge_results(section)
        print(f"Wrote {LOAD_MD} and the Load section of {RESULTS_MD}")
    errors = len(record["failures"]) + len(record["writes"]["review_replaced"])
    mismatched = any(
        row["lost"] or row["unexplained"] or row["duplicates"] for row in checks.values()
    )
    if errors or mismatched or record["logins"]["failed"]:
        print("LOAD TEST FAILED: errors or lost writes (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
