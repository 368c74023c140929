"""Settings shared by every environment, read from the environment (12-factor).

With nothing set, the portal runs on the embedded default: SQLite, Celery tasks executed
in-process, e-mail printed to the console.
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "bootstrap",
    "accounts",
    "innovations",
    "curation",
    "agreements",
    "notifications",
    "reports",
    "iga",
    "portfolio",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "intan_banjar.middleware.PortalLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "intan_banjar.middleware.PortalAuthenticationMiddleware",
    "intan_banjar.middleware.PortalLoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "intan_banjar.urls"
# The innovation's (cycle, status) index covers the launch list's columns on PostgreSQL
# (INCLUDE); SQLite, the embedded default, has no INCLUDE and builds the plain index, which is
# all it needs: its warning says exactly that.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
WSGI_APPLICATION = "intan_banjar.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.navigation",
            ],
            "libraries": {
                "portal": "intan_banjar.template_library",
                "kept_blocks": "intan_banjar.kept_blocks",
            },
        },
    },
]

# Widgets drawn in Python where Django's templates for them cost more than a page's SQL
# (intan_banjar/widget_renderer.py); the same HTML.
FORM_RENDERER = "intan_banjar.widget_renderer.PortalFormRenderer"

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Argon2id first (accounts/hashers.py: why these parameters); the others only check passwords
# hashed before, which are then re-hashed with Argon2id at the next sign-in.
PASSWORD_HASHERS = [
    "accounts.hashers.PortalArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Django's database sessions; loading one runs SQL compiled once (intan_banjar/sessions.py).
SESSION_ENGINE = "intan_banjar.sessions"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: five failures for one username from one address lock it for a cool-off
# period, then it opens again by itself (no permanent lock an admin must lift). Failures of one
# account from any addresses lock it too, at a higher limit (AXES_ACCOUNT_FAILURE_LIMIT), so
# changing address gains a guesser nothing and a stranger needs more tries to lock someone out
# (accounts.lockout.AccountAwareAxesHandler; docs/decisions.md).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_ACCOUNT_FAILURE_LIMIT = env.int("AXES_ACCOUNT_FAILURE_LIMIT", default=20)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username"]
AXES_HANDLER = "accounts.lockout.AccountAwareAxesHandler"
# Both the login form and the token API call authenticate(username=<email>): without this axes
# would look for an `email` credential (the USERNAME_FIELD), find none and count failures per
# address only, locking every account behind that address.
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
# Posts of the login form per client address (intan_banjar.client_ip), like the token endpoint's
# scoped rate. Counted in the cache: with the cache down it lets requests through (axes still
# counts failures in the database).
LOGIN_THROTTLE = {"rate": env("LOGIN_THROTTLE_RATE", default="20/min")}
# "Forgot password" requests per client address (each may send an e-mail).
PASSWORD_RESET_THROTTLE = {"rate": env("PASSWORD_RESET_THROTTLE_RATE", default="5/hour")}
# Set-password links (forgotten password and invitation) work once, for this long.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT_DAYS", default=3) * 86400
# API tokens live this many days from their creation; an older one is refused (401) and deleted.
API_TOKEN_TTL_DAYS = env.int("API_TOKEN_TTL_DAYS", default=30)

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"  # never served publicly: downloads go through permission-checked views
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=10 * 1024 * 1024)

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    # Fail soft (intan_banjar/cache.py): with Redis down every page and write still works, from
    # the database. The short timeouts keep the one attempt that finds Redis gone to a fraction
    # of a second; after it Redis is left alone for RETRY_AFTER seconds.
    CACHES = {
        "default": {
            "BACKEND": "intan_banjar.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "intan",
            "OPTIONS": {
                "socket_connect_timeout": env.float("REDIS_CONNECT_TIMEOUT", default=0.25),
                "socket_timeout": env.float("REDIS_SOCKET_TIMEOUT", default=0.5),
                "RETRY_AFTER": env.float("REDIS_RETRY_AFTER", default=5),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Celery: with no broker configured, tasks run in-process (the embedded default).
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True

# E-mail: EMAIL_URL such as smtp+tls://user:password@smtp.example:587 (console when unset).
_email = env.email("EMAIL_URL", default="consolemail://")
MAILERS = {"default": {"BACKEND": _email["EMAIL_BACKEND"]}}
if _email["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
    MAILERS["default"]["OPTIONS"] = {
        "host": _email["EMAIL_HOST"],
        "port": _email["EMAIL_PORT"],
        "username": _email["EMAIL_HOST_USER"],
        "password": _email["EMAIL_HOST_PASSWORD"],
        "use_tls": _email.get("EMAIL_USE_TLS", False),
        "use_ssl": _email.get("EMAIL_USE_SSL", False),
        "timeout": env.int("EMAIL_TIMEOUT", default=20),
    }
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="INTAN BANJAR <intan@banjarkab.go.id>")
EMAIL_REPLY_TO = env("EMAIL_REPLY_TO", default="bappedalitbang@banjarkab.go.id")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

REST_FRAMEWORK = {
    # Token first: DRF answers 401 (not 403) to anonymous requests only when the first class
    # sends a WWW-Authenticate header, and session authentication has none.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.authentication.ExpiringTokenAuthentication",
        "accounts.authentication.PortalSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    # JSON nested too deeply for the parser answers 400, not a RecursionError (issue 19).
    "DEFAULT_PARSER_CLASSES": [
        "intan_banjar.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    # DRF's JSON, byte for byte, written by orjson (intan_banjar/renderers.py).
    "DEFAULT_RENDERER_CLASSES": [
        "intan_banjar.renderers.PortalJSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PAGINATION_CLASS": "intan_banjar.api.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "intan_banjar.ordering.StableOrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_RATES": {"token": env("TOKEN_THROTTLE_RATE", default="20/min")},
    "EXCEPTION_HANDLER": "intan_banjar.api.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "INTAN BANJAR API",
    "DESCRIPTION": "Portal Inovasi Daerah Kabupaten Banjar: REST API v1",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Enums first (the default), then the error answers every operation can give (API.md).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "intan_banjar.schema.add_error_responses",
    ],
    # Choice sets whose field names collide with other apps' ("status"): named once here.
    "ENUM_NAME_OVERRIDES": {
        "AgreementStatusEnum": "agreements.enums.AgreementStatus",
        "AgreementFulfilmentEnum": "agreements.enums.Fulfilment",
        "ComplianceColourEnum": "agreements.enums.Colour",
        "InnovationStatusEnum": "innovations.enums.Status",
        "WorkflowActionEnum": "innovations.enums.Action",
        "LabStageEnum": "innovations.enums.LabStage",
        "AttachmentKindEnum": "innovations.enums.AttachmentKind",
        "UnitKindEnum": "accounts.enums.UnitKind",
        "HistoryActionEnum": "innovations.enums.HistoryAction",
        "DecreeKindEnum": "portfolio.enums.DecreeKind",
        "DecreeStateEnum": "portfolio.enums.DecreeState",
        "AdopterKindEnum": "portfolio.enums.AdopterKind",
        "MonitoringMethodEnum": "portfolio.enums.MonitoringMethod",
        "ObligationStatusEnum": "portfolio.enums.ObligationStatus",
        "LegacyImportStatusEnum": "portfolio.enums.ImportStatus",
        "ImportRowOutcomeEnum": "portfolio.enums.RowOutcome",
    },
}

# Content-Security-Policy (Django's built-in): only our own origin; no inline scripts.
from django.utils.csp import CSP  # noqa: E402

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Exports larger than this many rows are written by a Celery worker, with progress shown.
EXPORT_SYNC_MAX_ROWS = env.int("EXPORT_SYNC_MAX_ROWS", default=20000)

# Printed documents (agreements, the launch report): the letterhead's street address and contact
# line are not confirmed from an official source, so they are configuration (printed when set);
# the head of the unit with CURATING_UNIT_CODE signs for Bappedalitbang (accounts.letterhead).
LETTERHEAD_ADDRESS = env("LETTERHEAD_ADDRESS", default="")
LETTERHEAD_CONTACT = env("LETTERHEAD_CONTACT", default="")
CURATING_UNIT_CODE = env("CURATING_UNIT_CODE", default="BAPPEDALITBANG")
