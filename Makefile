# INTAN BANJAR portal. `make run` starts the portal on the embedded default;
# `make test` installs the dev dependencies and runs every check against PostgreSQL and Redis.
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
MANAGE := $(PY) manage.py
TEST_ENV := DJANGO_SETTINGS_MODULE=intan_banjar.settings.test

.PHONY: run install install-dev install-bench services test lint check-deploy schema pytest e2e-deps bench load messages clean

$(PY):
	@PYTHON_BIN=$$(scripts/find-python) || exit 1; \
	echo "Creating $(VENV) with $$PYTHON_BIN"; \
	"$$PYTHON_BIN" -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(PY) pyproject.toml requirements/no-deps.txt
	$(PIP) install --quiet .
	$(PIP) install --quiet --no-deps -r requirements/no-deps.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(PIP) install --quiet ".[dev]"
	touch $@

install: $(VENV)/.installed

$(VENV)/.installed-bench: $(VENV)/.installed-dev
	$(PIP) install --quiet ".[bench]"
	touch $@

install-dev: $(VENV)/.installed-dev

install-bench: $(VENV)/.installed-bench

run: install
	$(MANAGE) migrate --noinput
	$(MANAGE) seed_demo
	$(MANAGE) seed_demo --year $$(date +%Y) --innovations 40 --open
	$(MANAGE) seed_demo_agreements --year 2025
	$(MANAGE) seed_demo_agreements --year $$(date +%Y)
	$(MANAGE) seed_demo_reviews --year 2025
	$(MANAGE) seed_demo_iga --year 2025
	$(MANAGE) seed_demo_portfolio --year 2025
	$(MANAGE) runserver 127.0.0.1:8000

services:
	@scripts/ensure-services

lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check-deploy: install-dev
	DJANGO_SETTINGS_MODULE=intan_banjar.settings.production SECRET_KEY=ci-dummy-$$(date +%s)-not-a-real-secret-key-0123456789abcdef \
	ALLOWED_HOSTS=portal.example DATABASE_URL=sqlite:///:memory: EMAIL_URL=smtp+tls://mailer:secret@mail.example:587 \
	$(MANAGE) check --deploy --fail-level WARNING

schema: install-dev
	$(TEST_ENV) $(MANAGE) spectacular --validate --fail-on-warn --file /dev/null

pytest: install-dev services e2e-deps
	$(VENV)/bin/pytest -n 2 --dist worksteal -p no:cacheprovider --cov --cov-report=
	$(PY) scripts/coverage-floor

# The browser journeys (tests/e2e) drive Debian's Chromium; Playwright never downloads a browser.
# axe-core (the accessibility checks) comes from package-lock.json, reinstalled only when the lock
# file changes: npm ci writes node_modules/.package-lock.json, which then is newer than the lock.
e2e-deps: node_modules/.package-lock.json
	@test -x /usr/bin/chromium || { apt-get update && apt-get install -y --no-install-recommends chromium; }

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

test: install-dev services lint
	DATABASE_URL=sqlite:///:memory: $(MANAGE) makemigrations --check --dry-run
	$(MAKE) --no-print-directory check-deploy schema pytest

messages: install
	cd $(CURDIR) && $(MANAGE) makemessages -l id --ignore=.venv --ignore=tests && $(MANAGE) compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 media

bench: install-dev services
	$(PY) bench/bench.py
	$(PY) bench/page_weight.py
	$(MAKE) --no-print-directory load

# gunicorn + locust on 127.0.0.1: 50 users for 60 s against 10,000 innovations (bench/README.md).
load: install-bench services
	$(PY) bench/load.py
