"""Tests run against the real PostgreSQL; tasks in-process unless a test starts a worker."""

from .base import *  # noqa: F403

DATABASES = {  # noqa: F405
    "default": env.db(  # noqa: F405
        "TEST_DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/intan_banjar"
    )
}
TEST_REDIS_URL = env("TEST_REDIS_URL", default="redis://127.0.0.1:6379/15")  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
# One directory per xdist worker: a test that compares the stored files before and after its
# action must not see what a test on the other worker writes meanwhile.
MEDIA_ROOT = BASE_DIR / ".test-media" / env("PYTEST_XDIST_WORKER", default="main")  # noqa: F405
STORAGES["default"]["OPTIONS"]["location"] = MEDIA_ROOT  # noqa: F405
