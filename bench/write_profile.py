"""The load test's writes and detail reads, replayed in one process (issue 20).

usage: BENCH_DATABASE=db REDIS_URL=redis://127.0.0.1:6379/12 \
       .venv/bin/python bench/write_profile.py [N] [--profile ROUTE] [--only ROUTE,...]

Sets the database up as `bench/load_steps.py prepare` does (an open cycle for the load year,
the load's accounts, no rows left from an earlier run), then sends N journeys through Django's
test client as the load's users send them: operators with an API token (create, PATCH, submit,
detail), curators with a session and the CSRF header (reviews, the innovation page), admins
(the innovation page). Prints, per route, the median and the range of the process CPU and
wall time per request, the median SQL time and the statement count. With REDIS_URL (as
`make load` runs) the cache and the Celery broker are Redis: point it at a database of its own,
it is flushed before and after. `--profile ROUTE` prints a cProfile of that route's requests
(`all`: each route's is written to /tmp/write_profile-ROUTE.pstats).

Why in process: the load test's figure is CPU per request of the web workers; this measures the
same requests without gunicorn or locust, so that two versions can be compared in one minute.
"""

import cProfile
import os
import pstats
import random
import statistics
import sys
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.load_settings")

ROUTES = ("create", "create_draft", "patch", "submit", "detail_api", "review", "detail_html")


class Timed:
    """CPU, wall and SQL per request, by route."""

    def __init__(self, profile=None):
        self.rows = {route: [] for route in ROUTES}
        self.profile = profile
        self.profilers = {
            route: cProfile.Profile() for route in ROUTES if profile in (route, "all")
        }

    def __call__(self, route, send, expected):
        from django.db import connection

        from bench.pages import SqlTimer

        timer = SqlTimer()
        profiler = self.profilers.get(route)
        with connection.execute_wrapper(timer):
            if profiler is not None:
                profiler.enable()
            wall, cpu = time.perf_counter(), time.process_time()
            response = send()
            cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
            if profiler is not None:
                profiler.disable()
        if response.status_code not in expected:
            raise SystemExit(f"{route}: {response.status_code} {response.content[:400]!r}")
        self.rows[route].append((cpu, wall, timer.seconds, timer.count))
        return response

    def report(self):
        print(f"{'route':<12} {'n':>4} {'cpu ms (min-max)':>24} {'wall':>7} {'sql':>6} {'q':>4}")
        for route, rows in self.rows.items():
            if not rows:
                continue
            cpus = sorted(r[0] * 1000 for r in rows)
            median = statistics.median
            print(
                f"{route:<12} {len(rows):>4} {median(cpus):>8.2f} ({cpus[0]:.2f}-{cpus[-1]:.2f})"
                f" {median(r[1] for r in rows) * 1000:>7.2f}"
                f" {median(r[2] for r in rows) * 1000:>6.2f} {max(r[3] for r in rows):>4}"
            )
        for route, profiler in self.profilers.items():
            profiler.dump_stats(f"/tmp/write_profile-{route}.pstats")
            if self.profile == route:
                stats = pstats.Stats(profiler)
                stats.sort_stats("cumulative").print_stats(60)
                stats.sort_stats("tottime").print_stats(30)


def _flush_redis():
    url = os.environ.get("REDIS_URL")
    if url:
        import redis

        redis.Redis.from_url(url).flushdb()


def _clients(config):
    from django.test import Client
    from django.utils.crypto import get_random_string
    from rest_framework.authtoken.models import Token

    from accounts.models import User

    users = {
        email: User.objects.get(email=email)
        for emails in config["accounts"].values()
        for email in emails
    }
    operators = []
    for email in config["accounts"]["operator"]:
        token, _ = Token.objects.get_or_create(user=users[email])
        operators.append(Client(HTTP_AUTHORIZATION=f"Token {token.key}"))
    sessions = {}
    for role in ("curator", "admin"):
        sessions[role] = []
        for email in config["accounts"][role]:
            client = Client(enforce_csrf_checks=True)
            client.force_login(users[email])
            # The CSRF cookie, as the browser has it after the login form.
            client.cookies["csrftoken"] = secret = get_random_string(32)
            sessions[role].append((client, secret))
    return operators, sessions


def _profile_body(config, complete, number):
    body = {
        "year": config["load_year"],
        "title": f"Inovasi uji beban prof-{number}",
        "origin": "mandiri",
        "form": "pelayanan_publik",
        "type": "digital",
        "initiator": "asn",
        "maturity": "uji_coba",
        "summary": "Layanan antrean daring puskesmas untuk mengurangi waktu tunggu warga.",
        "problem": "Warga menunggu berjam-jam di puskesmas tanpa kepastian giliran.",
        "design": config["design"] if complete else "Rancangan awal, belum lengkap.",
        "goals": "Waktu tunggu turun separuh dalam enam bulan.",
        "benefits": "Warga datang tepat waktu; petugas melayani lebih tertata.",
        "budget": 15000000,
        "affairs": ["kesehatan"],
        "innovators": [{"name": "Siti Rahmah", "nip": ""}],
    }
    return body


def run(n, timed):
    from bench import load_steps
    from curation.models import Criterion

    config = load_steps.prepare()
    operators, sessions = _clients(config)
    criteria = list(
        Criterion.objects.filter(cycle__year=config["load_year"]).values_list("code", flat=True)
    )
    rng = random.Random(20)
    json = "application/json"
    for number in range(n):
        client = operators[number % len(operators)]
        api = "/api/v1/innovations/"
        body = _profile_body(config, True, number)
        made = timed("create", partial(client.post, api, body, json), (201,))
        draft = _profile_body(config, False, number)
        other = timed("create_draft", partial(client.post, api, draft, json), (201,))
        pk, other_pk = made.json()["id"], other.json()["id"]
        change = {"design": config["design"], "results": f"{config['patch_marker']} {other_pk}"}
        timed("patch", partial(client.patch, f"{api}{other_pk}/", change, json), (200,))
        for target in (pk, other_pk):
            submit = {"action": "submit", "note": ""}
            timed(
                "submit", partial(client.post, f"{api}{target}/transitions/", submit, json), (200,)
            )
        timed("detail_api", partial(client.get, f"{api}{pk}/"), (200,))
        curator, csrf = sessions["curator"][number % len(sessions["curator"])]
        review = {
            "scores": {code: rng.randint(2, 5) for code in criteria},
            "comment": "Uji beban: penilaian otomatis.",
            "recommendation": rng.choice(("approve", "revise")),
        }
        send = partial(curator.post, f"{api}{pk}/reviews/", review, json, HTTP_X_CSRFTOKEN=csrf)
        timed("review", send, (201,))
        for role in ("curator", "admin"):
            reader, _csrf = sessions[role][number % len(sessions[role])]
            shown = rng.choice(config["detail_ids"])
            timed("detail_html", partial(reader.get, f"/innovations/{shown}/"), (200,))


def main():
    import django

    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    profile = sys.argv[sys.argv.index("--profile") + 1] if "--profile" in sys.argv else None
    if profile:
        args.remove(profile)
    n = int(args[0]) if args else 30
    django.setup()
    _flush_redis()
    warm = Timed()
    run(3, warm)  # imports, compiled plans, translations: what a worker has after its first minute
    timed = Timed(profile)
    try:
        run(n, timed)
    finally:
        _flush_redis()
    timed.report()


if __name__ == "__main__":
    main()
