"""The production compose file and its Dockerfile, checked by reading them (no Docker here)."""

import re
import shlex
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("migrate", "web", "worker", "beat")


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


@pytest.fixture(scope="module")
def services(compose):
    return compose["services"]


@pytest.fixture(scope="module")
def dockerfile():
    return (ROOT / "Dockerfile").read_text()


def command(service):
    value = service.get("command", "")
    return value if isinstance(value, list) else shlex.split(value)


def dockerfile_runs(dockerfile):
    """The RUN instructions with their continuation lines joined."""
    joined = re.sub(r"\\\n\s*", " ", dockerfile)
    return [line[4:] for line in joined.splitlines() if line.startswith("RUN ")]


def test_compose_has_the_production_services(services):
    assert set(services) == {"web", "migrate", "worker", "beat", "postgres", "redis"}


def test_compose_web_runs_gunicorn_on_8000(services):
    web = command(services["web"])

    assert web[:2] == ["gunicorn", "intan_banjar.wsgi"]
    assert any("0.0.0.0:8000" in part for part in web)
    assert any(port.endswith(":8000") for port in services["web"]["ports"])


def test_compose_migrate_is_a_one_shot_migrate(services):
    migrate = services["migrate"]

    assert command(migrate)[:3] == ["python", "manage.py", "migrate"]
    assert migrate["restart"] == "no"


def test_compose_worker_runs_celery_worker(services):
    assert command(services["worker"])[:4] == ["celery", "-A", "intan_banjar", "worker"]


def test_compose_exactly_one_beat_with_the_database_scheduler(services):
    beats = [name for name, svc in services.items() if "beat" in command(svc)]

    assert beats == ["beat"]
    beat = command(services["beat"])
    assert beat[:4] == ["celery", "-A", "intan_banjar", "beat"]
    assert beat[beat.index("-S") + 1] == "django_celery_beat.schedulers:DatabaseScheduler"
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    assert "scale" not in services["beat"]


def test_compose_postgres_and_redis_have_healthchecks(services):
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"][-2:] == ["redis-cli", "ping"]


def test_compose_migrate_waits_for_healthy_database_and_redis(services):
    assert services["migrate"]["depends_on"] == {
        "postgres": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
    }


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_compose_app_services_wait_for_migrate_and_healthy_services(services, name):
    depends_on = services[name]["depends_on"]

    assert depends_on["migrate"] == {"condition": "service_completed_successfully"}
    assert depends_on["postgres"] == {"condition": "service_healthy"}
    assert depends_on["redis"] == {"condition": "service_healthy"}


@pytest.mark.parametrize("name", APP_SERVICES)
def test_compose_app_services_use_the_image_and_production_settings(services, name):
    service = services[name]

    assert service["build"] == "."
    assert service["env_file"] == ".env"
    assert service["environment"]["DJANGO_SETTINGS_MODULE"] == "intan_banjar.settings.production"


@pytest.mark.parametrize("name", ["web", "worker"])
def test_compose_media_volume_is_shared_by_web_and_worker(services, name):
    assert "media:/app/media" in services[name]["volumes"]


def test_compose_database_and_media_live_in_named_volumes(compose, services):
    assert {"pgdata", "media"} <= set(compose["volumes"])
    assert "pgdata:/var/lib/postgresql/data" in services["postgres"]["volumes"]


def test_env_example_sets_what_the_services_need():
    names = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if line and not line.startswith("#")
    }

    assert {
        "DATABASE_URL",
        "REDIS_URL",
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "POSTGRES_PASSWORD",
    } <= names


def test_dockerfile_base_image_and_user(dockerfile):
    assert re.search(r"^FROM python:3\.13-slim\b", dockerfile, re.M)
    users = re.findall(r"^USER (\S+)", dockerfile, re.M)
    assert users and users[-1] not in ("root", "0")


def test_dockerfile_installs_the_same_requirements_as_the_makefile(dockerfile):
    makefile = (ROOT / "Makefile").read_text()
    installs = re.findall(r"\$\(PIP\) install --quiet ((?:--no-deps -r )?\S+)\n", makefile)
    # The image has neither the dev nor the benchmark extras.
    make_installs = [args for args in installs if "[dev]" not in args and "[bench]" not in args]
    runs = " ".join(dockerfile_runs(dockerfile))

    assert make_installs == [".", "--no-deps -r requirements/no-deps.txt"]
    for args in make_installs:
        assert f"pip install {args}" in runs
    assert "COPY pyproject.toml" in dockerfile
    assert "requirements/no-deps.txt" in dockerfile


def test_dockerfile_collects_static_files_and_serves_gunicorn(dockerfile):
    assert any("manage.py collectstatic --noinput" in run for run in dockerfile_runs(dockerfile))
    assert re.search(r'^CMD \["gunicorn", "intan_banjar\.wsgi"', dockerfile, re.M)
    assert "EXPOSE 8000" in dockerfile


def test_dockerfile_has_weasyprints_system_libraries(dockerfile):
    assert "libpango-1.0-0" in dockerfile
    assert "libpangoft2-1.0-0" in dockerfile


def test_dockerignore_keeps_local_state_and_secrets_out():
    ignored = (ROOT / ".dockerignore").read_text().splitlines()

    assert {".git", ".venv", ".env", "db.sqlite3", "media"} <= set(ignored)
