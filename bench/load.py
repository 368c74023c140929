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
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent
DB_NAME = "intan_load"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
SEED_YEAR = 2025
PASSWORD = "Uji-Beban-2025!"
PATCH_MARKER = "[load-test patch]"
USERS = {"operator": 20, "curator": 12, "admin": 6, "visitor": 12}
MAX_REQUESTS = 20_000  # the generator quits at this count whatever the time (about 1,500 in 60 s)
OPERATORS_PER_UNIT = 3
LOAD_MD = ROOT / "bench" / "LOAD.md"
RESULTS_MD = ROOT / "bench" / "RESULTS.md"
SECTION = "## Load"


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
    from innovations.demo import demo_design_text
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


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url, process, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"gunicorn exited with {process.returncode} before answering")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


def stop(process, name):
    """Terminate the process group (gunicorn's workers, locust's greenlets), then kill it."""
    if process is None or process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        print(f"{name} did not stop in 20 s: killing it", flush=True)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


def cpu_seconds(pid):
    """CPU time (user + system) of a process and its children so far, or None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
            total += times.user + times.system
        except psutil.Error:
            pass
    return total


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_load(config_path, record_path, workdir, args):
    port = free_port()
    load_before = os.getloadavg()[0]
    host = f"http://127.0.0.1:{port}"
    gunicorn_log = open(workdir / "gunicorn.log", "w", encoding="utf-8")  # noqa: SIM115
    locust_log = open(workdir / "locust.log", "w", encoding="utf-8")  # noqa: SIM115
    server = generator = None
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
        if cpu_start is not None and cpu_end is not None:
            cpu = {
                "gunicorn": cpu_end - cpu_start,
                "locust": children_cpu() - locust_start if generator.poll() is not None else None,
                "load_before": load_before,
            }
    finally:
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


def server_errors(log_path):
    """The last line of each traceback in the server's log: what the 500s were."""
    errors, lines = [], log_path.read_text(encoding="utf-8", errors="replace").splitlines()
    for index, line in enumerate(lines):
        if line.startswith("Traceback"):
            end = index + 1
            while end < len(lines) and (lines[end].startswith((" ", "\t")) or not lines[end]):
                end += 1
            if end < len(lines):
                errors.append(lines[end][:300])
    return errors


# ---------------------------------------------------------------- checks and figures


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def figures(record):
    """Per request type: the whole run, and the steady state after the last sign-in (the
    sign-ins' password hashing, 0.35 s of CPU each, crowds the first seconds)."""
    ramp_end = max(record["signed_in_at"], default=0)
    by_name = {}
    for name, ms, _status, started in record["requests"]:
        by_name.setdefault(name, []).append((ms, started >= ramp_end))
    table = []
    for name in sorted(by_name):
        times = [ms for ms, _steady in by_name[name]]
        steady = [ms for ms, is_steady in by_name[name] if is_steady]
        table.append(
            {
                "name": name,
                "count": len(times),
                "median": statistics.median(times),
                "p95": percentile(times, 0.95),
                "max": max(times),
                "steady_count": len(steady),
                "steady_median": statistics.median(steady) if steady else None,
                "steady_p95": percentile(steady, 0.95) if steady else None,
            }
        )
    return table


def compare(record, database):
    """Lost writes (answered as done, not in the database) and unexplained rows (in the
    database, never answered as done) per kind of write."""
    seen = {
        "create": sorted(record["writes"]["create"]),
        "patch": sorted(record["writes"]["patch"]),
        "submit": sorted(record["writes"]["submit"]),
        "submit_history": sorted(record["writes"]["submit"]),
        "review": sorted(record["writes"]["review"]),
    }
    result = {}
    for kind, answered in seen.items():
        stored = database[kind]
        as_key = (lambda v: tuple(v)) if kind == "review" else (lambda v: v)
        answered_keys = [as_key(v) for v in answered]
        stored_keys = [as_key(v) for v in stored]
        result[kind] = {
            "answered": len(answered_keys),
            "rows": len(stored_keys),
            "lost": sorted(set(answered_keys) - set(stored_keys)),
            "unexplained": sorted(set(stored_keys) - set(answered_keys)),
            "duplicates": len(answered_keys) - len(set(answered_keys)),
        }
    return result


