"""The load test's throughput figures (bench/load_report.py): requests per CPU-second."""

import pytest

from bench.load_report import THROUGHPUT_TARGET, compare, throughput, throughput_lines, worker_lines


def _record(cpu):
    # Four sign-ins end at t=10; 6 requests before, 90 from t=10 on.
    requests = [["GET /", 5, 200, 1.0 + i] for i in range(6)]
    requests += [["GET /", 5, 200, 10.0 + i / 10] for i in range(90)]
    return {"requests": requests, "signed_in_at": [4.0, 7.0, 9.5, 10.0], "cpu": cpu}


def test_throughput_of_the_whole_run_and_of_the_steady_state():
    samples = [(0.0, 100.0), (5.0, 101.0), (10.0, 102.0), (15.0, 102.5), (20.0, 103.0)]
    figures = throughput(_record({"gunicorn": 3.0, "samples": samples}))
    assert figures["per_cpu_second"] == 96 / 3.0
    steady = figures["steady"]
    assert steady["requests"] == 90  # sent at or after the first sample after the last sign-in
    assert steady["cpu"] == 1.0  # 103.0 - 102.0
    assert steady["per_cpu_second"] == 90.0
    lines = throughput_lines(_record({"gunicorn": 3.0, "samples": samples}), workers=4)
    assert f"UNDER {THROUGHPUT_TARGET}" in lines[0]  # 32 per CPU-second
    assert "steady state" in lines[1] and lines[1].endswith("ok)")


def test_throughput_without_a_cpu_figure_says_so():
    assert throughput(_record({}))["per_cpu_second"] is None
    assert "not measured" in throughput_lines(_record({}), workers=4)[0]


def test_no_steady_state_without_samples_after_the_last_sign_in():
    figures = throughput(_record({"gunicorn": 2.0, "samples": [(0.0, 1.0), (9.0, 2.0)]}))
    assert "steady" not in figures


def test_celery_worker_cpu_reported_apart_and_together():
    samples = [(0.0, 100.0), (5.0, 101.0), (10.0, 102.0), (15.0, 102.5), (20.0, 103.0)]
    worker = [(0.0, 10.0), (10.0, 10.2), (20.0, 10.7)]
    record = _record(
        {
            "gunicorn": 3.0,
            "celery": 1.0,
            "celery_drain": 0.25,
            "samples": samples,
            "celery_samples": worker,
        }
    )
    assert throughput(record)["per_cpu_second"] == 96 / 3.0  # the web workers' alone
    assert throughput(record)["steady"]["celery_cpu"] == pytest.approx(0.5)
    (line,) = worker_lines(record, concurrency=2)
    assert "1.0 CPU-seconds during the run (0.5 in the steady state)" in line
    assert "0.2 more while draining" in line
    assert "together: 24.0 requests per CPU-second over the whole run" in line  # 96 / 4.0
    assert line.endswith("60.0 in the steady state")  # 90 / (1.0 + 0.5)


def test_no_worker_line_without_its_cpu():
    assert worker_lines(_record({"gunicorn": 3.0}), concurrency=2) == []


def test_a_submission_whose_mail_was_not_delivered_is_a_lost_write():
    record = {
        "writes": {"create": [1, 2], "patch": [], "submit": [1, 2], "review": []},
    }
    database = {
        "create": [1, 2],
        "patch": [],
        "submit": [1, 2],
        "submit_history": [1, 2],
        "review": [],
        "notified": [1, 2],
        "delivered": [1],
    }
    checks = compare(record, database)
    assert checks["notified"]["lost"] == []
    assert checks["delivered"]["lost"] == [2]
