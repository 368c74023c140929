"""Settings come from the environment; with nothing set the portal runs on the embedded default.

Each case loads the settings in a fresh interpreter with a clean environment, so what the
developer's or CI's shell exports cannot leak in.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PRINT_SETTINGS = """
import json
import django
django.setup()
from django.conf import settings
from intan_banjar.celery import app
db = settings.DATABASES["default"]
print(json.dumps({
    "engine": db["ENGINE"],
    "name": str(db["NAME"]),
    "conn_max_age": db.get("CONN_MAX_AGE", 0),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "celery_eager": app.conf.task_always_eager,
    "broker": app.conf.broker_url,
    "mail_backend": settings.MAILERS["default"]["BACKEND"],
    "mail_options": settings.MAILERS["default"].get("OPTIONS", {}),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_options": settings.CACHES["default"].get("OPTIONS", {}),
    "debug": settings.DEBUG,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "hsts": settings.SECURE_HSTS_SECONDS,
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "allowed_hosts": settings.ALLOWED_HOSTS,
}))
"""


def load(module, **env):
    clean = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8"}
    clean.update(DJANGO_SETTINGS_MODULE=f"intan_banjar.settings.{module}", **env)
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def loaded(module, **env):
    result = load(module, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_nothing_set_falls_back_to_the_embedded_default():
    values = loaded("dev")

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(ROOT / "db.sqlite3")
    assert values["eager"] is True and values["celery_eager"] is True
    assert values["broker"] == "memory://"
    assert values["mail_backend"] == "django.core.mail.backends.console.EmailBackend"
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert values["debug"] is True


def test_settings_services_come_from_the_environment():
    values = loaded(
        "dev",
        DATABASE_URL="postgres://intan:secret@db.example:5432/intan",
        REDIS_URL="redis://redis.example:6379/0",
        EMAIL_URL="smtp+tls://mailer:secret@mail.example:587",
        DEBUG="false",
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "intan"
    assert values["eager"] is False and values["celery_eager"] is False
    assert values["broker"] == "redis://redis.example:6379/0"
    # Fail soft, with timeouts that keep a down Redis to a fraction of a second per attempt.
    assert values["cache"] == "intan_banjar.cache.FailSoftRedisCache"
    assert values["cache_options"]["socket_connect_timeout"] <= 0.5
    assert values["cache_options"]["socket_timeout"] <= 1
    assert values["mail_backend"] == "django.core.mail.backends.smtp.EmailBackend"
    assert values["mail_options"]["host"] == "mail.example"
    assert values["mail_options"]["use_tls"] is True
    assert values["debug"] is False


PRODUCTION_ENV = {
    "SECRET_KEY": "a-production-secret-key-that-is-long-enough-0123456789",
    "ALLOWED_HOSTS": "intan.example",
    "DATABASE_URL": "postgres://intan:secret@db.example:5432/intan",
}


def test_settings_production_refuses_to_start_without_secret_key():
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != "SECRET_KEY"}

    result = load("production", **env)

    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_settings_production_refuses_to_start_without_allowed_hosts():
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != "ALLOWED_HOSTS"}

    result = load("production", **env)

    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_settings_production_is_secure_and_reuses_connections():
    values = loaded("production", **PRODUCTION_ENV)

    assert values["debug"] is False
    assert values["session_cookie_secure"] is True
    assert values["hsts"] >= 31536000
    assert values["conn_max_age"] == 60
    assert values["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert values["allowed_hosts"] == ["intan.example"]
