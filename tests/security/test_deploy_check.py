"""`check --deploy` is clean with the production settings (also a step of `make test`)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "intan_banjar.settings.production",
        "SECRET_KEY": "deploy-check-only-" + "k3y" * 20,
        "ALLOWED_HOSTS": "portal.example",
        "DATABASE_URL": "sqlite:///:memory:",
        "EMAIL_URL": "smtp+tls://mailer:secret@mail.example:587",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
