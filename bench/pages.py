"""Times pages in-process with Django's test client: server time, SQL time, query count.

SQL time is the sum of the database round trips seen by an execute wrapper, so the ratio
page time / SQL time shows how much of a page is Python (templates, serializers) rather than
the database. The process's CPU time per request (Python and the database driver, not the
server's) moves far less than wall time when other work shares the cores: a second reading of
the fixed cost on a busy machine.
"""

import statistics
import time

from django.db import connection
from django.test import Client

from bench.stats import percentile


class SqlTimer:
    def __init__(self):
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.count += 1


def measure(client: Client, url: str, *, repeat=15, warmup=2):
    for _ in range(warmup):
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        _consume(response)
    totals, sqls, counts, cpus = [], [], [], []
    for _ in range(repeat):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            started, cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            _consume(response)
            totals.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu)
        assert response.status_code == 200, (url, response.status_code)
        sqls.append(timer.seconds)
        counts.append(timer.count)
    median_total = statistics.median(totals)
    median_sql = statistics.median(sqls)
    return {
        "url": url,
        "queries": max(counts),
        "queries_min": min(counts),
        "median_ms": median_total * 1000,
        "p95_ms": percentile(totals, 0.95) * 1000,
        "sql_ms": median_sql * 1000,
        "cpu_ms": statistics.median(cpus) * 1000,
        "ratio": median_total / median_sql if median_sql else float("inf"),
    }


def _consume(response):
    if response.streaming:
        for _chunk in response.streaming_content:
            pass
