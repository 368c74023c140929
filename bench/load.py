"""The portal under load: `make load` (see bench/README.md, "Load").

Prepares PostgreSQL database intan_load (dropped and recreated: migrate, seed_demo with 5,000
units and 10,000 innovations, an open cycle for the load year and one account per virtual user),
then, as production runs: a Celery worker and gunicorn (4 workers, production settings:
intan_banjar.settings.bench) with Redis database 11 of 127.0.0.1 as their cache and broker
(flushed before and after), the server on a free port of 127.0.0.1; runs the locust journeys of
bench/locustfile.py headless (50 users, spawn rate 10, 60 seconds), waits for the worker to
deliver the e-mails the writes queued, stops every process whatever happens, then checks:

- no errors: every answer that is not the one the journey expects is listed;
- no lost writes: the innovations created, patched and submitted and the reviews posted, as the
  database holds them afterwards, are exactly those the generator saw succeed (by id), and every
  submission's notifications were written and delivered by the worker;

and writes the median and 95th percentile of each request type and the CPU of the web workers
and of the Celery worker (apart) to bench/LOAD.md and into the "Load" section of
bench/RESULTS.md. Exits non-zero when either check fails.
"""

import argparse
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
from bench.load_steps import SEED_YEAR, USERS  # noqa: E402
from bench.processes import (  # noqa: E402
    CpuSampler,
    children_cpu,
    cpu_seconds,
    free_port,
    redis_flush,
    stop,
    wait_for_line,
    wait_until_up,
)

BIN = Path(sys.executable).parent
DB_NAME = os.environ.get("LOAD_DATABASE", "intan_load")
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
# A Redis database of the load test's own: flushed before and after the run.
REDIS_URL = os.environ.get("LOAD_REDIS_URL", "redis://127.0.0.1:6379/11")
MAX_REQUESTS = 20_000  # the generator quits at this count whatever the time (about 1,500 in 60 s)
CELERY_CONCURRENCY = 2  # celery's default on this machine's 2 cores, as docker-compose runs it
LOAD_MD = ROOT / "bench" / "LOAD.md"


