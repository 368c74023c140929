"""Settings of the Celery worker process started by test_worker.py: the test settings with
e-mail written to files the test can read, and quick retries."""

import os

from intan_banjar.settings.test import *  # noqa: F403

MAILERS = {
    "default": {
        "BACKEND": os.environ.get(
            "NOTIFICATION_TEST_MAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend"
        ),
        "OPTIONS": {"file_path": os.environ["NOTIFICATION_TEST_MAIL_DIR"]},
    }
}
CELERY_TASK_ALWAYS_EAGER = False
NOTIFICATION_RETRY_BASE_SECONDS = 1