def render(record, table, checks, config, args):
    total = len(record["requests"])
    failures = record["failures"]
    elapsed = record.get("elapsed") or args.run_time
    lines = [
        SECTION,
        "",
        f"Measured {datetime.date.today():%Y-%m-%d} by `make load` (bench/load.py): gunicorn "
        f"with {args.workers} sync workers and production settings "
        "(`intan_banjar.settings.bench` with server errors logged, bench/load_settings.py; "
        "no Redis, so a local cache and eager tasks) on "
        f"127.0.0.1, PostgreSQL on 127.0.0.1 with {config['seeded_innovations']:,} seeded "
        f"innovations of {SEED_YEAR} over {config['units_total']:,} units; locust headless on "
        f"the same 2 cores, {args.users} users (spawn rate {args.spawn_rate}/s) for "
        f"{args.run_time} s: {USERS['operator']} operators (API token; "
        f"{OPERATORS_PER_UNIT} per unit) drafting, completing and submitting innovations of "
        f"{config['load_year']}, {USERS['curator']} curators (login form session) reviewing, "
        f"{USERS['admin']} admins (session) reading lists, compliance and the launch report, "
        f"{USERS['visitor']} anonymous visitors of the public catalogue; 1-3 s between "
        "a user's tasks. Times are client-side (request sent to answer read), in ms.",
        "",
        f"- requests: {total:,} in {elapsed:.0f} s ({total / elapsed:.1f}/s); "
        f"errors: {len(failures)}",
        f"- sign-ins: {record['logins']['ok']} ok, {record['logins']['failed']} failed",
    ]
    cpu = record.get("cpu") or {}
    if cpu.get("gunicorn") is not None:
        lines.append(
            f"- CPU: gunicorn (4 workers) used {cpu['gunicorn']:.0f} CPU-seconds, "
            f"{cpu['gunicorn'] / elapsed:.2f} of the 2 cores on average"
            + (f"; locust {cpu['locust']:.0f} CPU-seconds" if cpu.get("locust") is not None else "")
            + f"; the machine's load average before the run was {cpu['load_before']:.1f} "
            "(other work on the same cores slows every figure below)"
        )
    if record.get("capped"):
        lines.append(f"- stopped early at the bound of {args.max_requests:,} requests")
    for kind, row in checks.items():
        verdict = (
            "ok"
            if not row["lost"] and not row["unexplained"] and not row["duplicates"]
            else f"MISMATCH (lost {row['lost'][:10]}, unexplained {row['unexplained'][:10]})"
        )
        label = {
            "create": "innovations created (201)",
            "patch": "drafts completed by PATCH (200)",
            "submit": "innovations submitted (200; submitted_at set)",
            "submit_history": "submissions in the history (action submit)",
            "review": "reviews created (201)",
        }[kind]
        lines.append(f"- {label}: {row['answered']} answered, {row['rows']} rows: {verdict}")
    replaced = len(record["writes"]["review_replaced"])
    if replaced:
        lines.append(f"- reviews replaced (200), not expected: {replaced}")
    ramp = max(record["signed_in_at"], default=0) - min(
        (started for *_rest, started in record["requests"]), default=0
    )
    lines += [
        "",
        "Whole run, and steady state: the requests sent after the last sign-in "
        f"({ramp:.0f} s into the run; the sign-ins hash passwords, 0.35 s of CPU each).",
        "",
        "| request | count | median ms | p95 ms | max ms | steady count | steady median ms "
        "| steady p95 ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]

    def ms(value):
        return "–" if value is None else f"{value:.0f}"

    for row in table:
        lines.append(
            f"| {row['name']} | {row['count']} | {ms(row['median'])} | {ms(row['p95'])} "
            f"| {ms(row['max'])} | {row['steady_count']} | {ms(row['steady_median'])} "
            f"| {ms(row['steady_p95'])} |"
        )
    if record.get("server_errors"):
        lines += ["", "Server errors (last line of each traceback in gunicorn.log):", ""]
        for message, count in sorted(
            {m: record["server_errors"].count(m) for m in record["server_errors"]}.items()
        ):
            lines.append(f"- {count} × {message}")
    if failures:
        lines += ["", "Errors (grouped):", ""]
        groups = {}
        for failure in failures:
            detail = " ".join(failure["detail"].split())[:200]
            key = (failure["name"], failure["status"], detail)
            groups[key] = groups.get(key, 0) + 1
        for (name, status, detail), count in sorted(groups.items()):
            lines.append(f"- {count} × {name} -> {status}: {detail}")
    lines.append("")
    return "\n".join(lines)


def merge_results(section):
    """Replace (or append) the Load section of bench/RESULTS.md; bench.py writes the rest."""
    text = (
        RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else "# Benchmark results\n"
    )
    start = text.find(f"\n{SECTION}\n")
    if start != -1:
        end = text.find("\n## ", start + len(SECTION) + 2)
        text = text[: start + 1] + (text[end + 1 :] if end != -1 else "")
    RESULTS_MD.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")


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
