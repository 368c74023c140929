# Production image of the INTAN BANJAR portal: gunicorn for the web, the same image for Celery.
FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=intan_banjar.settings.production \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/app/media

# WeasyPrint (agreement and report PDFs) renders through Pango; fonts for the documents.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first, installed exactly as the Makefile does, so code changes reuse this layer.
COPY pyproject.toml ./
COPY requirements/no-deps.txt requirements/no-deps.txt
RUN pip install . \
    && pip install --no-deps -r requirements/no-deps.txt

COPY . .

# Static files are collected at build time and served by WhiteNoise; the dummy values only let
# the production settings load (nothing is written to a database here).
RUN SECRET_KEY=build-only-not-secret ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --noinput \
    && rm -f /tmp/build.sqlite3

RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin intan \
    && mkdir -p /app/media \
    && chown intan /app/media
USER intan

EXPOSE 8000
CMD ["gunicorn", "intan_banjar.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
