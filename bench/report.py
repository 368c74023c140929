"""bench/RESULTS.md from the figures of a `make bench` run, each judged against its target."""

import datetime

from bench.floor import report_lines

# Pages that list 50 rows at a time; the others (the launch report) list everything.
PAGINATED = {
    "innovation list (HTML)",
    "innovation list (API)",
    "curation queue (HTML)",
    "curation queue (API)",
    "public catalogue (HTML)",
    "public catalogue (API)",
    "compliance table (HTML)",
    "compliance (API)",
}

# Issue 20: the fixed cost of a paginated page (its time beyond its SQL) at the smallest size,
# and its page/SQL ratio at the largest; other pages keep the earlier 4x bound.
FIXED_COST_MAX_MS = 5
PAGINATED_RATIO_MAX = 2
RATIO_MAX = 4
# Issue 20: the launch report JSON at the largest size, and the exports of every innovation.
LAUNCH_PAGE = "launch report JSON"
LAUNCH_MAX_MS = 250
EXPORT_MAX_SECONDS = {"csv": 2, "xlsx": 6}
EXPORT_MAX_MB = 150


def fixed_ms(row):
    """What handling the request and drawing the page cost beyond its SQL (medians)."""
    return row["median_ms"] - row["sql_ms"]


def cpu_ms(row):
    """The process's CPU per request, or "–" for figures measured before it was recorded."""
    return f"{row['cpu_ms']:.1f} ms" if "cpu_ms" in row else "–"


def render(stages, exports, sweep, imports=()):
    first, last = stages[0], stages[-1]
    last_size = last["size"]
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today():%Y-%m-%d} by `make bench` on this machine (2 cores), "
        "production settings, PostgreSQL 15 on 127.0.0.1, 5,000 units, in-process requests "
        "(Django test client, no network). Times are per request: median and 95th percentile of "
        "repeated requests after two warm-up requests; CPU is the process's CPU time per request "
        "(median; Python and the database driver, not PostgreSQL's), steadier than wall time "
        "when other work shares the cores.",
        "",
        "| page | "
        + " | ".join(f"{s['size']:,} q / median / p95 / SQL / fixed / CPU / ratio" for s in stages)
        + " |",
        "|---|" + "---|" * len(stages),
    ]
    for name in stages[0]["pages"]:
        cells = []
        for stage in stages:
            row = stage["pages"][name]
            cells.append(
                f"{row['queries']} / {row['median_ms']:.0f} ms / {row['p95_ms']:.0f} ms "
                f"/ {row['sql_ms']:.0f} ms / {fixed_ms(row):.1f} ms / {cpu_ms(row)} "
                f"/ {row['ratio']:.1f}x"
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Targets",
        "",
        f"Judged between the smallest and the largest size: the fixed cost (median page time "
        f"minus median SQL time) at {first['size']:,} innovations, at most "
        f"{FIXED_COST_MAX_MS} ms for a paginated page; page/SQL at {last_size:,} (the national "
        f"scale), at most {PAGINATED_RATIO_MAX}× for a paginated page and {RATIO_MAX}× for the "
        "others; the other sizes' figures are in the table above.",
        "",
    ]
    for name in first["pages"]:
        a, b = first["pages"][name], last["pages"][name]
        same = a["queries"] == b["queries"]
        growth = b["median_ms"] / a["median_ms"] if a["median_ms"] else 0
        checks = [f"queries {'same' if same else 'DIFFER'} ({a['queries']} → {b['queries']})"]
        ratio_max = RATIO_MAX
        if name in PAGINATED:
            ratio_max = PAGINATED_RATIO_MAX
            checks.append(f"time {growth:.2f}× ({'ok' if growth <= 2 else 'OVER 2×'})")
            fixed = fixed_ms(a)
            verdict = "ok" if fixed <= FIXED_COST_MAX_MS else f"OVER {FIXED_COST_MAX_MS} ms"
            checks.append(f"fixed cost {fixed:.1f} ms at {first['size']:,} ({verdict})")
        ratio_ok = b["ratio"] <= ratio_max
        checks.append(f"page/SQL {b['ratio']:.1f}× ({'ok' if ratio_ok else f'OVER {ratio_max}×'})")
        if name == LAUNCH_PAGE:
            verdict = "ok" if b["median_ms"] <= LAUNCH_MAX_MS else f"OVER {LAUNCH_MAX_MS} ms"
            checks.append(f"median {b['median_ms']:.0f} ms at {last_size:,} ({verdict})")
        lines.append(f"- {name}: " + "; ".join(checks))
    lines += ["", *report_lines(last, PAGINATED, PAGINATED_RATIO_MAX)]
    lines += ["## Similar innovations (issue 16)", ""]
    for stage in stages:
        sim = stage.get("similarity")
        if sim:
            verdict = "ok" if sim["max_ms"] < 50 else "OVER 50 ms"
            lines.append(
                f"- {sim['rows']:,} innovations: SQL of one lookup median "
                f"{sim['median_ms']:.1f} ms, max {sim['max_ms']:.1f} ms over "
                f"{sim['samples']} innovations ({verdict}); "
                f"{sim['mean_found']:.1f} similar found on average"
            )
    lines += ["", "## Exports at the largest size", ""]
    for fmt, row in exports.items():
        memory = "ok" if row["peak_mb"] <= EXPORT_MAX_MB else f"OVER {EXPORT_MAX_MB} MB"
        limit = EXPORT_MAX_SECONDS[fmt]
        speed = "ok" if row["seconds"] <= limit else f"OVER {limit} s"
        lines.append(
            f"- {fmt}: {row['rows']:,} rows in {row['seconds']:.1f} s ({speed}); peak RSS of the "
            f"whole process {row['peak_mb']:.0f} MB ({memory}; Django alone "
            f"{row['before_mb']:.0f} MB)"
        )
    lines += [
        "",
        "## Reminder sweep",
        "",
        f"- {sweep['units']:,} units: {sweep['queries']} queries, {sweep['seconds']:.2f} s, "
        f"{sweep['planned']:,} reminders planned (dry run, 7 days before the deadline)",
        "",
        "Seeding times: " + ", ".join(f"{s['size']:,}: {s['seed_seconds']:.0f} s" for s in stages),
        "",
    ]
    if imports:
        from bench.legacy_import import report

        lines += ["## Legacy archive import", ""]
        lines += [f"- {report(figures)}" for figures in imports]
        lines.append("")
    return "\n".join(lines)
