"""bench/RESULTS.md's page table and verdicts (bench/report.py), on made-up figures."""

from bench.report import PAGINATED, render


def page(median, sql, cpu=None, queries=6):
    row = {"queries": queries, "median_ms": median, "p95_ms": median * 1.2, "sql_ms": sql}
    row["ratio"] = median / sql
    if cpu is not None:
        row["cpu_ms"] = cpu
    return row


def stage(size, pages):
    return {"size": size, "seed_seconds": 1.0, "pages": pages, "similarity": None}


SWEEP = {"units": 5, "queries": 3, "seconds": 0.1, "planned": 2}
EXPORTS = {"csv": {"rows": 10, "seconds": 1.5, "peak_mb": 80, "before_mb": 70}}


def test_the_table_shows_each_page_cpu_and_the_verdicts_judge_the_targets():
    name = "innovation list (HTML)"
    assert name in PAGINATED
    text = render(
        [stage(1000, {name: page(9.0, 5.0, cpu=3.5)}), stage(100_000, {name: page(30.0, 10.0)})],
        EXPORTS,
        SWEEP,
    )
    assert "q / median / p95 / SQL / fixed / CPU / ratio" in text
    assert f"| {name} | 6 / 9 ms / 11 ms / 5 ms / 4.0 ms / 3.5 ms / 1.8x |" in text
    # A figure measured before the CPU was recorded shows a dash, not a made-up number.
    assert "/ 10 ms / 20.0 ms / – / 3.0x |" in text
    assert "fixed cost 4.0 ms at 1,000 (ok)" in text
    assert "page/SQL 3.0× (OVER 2×)" in text
    assert "- csv: 10 rows in 1.5 s (ok)" in text
