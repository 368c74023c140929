"""The portal at national scale: `make bench` (see bench/README.md).

Seeds PostgreSQL (database intan_bench) with 5,000 units and 1,000, 10,000 and 100,000
innovations in turn, then measures each list page, the exports and the reminder sweep, and
writes bench/RESULTS.md. Runs with production settings (intan_banjar.settings.bench).
"""

import argparse
import datetime
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "intan_banjar.settings.bench")
# Several people (or worktrees) can bench side by side, each on a database of their own.
DB_NAME = os.environ.setdefault("BENCH_DATABASE", "intan_bench")

YEAR = 2025
PAGES = [
    ("innovation list (HTML)", "admin", "/innovations/"),
    ("innovation list (API)", "admin", "/api/v1/innovations/"),
    ("curation queue (HTML)", "curator", f"/curation/?year={YEAR}"),
    ("curation queue (API)", "curator", f"/api/v1/curation/queue/?year={YEAR}"),
    ("compliance table (HTML)", "admin", f"/compliance/?year={YEAR}"),
    ("compliance (API)", "admin", f"/api/v1/compliance/?year={YEAR}"),
    ("launch report JSON", "admin", f"/api/v1/reports/launch/{YEAR}/?include=approved"),
    ("public catalogue (HTML)", None, "/katalog/"),
    ("public catalogue (API)", None, "/api/v1/public/innovations/"),
]


def manage(*args):
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args], check=True, cwd=ROOT, env={**os.environ}
    )


def reset_database():
    import psycopg2

    conn = psycopg2.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {DB_NAME}")
    conn.close()


def vacuum_analyze():
    import psycopg2

    conn = psycopg2.connect(f"postgresql://postgres@127.0.0.1:5432/{DB_NAME}")
    conn.autocommit = True
    with conn.cursor() as cur:
        cur.execute("VACUUM ANALYZE")
    conn.close()


def measure_pages(repeat):
    import django

    django.setup()
    from django.test import Client

    from accounts.enums import Role
    from accounts.models import User
    from bench.floor import floor_of, measure_floors
    from bench.pages import measure

    clients = {None: Client()}
    for role in ("admin", "curator"):
        client = Client()
        client.force_login(User.objects.filter(role=Role(role)).order_by("pk").first())
        clients[role] = client
    pages = {}
    for name, who, url in PAGES:
        pages[name] = measure(clients[who], url, repeat=repeat)
        pages[name]["floor"] = floor_of(who is not None, url)
    floors = measure_floors({True: clients["admin"], False: clients[None]}, repeat)
    return {"pages": pages, "floors": floors}


def measure_launch(repeat):
    """The launch report JSON alone (issue 20's target), with the number of innovations listed:
    `--measure launch` times it on an already seeded database without the other pages."""
    import django

    django.setup()
    from django.test import Client

    from accounts.enums import Role
    from accounts.models import User
    from bench.pages import measure

    client = Client()
    client.force_login(User.objects.filter(role=Role.ADMIN).order_by("pk").first())
    name, _who, url = next(page for page in PAGES if page[0] == "launch report JSON")
    result = measure(client, url, repeat=repeat)
    result["listed"] = len(client.get(url).json()["innovations"])
    return result


def measure_export(fmt):
    """Export every innovation; returns seconds, peak RSS and rows (run in a fresh process)."""
    import django

    django.setup()
    from accounts.enums import Role
    from accounts.models import User
    from innovations.models import Innovation
    from reports.exporters import exporter

    user = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    target = os.devnull if fmt == "csv" else "/tmp/intan-bench-export.xlsx"  # noqa: S108
    with open(target, "wb") as out:
        exporter("innovations", fmt).write(out, queryset=Innovation.objects.visible_to(user))
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "seconds": elapsed,
        "peak_mb": peak / 1024,
        "before_mb": before / 1024,
        "rows": Innovation.objects.count(),
    }


def measure_sweep():
    """The daily reminder sweep (dry run) a week before the submission deadline."""
    import django

    django.setup()
    from django.db import connection

    from accounts.models import Unit
    from bench.pages import SqlTimer
    from innovations.models import Cycle
    from notifications.services import reminders_sweep

    cycle = Cycle.objects.get(year=YEAR)
    day = cycle.submission_deadline - datetime.timedelta(days=7)
    timer = SqlTimer()
    started = time.perf_counter()
    with connection.execute_wrapper(timer):
        result = reminders_sweep(today=day, dry_run=True)
    return {
        "seconds": time.perf_counter() - started,
        "queries": timer.count,
        "units": Unit.objects.count(),
        "planned": result.total,
    }


