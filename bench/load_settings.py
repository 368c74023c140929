"""The load test's server and Celery worker: the benchmark settings (production, local
PostgreSQL), plus server errors logged with their traceback to the process's stderr
(gunicorn.log and celery.log in the run's folder), so that a 500 seen by the load generator, or
a task that failed, can be diagnosed afterwards.

With REDIS_URL (bench/load.py sets it for the server and the worker), Redis is the cache and the
Celery broker as in production: the web workers only enqueue, the worker delivers the e-mails
(to the local memory backend: there is no mail server). Without it, the benchmark settings'
local cache and eager tasks (the set-up steps)."""

import os

from intan_banjar.settings.bench import *  # noqa: F403

CELERY_BROKER_URL = REDIS_URL or "memory://"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL  # noqa: F405

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False}},
    "root": {"level": "WARNING", "handlers": ["stderr"]},
}

# Profiling runs only (bench/load_profile.py): per-request CPU by route, and cProfile on demand.
if os.environ.get("LOAD_PROFILE"):
    MIDDLEWARE = ["bench.load_profile.LoadProfileMiddleware", *MIDDLEWARE]  # noqa: F405
