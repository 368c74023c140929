"""The load test's server: the benchmark settings (production, local PostgreSQL), plus server
errors logged with their traceback to the server's stderr (gunicorn.log in the run's folder),
so that a 500 seen by the load generator can be diagnosed afterwards."""

from intan_banjar.settings.bench import *  # noqa: F403

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "loggers": {"django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False}},
    "root": {"level": "WARNING", "handlers": ["stderr"]},
}
