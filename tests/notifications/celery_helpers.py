"""Pointing this test process's Celery app at a real broker, and back."""

import contextlib

from intan_banjar.celery import app as celery_app


def _reset_pools():
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@contextlib.contextmanager
def publishing_to(broker_url):
    """Send tasks to `broker_url` instead of running them in-process, for the block's length."""
    saved = {key: celery_app.conf[key] for key in ("task_always_eager", "broker_url")}
    _reset_pools()
    celery_app.conf.update(task_always_eager=False, broker_url=broker_url)
    try:
        yield celery_app
    finally:
        celery_app.conf.update(saved)
        _reset_pools()