def measure_similarity(samples=20):
    """SQL time of the similar-innovations lookup (issue 16) for innovations of the queue."""
    import statistics

    import django

    django.setup()
    from django.db import connection

    from accounts.enums import Role
    from accounts.models import User
    from bench.pages import SqlTimer
    from innovations.models import Innovation
    from innovations.similarity import similar_to

    curator = User.objects.filter(role=Role.CURATOR).order_by("pk").first()
    innovations = list(Innovation.objects.exclude(status="draft").order_by("?")[:samples])
    times, found = [], []
    for innovation in innovations:
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            found.append(len(similar_to(innovation, user=curator)))
        times.append(timer.seconds * 1000)
    return {
        "samples": len(times),
        "median_ms": statistics.median(times) if times else 0,
        "max_ms": max(times, default=0),
        "mean_found": statistics.mean(found) if found else 0,
        "rows": Innovation.objects.count(),
    }


def measure_legacy_import(rows):
    from bench.legacy_import import measure_import

    return measure_import(rows)


def in_fresh_process(*args):
    """Run one measurement in a new interpreter (clean memory figures, no warmed caches)."""
    result = subprocess.run(
        [sys.executable, __file__, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ},
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def run_stage(size, repeat):
    """Seed up to `size` innovations and measure the pages."""
    started = time.perf_counter()
    manage(
        "seed_demo",
        "--year",
        str(YEAR),
        "--innovations",
        str(size),
        "--units",
        "5000",
        "--seed",
        "2025",
    )
    # Curators assigned and reviews given, as a real queue has (a jury of 200 for 5,000 units).
    manage("seed_demo_reviews", "--year", str(YEAR), "--curators", "200")
    seeded = time.perf_counter() - started
    # Production runs autovacuum; right after a bulk seed the planner has no statistics and the
    # visibility map is empty, which would measure an unrealistic database.
    vacuum_analyze()
    measured = in_fresh_process("--measure", "pages", "--repeat", str(repeat))
    similarity = in_fresh_process("--measure", "similarity")
    return {"size": size, "seed_seconds": seeded, **measured, "similarity": similarity}


from bench.report import fixed_ms, render  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--repeat", type=int, default=25)
    parser.add_argument("--output", default=str(ROOT / "bench" / "RESULTS.md"))
    parser.add_argument(
        "--measure",
        choices=["pages", "launch", "csv", "xlsx", "sweep", "similarity", "import"],
        help=argparse.SUPPRESS,
    )  # one measurement, used by the full run
    parser.add_argument("--rows", type=int, default=5000, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measures = {
            "pages": lambda: measure_pages(args.repeat),
            "launch": lambda: measure_launch(args.repeat),
            "sweep": measure_sweep,
            "similarity": measure_similarity,
            "csv": lambda: measure_export("csv"),
            "xlsx": lambda: measure_export("xlsx"),
            "import": lambda: measure_legacy_import(args.rows),
        }
        print(json.dumps(measures[args.measure]()))
        return
    sizes = [int(s) for s in args.sizes.split(",")]

    reset_database()
    manage("migrate", "--noinput", "-v", "0")
    stages = []
    for size in sizes:
        print(f"== {size} innovations", flush=True)
        stage = run_stage(size, args.repeat)
        for name, row in stage["pages"].items():
            print(
                f"  {name:28} {row['queries']:3} q  median {row['median_ms']:8.1f} ms  "
                f"p95 {row['p95_ms']:8.1f} ms  sql {row['sql_ms']:7.1f} ms  "
                f"fixed {fixed_ms(row):6.1f} ms  cpu {row['cpu_ms']:6.1f} ms  x{row['ratio']:.1f}",
                flush=True,
            )
        sim = stage["similarity"]
        print(
            f"  similar innovations: median {sim['median_ms']:.1f} ms SQL, "
            f"max {sim['max_ms']:.1f} ms ({sim['samples']} lookups)",
            flush=True,
        )
        stages.append(stage)
    exports = {fmt: in_fresh_process("--measure", fmt) for fmt in ("csv", "xlsx")}
    for fmt, row in exports.items():
        print(
            f"  export {fmt}: {row['rows']} rows in {row['seconds']:.1f} s, "
            f"peak RSS {row['peak_mb']:.0f} MB (process before export {row['before_mb']:.0f} MB)"
        )
    sweep = in_fresh_process("--measure", "sweep")
    print(
        f"  reminder sweep: {sweep['units']} units, {sweep['queries']} queries, "
        f"{sweep['seconds']:.2f} s, {sweep['planned']} reminders planned"
    )
    from bench.legacy_import import report

    imports = [in_fresh_process("--measure", "import", "--rows", str(n)) for n in (1000, 5000)]
    for figures in imports:
        print(f"  legacy import: {report(figures)}")
    text = render(stages, exports, sweep, imports)
    load = ROOT / "bench" / "LOAD.md"  # the Load section, written by bench/load.py
    if load.exists():
        text = text.rstrip("\n") + "\n\n" + load.read_text(encoding="utf-8")
    Path(args.output).write_text(text, encoding="utf-8")
    print(f"Wrote {args.output}")


if __name__ == "__main__":
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    main()
