"""Settings of the worker processes of the fault tests: the test settings, e-mail over real
SMTP (EMAIL_URL), and a retry schedule in seconds instead of minutes."""

from intan_banjar.settings.test import *  # noqa: F403

_smtp = env.email("EMAIL_URL", default="smtp://127.0.0.1:25")  # noqa: F405
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {"host": _smtp["EMAIL_HOST"], "port": _smtp["EMAIL_PORT"], "timeout": 3},
    }
}
CELERY_TASK_ALWAYS_EAGER = False
NOTIFICATION_RETRY_BASE_SECONDS = 1
NOTIFICATION_MAX_ATTEMPTS = 12
# Longer than any send on a busy machine (3 s SMTP timeout), short enough for the test.
NOTIFICATION_SENDING_LEASE_SECONDS = 8
NOTIFICATION_REQUEUE_AFTER_SECONDS = 2
