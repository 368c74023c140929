"""The load test's verdict and figures: lost writes, per-request percentiles, the Markdown
section written to bench/LOAD.md and into bench/RESULTS.md."""

import datetime
import statistics
from pathlib import Path

from bench.stats import percentile

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"
SECTION = "## Load"


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


def figures(record):
    """Per request type: the whole run, and the steady state after the last sign-in (the
    sign-ins' password hashing, about 40 ms of CPU each with Argon2id, crowds the first seconds)."""
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


# Issue 20: requests served per CPU-second of the web workers (gunicorn), at least this many.
THROUGHPUT_TARGET = 80


def throughput(record):
    """Requests per CPU-second of the web workers, for the whole run and for the steady state.

    The whole run includes the sign-ins, each of which hashes a password (Argon2id, about 40 ms
    of CPU, real work a server does once per session); the steady state counts the requests sent
    from the first CPU sample taken after the last sign-in and the CPU spent from that sample to
    the end.
    None where the CPU was not measured (no psutil).
    """
    cpu = record.get("cpu") or {}
    total = len(record["requests"])
    result = {"requests": total, "cpu": cpu.get("gunicorn"), "per_cpu_second": None}
    if cpu.get("gunicorn"):
        result["per_cpu_second"] = total / cpu["gunicorn"]
    samples = cpu.get("samples") or []
    ramp_end = max(record["signed_in_at"], default=0)
    after = [(at, seconds) for at, seconds in samples if at >= ramp_end]
    if len(after) >= 2 and after[-1][1] > after[0][1]:
        since, cpu_then = after[0]
        steady = sum(1 for *_rest, started in record["requests"] if started >= since)
        steady_cpu = after[-1][1] - cpu_then
        result["steady"] = {
            "requests": steady,
            "cpu": steady_cpu,
            "seconds": after[-1][0] - since,
            "per_cpu_second": steady / steady_cpu,
            "celery_cpu": _cpu_between(cpu.get("celery_samples"), since, after[-1][0]),
        }
    return result


def _cpu_between(samples, since, until):
    """CPU seconds of a sampled process tree from its first sample at or after `since` to its
    last at or before `until` (the web workers' steady-state window); None without samples."""
    inside = [seconds for at, seconds in samples or [] if since <= at <= until]
    return inside[-1] - inside[0] if len(inside) >= 2 else None


def worker_lines(record, concurrency):
    """The Celery worker's CPU, apart from the web workers' (whose figure is the throughput),
    and the two together: what the e-mails cost has moved, not vanished."""
    cpu = record.get("cpu") or {}
    if cpu.get("celery") is None:
        return []
    figures = throughput(record)
    steady = figures.get("steady") or {}
    line = (
        f"- Celery worker ({concurrency} processes; apart from the throughput): "
        f"{cpu['celery']:.1f} CPU-seconds during the run"
    )
    if steady.get("celery_cpu") is not None:
        line += f" ({steady['celery_cpu']:.1f} in the steady state)"
    line += f", {cpu.get('celery_drain', 0):.1f} more while draining after it"
    total = (cpu.get("gunicorn") or 0) + cpu["celery"]
    if total:
        line += (
            f"; web workers and Celery worker together: {figures['requests'] / total:.1f} "
            "requests per CPU-second over the whole run"
        )
        if steady.get("celery_cpu") is not None:
            both = steady["cpu"] + steady["celery_cpu"]
            line += f", {steady['requests'] / both:.1f} in the steady state"
    return [line]


def throughput_lines(record, workers):
    """The Markdown lines of `throughput` with their verdict against THROUGHPUT_TARGET."""
    figures = throughput(record)
    if figures["per_cpu_second"] is None:
        return ["- throughput: not measured (psutil is missing, so no CPU figure)"]

    def verdict(value):
        return "ok" if value >= THROUGHPUT_TARGET else f"UNDER {THROUGHPUT_TARGET}"

    lines = [
        f"- throughput: {figures['per_cpu_second']:.1f} requests per CPU-second of the "
        f"{workers} gunicorn workers over the whole run ({figures['requests']:,} requests on "
        f"{figures['cpu']:.1f} CPU-seconds, sign-ins included; target "
        f"≥ {THROUGHPUT_TARGET}: {verdict(figures['per_cpu_second'])})"
    ]
    steady = figures.get("steady")
    if steady:
        lines.append(
            f"- throughput in the steady state (after the last sign-in): "
            f"{steady['per_cpu_second']:.1f} requests per CPU-second ({steady['requests']:,} "
            f"requests in {steady['seconds']:.0f} s on {steady['cpu']:.1f} CPU-seconds; "
            f"{verdict(steady['per_cpu_second'])})"
        )
    return lines


