"""The load test's throughput figures (bench/load_report.py): requests per CPU-second."""

from bench.load_report import THROUGHPUT_TARGET, throughput, throughput_lines


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