def server_env(*, redis=False):
    """Production settings on intan_load (bench/load_settings.py: intan_banjar.settings.bench
    with server errors logged) and the token endpoint's rate limit raised: 20 operators fetch
    their tokens within two seconds, from one address, which the default 20/min would (rightly)
    throttle. With `redis` (the server and the worker), Redis is the cache and the broker and
    the web workers only enqueue tasks; without (the set-up steps), a local cache and eager
    tasks, so nothing the seeding does waits in the run's queue."""
    env = {**os.environ}
    env.pop("REDIS_URL", None)
    if redis:
        env["REDIS_URL"] = REDIS_URL
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
    """Run one Django step (bench/load_steps.py) in a fresh interpreter; its JSON answer."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_steps.py"), name, *args],
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


# ---------------------------------------------------------------- the run


def start_worker(log):
    """`celery worker` as docker-compose runs it (prefork, CELERY_CONCURRENCY processes), in a
    process group of its own; returns once it consumes."""
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "intan_banjar",
            "worker",
            "--loglevel=INFO",
            "--concurrency",
            str(CELERY_CONCURRENCY),
            "--hostname",
            f"load-{os.getpid()}@%h",
        ],
        cwd=ROOT,
        env=server_env(redis=True),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    wait_for_line(Path(log.name), " ready.", worker, "the celery worker")
    return worker


def start_server(log, port, workers):
    return subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "intan_banjar.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--graceful-timeout",
            "10",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=server_env(redis=True),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def start_generator(log, host, config_path, args):
    return subprocess.Popen(
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
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def run_load(config_path, record_path, workdir, args):
    port = free_port()
    load_before = os.getloadavg()[0]
    host = f"http://127.0.0.1:{port}"
    logs = {
        name: open(workdir / f"{name}.log", "w", encoding="utf-8")  # noqa: SIM115
        for name in ("gunicorn", "celery", "locust")
    }
    server = worker = generator = None
    samplers = {}
    cpu, drained = {}, None
    redis_flush(REDIS_URL)
    try:
        worker = start_worker(logs["celery"])
        server = start_server(logs["gunicorn"], port, args.workers)
        wait_until_up(f"{host}/api/v1/public/innovations/", server)
        print(f"celery worker and gunicorn up on {host} ({args.workers} workers)", flush=True)
        started = time.monotonic()
        cpu_start = {"gunicorn": cpu_seconds(server.pid), "celery": cpu_seconds(worker.pid)}
        samplers = {"gunicorn": CpuSampler(server.pid).start(), "celery": CpuSampler(worker.pid)}
        samplers["celery"].start()
        locust_start = children_cpu()  # locust is the only child reaped from here on
        generator = start_generator(logs["locust"], host, config_path, args)
        try:
            generator.wait(timeout=args.run_time + 120)
        except subprocess.TimeoutExpired:
            print("locust overran its time: stopping it", flush=True)
        elapsed = time.monotonic() - started
        print(f"locust finished in {elapsed:.0f} s (exit {generator.poll()})", flush=True)
        cpu_end = {"gunicorn": cpu_seconds(server.pid), "celery": cpu_seconds(worker.pid)}
        samples = {name: sampler.stop() for name, sampler in samplers.items()}
        # before any other child is reaped (gunicorn, the drain step)
        locust_cpu = children_cpu() - locust_start if generator.poll() is not None else None
        stop(server, "gunicorn")  # every request has ended: what is queued is the worker's
        drained = step("drain", str(config_path))
        print(f"celery worker drained in {drained['seconds']:.1f} s", flush=True)
        if None not in (*cpu_start.values(), *cpu_end.values()):
            cpu = {
                "gunicorn": cpu_end["gunicorn"] - cpu_start["gunicorn"],
                "celery": cpu_end["celery"] - cpu_start["celery"],
                "celery_drain": (cpu_seconds(worker.pid) or cpu_end["celery"]) - cpu_end["celery"],
                "locust": locust_cpu,
                "load_before": load_before,
                "samples": samples["gunicorn"],
                "celery_samples": samples["celery"],
            }
    finally:
        for sampler in samplers.values():
            sampler.stop()
        stop(generator, "locust")
        stop(server, "gunicorn")
        stop(worker, "celery worker")
        for log in logs.values():
            log.close()
        try:
            redis_flush(REDIS_URL)
        except SystemExit as exc:  # never hide why the run ended
            print(f"could not empty Redis after the run: {exc}", file=sys.stderr)
    if not record_path.exists():
        tail = (workdir / "locust.log").read_text(encoding="utf-8")[-3000:]
        raise SystemExit(f"locust wrote no record; its log ends with:\n{tail}")
    record = json.loads(record_path.read_text(encoding="utf-8"))
    record["elapsed"] = elapsed
    record["cpu"] = cpu
    record["drain"] = drained
    record["server_errors"] = server_errors(workdir / "gunicorn.log")
    record["worker_errors"] = server_errors(workdir / "celery.log")
    return record


def _stopped(signum, frame):
    """SIGTERM or SIGHUP: unwind like Ctrl-C, so that every process started is stopped too."""
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
    args = parser.parse_args()
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
    config["celery_concurrency"] = CELERY_CONCURRENCY
    config_path.write_text(json.dumps(config), encoding="utf-8")
    print(f"== load: {args.users} users for {args.run_time} s (logs in {workdir})", flush=True)
    record = run_load(config_path, record_path, workdir, args)
    database = step("rows", str(config_path))
    checks = compare(record, database)
    table = figures(record)
    section = render(record, table, checks, config, args, outbox=database["outbox"])
    print(section)
    LOAD_MD.write_text(section, encoding="utf-8")
    if not args.no_results:
        merge_results(section)
        print(f"Wrote {LOAD_MD} and the Load section of {RESULTS_MD}")
    errors = len(record["failures"]) + len(record["writes"]["review_replaced"])
    errors += len(record["worker_errors"])
    mismatched = any(
        row["lost"] or row["unexplained"] or row["duplicates"] for row in checks.values()
    )
    if errors or mismatched or record["logins"]["failed"]:
        print("LOAD TEST FAILED: errors or lost writes (see above)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