def compare(record, database):
    """Lost writes (answered as done, not in the database) and unexplained rows (in the
    database, never answered as done) per kind of write."""
    seen = {
        "create": sorted(record["writes"]["create"]),
        "patch": sorted(record["writes"]["patch"]),
        "submit": sorted(record["writes"]["submit"]),
        "submit_history": sorted(record["writes"]["submit"]),
        "review": sorted(record["writes"]["review"]),
        # every submission queues its unit's e-mails, and the worker delivered them all
        "notified": sorted(record["writes"]["submit"]),
        "delivered": sorted(record["writes"]["submit"]),
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


def render(record, table, checks, config, args, outbox=None):
    total = len(record["requests"])
    failures = record["failures"]
    elapsed = record.get("elapsed") or args.run_time
    users = config["users"]
    lines = [
        SECTION,
        "",
        f"Measured {datetime.date.today():%Y-%m-%d} by `make load` (bench/load.py): gunicorn "
        f"with {args.workers} sync workers and production settings "
        "(`intan_banjar.settings.bench` with server errors logged, bench/load_settings.py; "
        "Redis database 11 as cache and Celery broker; the web workers only enqueue, a Celery "
        f"worker of {config.get('celery_concurrency', 2)} processes delivers the e-mails, to "
        "the local memory backend) on "
        f"127.0.0.1, PostgreSQL on 127.0.0.1 with {config['seeded_innovations']:,} seeded "
        f"innovations of {config['seed_year']} over {config['units_total']:,} units; "
        f"locust headless on the same 2 cores, {args.users} users (spawn rate "
        f"{args.spawn_rate}/s) for {args.run_time} s: {users['operator']} operators (API "
        f"token; {config['operators_per_unit']} per unit) drafting, completing and submitting "
        f"innovations of {config['load_year']}, {users['curator']} curators (login form "
        f"session) reviewing, {users['admin']} admins (session) reading lists, compliance and "
        f"the launch report, {users['visitor']} anonymous visitors of the public catalogue; "
        "1-3 s between "
        "a user's tasks. Times are client-side (request sent to answer read), in ms.",
        "",
        f"- requests: {total:,} in {elapsed:.0f} s ({total / elapsed:.1f}/s); "
        f"errors: {len(failures)}",
        f"- sign-ins: {record['logins']['ok']} ok, {record['logins']['failed']} failed",
    ]
    cpu = record.get("cpu") or {}
    if cpu.get("gunicorn") is not None:
        lines.append(
            f"- CPU: gunicorn ({args.workers} workers) used {cpu['gunicorn']:.0f} CPU-seconds, "
            f"{cpu['gunicorn'] / elapsed:.2f} of the 2 cores on average"
            + (f"; locust {cpu['locust']:.0f} CPU-seconds" if cpu.get("locust") is not None else "")
            + f"; the machine's load average before the run was {cpu['load_before']:.1f} "
            "(other work on the same cores slows every figure below)"
        )
    lines += throughput_lines(record, args.workers)
    lines += worker_lines(record, config.get("celery_concurrency", 2))
    drain = record.get("drain")
    if drain is not None:
        statuses = ", ".join(f"{n} {status}" for status, n in sorted((outbox or {}).items()))
        lines.append(
            f"- e-mails of the submissions: {sum((outbox or {}).values())} outbox rows "
            f"({statuses or 'none'}); the worker had {drain['left']} left to deliver "
            f"{drain['seconds']:.1f} s after the run"
        )
    if record.get("worker_errors"):
        lines.append(f"- task errors in the worker's log: {len(record['worker_errors'])}")
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
            "notified": "submissions with their e-mails in the outbox",
            "delivered": "submissions whose e-mails the Celery worker all delivered",
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
        f"({ramp:.0f} s into the run; the sign-ins hash passwords, about 40 ms of CPU each).",
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
    if record.get("worker_errors"):
        lines += ["", "Task errors (last line of each traceback in celery.log):", ""]
        lines += [f"- {message}" for message in sorted(set(record["worker_errors"]))]
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


def merge_results(section, heading=SECTION):
    """Replace (or append) one section of bench/RESULTS.md (the Load section unless another
    `heading` is named); bench.py writes the rest."""
    text = (
        RESULTS_MD.read_text(encoding="utf-8") if RESULTS_MD.exists() else "# Benchmark results\n"
    )
    start = text.find(f"\n{heading}\n")
    if start != -1:
        end = text.find("\n## ", start + len(heading) + 2)
        text = text[: start + 1] + (text[end + 1 :] if end != -1 else "")
    RESULTS_MD.write_text(text.rstrip("\n") + "\n\n" + section, encoding="utf-8")
