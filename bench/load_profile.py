"""Where the load test's web CPU goes: a middleware for profiling runs only.

bench/load_settings.py puts it first in MIDDLEWARE when LOAD_PROFILE names a folder; nothing
else uses it, and the measured run (`make load`) leaves it out. For each request it appends one
line to `<folder>/cpu-<pid>.tsv`: the view's route, the method and the process CPU spent inside
Django's handler (seconds), so the CPU of a mix can be split per endpoint (count x CPU).

The module is also a gunicorn configuration (`GUNICORN_CMD_ARGS="-c python:bench.load_profile"`):
each worker then runs cProfile (wall clock: subtract the waits in `select` and in PostgreSQL)
from its fork to its exit, gunicorn's own request handling included, and writes
`<folder>/prof-<pid>.pstats` when it exits. Its overhead distorts the mix: use it for the
shape of a worker's time, the per-route CPU lines for the figures.
"""

import cProfile
import os
import time
from pathlib import Path


class LoadProfileMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.folder = Path(os.environ["LOAD_PROFILE"])
        self.folder.mkdir(parents=True, exist_ok=True)
        self.lines = None

    def __call__(self, request):
        if self.lines is None:  # opened in the worker, after gunicorn's fork
            self.lines = open(self.folder / f"cpu-{os.getpid()}.tsv", "a", buffering=1)  # noqa: SIM115
        started = time.process_time()
        response = self.get_response(request)
        spent = time.process_time() - started
        match = getattr(request, "resolver_match", None)
        route = match.route if match is not None else request.path
        self.lines.write(f"{request.method}\t{route}\t{response.status_code}\t{spent:.6f}\n")
        return response


_profiler = cProfile.Profile()


def post_fork(server, worker):
    _profiler.enable()


def worker_exit(server, worker):
    _profiler.disable()
    _profiler.dump_stats(Path(os.environ["LOAD_PROFILE"]) / f"prof-{os.getpid()}.pstats")
