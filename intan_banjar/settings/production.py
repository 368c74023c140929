"""Production: PostgreSQL, Redis, Celery workers, gunicorn behind a TLS proxy."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("SECRET_KEY")  # noqa: F405  (required: no default in production)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")  # noqa: F405
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)  # noqa: F405
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True  # noqa: F405
# PostgreSQL's JIT compiles any query whose estimated cost passes jit_above_cost: a 100,000-row
# export spent 1.5-4.7 s compiling for a 1 s query, the launch report similarly (issue 20). The
# portal runs short queries and a few large sequential reads, none that JIT pays back.
if "postgres" in DATABASES["default"]["ENGINE"]:  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c jit=off").strip()

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)  # noqa: F405
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)  # noqa: F405
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

# Behind exactly one TLS proxy (NUM_PROXIES, default 1): client -> nginx (`proxy` service,
# deploy/nginx.conf) -> gunicorn (`web`, not published). nginx replaces X-Forwarded-For with the
# address it saw, so its last entry is the client. DRF's throttles, the login form's rate limit and
# axes' lock-outs all take that entry, counted from the end, so a forged X-Forwarded-For changes
# nothing; and as gunicorn is reachable only through nginx, no client can talk to it directly
# and pick its own address. (axes would otherwise see only REMOTE_ADDR, the proxy, for everyone.)
# Another proxy in front of nginx (a load balancer) needs NUM_PROXIES=2 and nginx's
# $proxy_add_x_forwarded_for.
REST_FRAMEWORK["NUM_PROXIES"] = env.int("NUM_PROXIES", default=1)  # noqa: F405
AXES_CLIENT_IP_CALLABLE = "intan_banjar.client_ip.client_ip"
