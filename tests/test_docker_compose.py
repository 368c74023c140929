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
    assert set(services) == {"proxy", "web", "migrate", "worker", "beat", "postgres", "redis"}


def test_compose_web_runs_gunicorn_on_8000_inside_the_network_only(services):
    web = command(services["web"])

    assert web[:2] == ["gunicorn", "intan_banjar.wsgi"]
    assert any("0.0.0.0:8000" in part for part in web)
    assert "ports" not in services["web"]
    assert [str(port) for port in services["web"]["expose"]] == ["8000"]


def test_compose_only_the_proxy_publishes_ports(services):
    published = {name for name, service in services.items() if service.get("ports")}

    assert published == {"proxy"}
    ports = [str(port) for port in services["proxy"]["ports"]]
    assert {port.rsplit(":", 1)[-1] for port in ports} == {"80", "443"}


def test_compose_proxy_is_nginx_in_front_of_web(services):
    proxy = services["proxy"]

    assert proxy["image"].startswith("nginx:")
    assert proxy["depends_on"] == {"web": {"condition": "service_started"}}
    assert "./deploy/nginx.conf:/etc/nginx/conf.d/default.conf:ro" in proxy["volumes"]
    assert any(volume.endswith(":/etc/nginx/certs:ro") for volume in proxy["volumes"])


@pytest.fixture(scope="module")
def nginx_conf():
    return (ROOT / "deploy" / "nginx.conf").read_text()


def nginx_directives(conf, name):
    """The arguments of every `name ...;` directive, comments left out."""
    text = "\n".join(line.split("#", 1)[0] for line in conf.splitlines())
    return [args.strip() for args in re.findall(rf"^\s*{name}\s+([^;{{]*);", text, re.M)]


def test_nginx_passes_to_gunicorn_and_terminates_tls(nginx_conf):
    assert nginx_directives(nginx_conf, "server") == ["web:8000"]
    assert nginx_directives(nginx_conf, "proxy_pass") == ["http://intan_web"]
    assert "443 ssl" in nginx_directives(nginx_conf, "listen")
    assert nginx_directives(nginx_conf, "ssl_certificate") == ["/etc/nginx/certs/fullchain.pem"]
    assert nginx_directives(nginx_conf, "ssl_certificate_key") == ["/etc/nginx/certs/privkey.pem"]
    assert nginx_directives(nginx_conf, "return") == ["301 https://$host$request_uri"]


def test_nginx_sets_the_forwarded_headers_itself(nginx_conf):
    headers = dict(
        value.split(None, 1) for value in nginx_directives(nginx_conf, "proxy_set_header")
    )

    # The client's own X-Forwarded-For is replaced, never appended to.
    assert headers["X-Forwarded-For"] == "$remote_addr"
    assert headers["X-Forwarded-Proto"] == "$scheme"
    assert not any("$proxy_add_x_forwarded_for" in value for value in headers.values())


def test_tls_key_stays_out_of_git_and_the_image():
    assert (ROOT / "deploy" / "certs" / ".gitignore").read_text().splitlines()[-2:] == [
        "*",
        "!.gitignore",
    ]
    assert "deploy/certs" in (ROOT / ".dockerignore").read_text().splitlines()


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
