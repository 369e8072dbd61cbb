"""Django settings for Pantau, read from the environment (see docs/configuration.md)."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from pantau.lib.clock import zone_key_from_env
from pantau.lib.env import ConfigError, env_bool, env_choice, env_int, env_list, env_str
from pantau.lib.home import (
    FIELD_KEY_FILE,
    PACKAGE_DIR,
    PRIVATE_UMASK,
    SECRET_KEY_FILE,
    local_secret,
    make_private,
    pantau_home,
)
from pantau.lib.links import served_url, site_url
from pantau.lib.production import check_production

BASE_DIR = PACKAGE_DIR
# Before PANTAU_HOME is made: everything Pantau writes is the owner's only (docs/backup.md).
os.umask(PRIVATE_UMASK)
PANTAU_HOME: Path = pantau_home()
make_private(PANTAU_HOME)
# The evidence chain's head, kept outside the database (pantau/evidence/anchors.py).
PANTAU_EVIDENCE_HEAD_FILE = PANTAU_HOME / "evidence-head.json"
PANTAU_EVIDENCE_ROOT = PANTAU_HOME / "evidence"

PANTAU_ENV = env_choice("PANTAU_ENV", ("development", "production"), "development")
DEBUG = env_bool("PANTAU_DEBUG", False)
SECRET_KEY = env_str("PANTAU_SECRET_KEY") or local_secret(PANTAU_HOME, SECRET_KEY_FILE)
if PANTAU_ENV == "production" and DEBUG:
    raise ConfigError("PANTAU_DEBUG must be off when PANTAU_ENV=production")

ALLOWED_HOSTS = env_list("PANTAU_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
if PANTAU_ENV == "production":
    check_production(env_str("PANTAU_SECRET_KEY"), ALLOWED_HOSTS)
CSRF_TRUSTED_ORIGINS = env_list("PANTAU_CSRF_TRUSTED_ORIGINS", [])
# Every e-mail and notification link is built from it by pantau/lib/links.py.
SITE_URL = site_url(env_str("PANTAU_SITE_URL") or served_url())

# Domain apps, each owning its models, pages, API and commands.
PANTAU_APPS = [
    "pantau.core",
    "pantau.people",
    "pantau.regions",
    "pantau.jobs",
    "pantau.api",
    "pantau.intake",
    "pantau.evidence",
    "pantau.inventory",
    "pantau.detection",
    "pantau.coordination",
    "pantau.reports",
    "pantau.cases",
    "pantau.pokja",
    "pantau.outreach",
    "pantau.documents",
    "pantau.dashboards",
    "pantau.audit",
    "pantau.backup",
]

INSTALLED_APPS = [
    *PANTAU_APPS,
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "knox",
    "axes",
    "drf_spectacular",
    "csp",
]

MIDDLEWARE = [
    "pantau.core.middleware.forwarded_proto_from_trusted_proxies",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "pantau.core.middleware.language_from_choice",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its answer (pantau/people/lockout.py).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pantau.urls"
WSGI_APPLICATION = "pantau.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pantau.core.context.office",
            ],
        },
    },
]


def _database() -> dj_database_url.DBConfig:
    url = env_str("DATABASE_URL")
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
        if config["ENGINE"] not in ("django.db.backends.postgresql", "django.db.backends.sqlite3"):
            raise ConfigError(f"DATABASE_URL must be postgresql:// or sqlite://, not {config['ENGINE']}")
        if env_str("PANTAU_TEST_DATABASE_NAME"):
            config["TEST"] = {"NAME": env_str("PANTAU_TEST_DATABASE_NAME")}
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(PANTAU_HOME / "pantau.sqlite3"),
        # Kept open across requests, as on PostgreSQL: opening one costs a file open and four pragmas.
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
        # WAL lets the web app read while the worker writes; IMMEDIATE takes
        # the write lock at BEGIN so two writers queue instead of deadlocking.
        "OPTIONS": {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=30000;"
            ),
        },
    }


DATABASES = {"default": _database()}
# What must hold across all web processes (`pantau serve` runs one per core, a
# scale-out deployment many more), such as a solved challenge being used once,
# is cached in a table in the database (created by core's migrations); the rate
# limits have their own table (reports.RateCount).
# "local" is each process's own memory, for what may differ between processes for a minute
# (the public form's unchanging fields, rendered once rather than on every visit).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "pantau_cache"},
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "pantau-local"},
}
# Reverse proxies whose X-Forwarded-For is believed (their own addresses, comma-separated).
PANTAU_TRUSTED_PROXIES = env_list("PANTAU_TRUSTED_PROXIES", [])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "people.User"
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "people:login"

# django-axes first: it refuses a locked-out username or address before any password is checked.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Brute-force protection on every login path (the login form, /api/token/, the admin's login):
# a username is locked after this many failures from anywhere, an address after this many for
# any username; both stay locked for the lockout time after the last failure.
PANTAU_LOGIN_FAILURE_LIMIT = env_int("PANTAU_LOGIN_FAILURE_LIMIT", 10, minimum=1)
PANTAU_LOGIN_LOCKOUT_MINUTES = env_int("PANTAU_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
AXES_FAILURE_LIMIT = PANTAU_LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = timedelta(minutes=PANTAU_LOGIN_LOCKOUT_MINUTES)
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_CLIENT_IP_CALLABLE = "pantau.core.client.client_ip"
AXES_LOCKOUT_CALLABLE = "pantau.people.lockout.lockout_response"
# A success must not wipe the address's count, or an attacker's own account would reset it.
AXES_RESET_ON_SUCCESS = False
# Attempts while locked are refused without counting, so the lockout ends on time for the real owner.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Logins are recorded by the audit log (user_logged_in / user_login_failed), not a second time here.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# API tokens (django-rest-knox): only a hash is stored; the token is shown once, when issued.
PANTAU_TOKEN_DAYS = env_int("PANTAU_TOKEN_DAYS", 30, minimum=1)
REST_KNOX = {
    "TOKEN_TTL": timedelta(days=PANTAU_TOKEN_DAYS),
    "AUTH_HEADER_PREFIX": "Token",
    # Recognisable in a leaked file or a secret scanner.
    "TOKEN_PREFIX": "pantau_",
    "AUTO_REFRESH": False,
}

# A session lasts a working day at most, and ends when the browser closes.
PANTAU_SESSION_HOURS = env_int("PANTAU_SESSION_HOURS", 12, minimum=1)
SESSION_COOKIE_AGE = PANTAU_SESSION_HOURS * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("PANTAU_SESSION_AT_BROWSER_CLOSE", True)

PANTAU_PASSWORD_MIN_LENGTH = env_int("PANTAU_PASSWORD_MIN_LENGTH", 12, minimum=8)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PANTAU_PASSWORD_MIN_LENGTH},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LANGUAGE_COOKIE_NAME = "pantau_language"
TIME_ZONE = zone_key_from_env()
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = PANTAU_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
STORAGES = {
    # Files the web app and the workers hand each other (uploads to import, generated documents):
    # a folder on one laptop, a shared or object storage for many machines (pantau/jobs/files.py).
    "default": {"BACKEND": env_str("PANTAU_FILE_STORAGE", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Serve from the app folders directly so no collectstatic step can be forgotten.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# Uploaded files and evidence live outside any web root.
MEDIA_ROOT = PANTAU_HOME / "files"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Files from staff (captures, case attachments, imports through the web); the public form has its own limit.
PANTAU_MAX_UPLOAD_BYTES = env_int("PANTAU_MAX_UPLOAD_BYTES", 200 * 1024 * 1024, minimum=1024)
# Images with more pixels are refused before they are decoded (pantau/evidence/imaging.py).
PANTAU_MAX_IMAGE_PIXELS = env_int("PANTAU_MAX_IMAGE_PIXELS", 40_000_000, minimum=1_000_000)
# Two images whose 128-bit perceptual fingerprints differ in at most this many bits are the same picture.
PANTAU_IMAGE_MATCH_DISTANCE = env_int("PANTAU_IMAGE_MATCH_DISTANCE", 22, minimum=0)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("PANTAU_SECURE_COOKIES", PANTAU_ENV == "production")
# HSTS: browsers honour it only over HTTPS, so it is safe to send by default in production.
SECURE_HSTS_SECONDS = env_int("PANTAU_HSTS_SECONDS", 31536000 if PANTAU_ENV == "production" else 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("PANTAU_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("PANTAU_HSTS_PRELOAD", False)
SECURE_SSL_REDIRECT = env_bool("PANTAU_SSL_REDIRECT", False)
# The health probe of a load balancer usually speaks plain HTTP on the inside.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Believe a proxy's "this came over HTTPS" only when proxies are named; the header from anyone
# else is dropped before Django reads it (pantau/core/middleware.py).
if PANTAU_TRUSTED_PROXIES:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# No inline script or style anywhere: every asset is a file served by the app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

TASKS = {
    "default": {
        "BACKEND": env_str("PANTAU_TASK_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["pantau.api.permissions.IsOfficeStaff"],
    # limit and offset are bounded there (400 beyond the bounds); PAGE_SIZE is the default limit.
    "DEFAULT_PAGINATION_CLASS": "pantau.api.pagination.BoundedLimitOffsetPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "pantau.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Pantau API",
    "DESCRIPTION": "Election social-media supervision: posts, accounts, reports, cases, pokja.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # Several models have a "status": give each set of choices its own name in the schema.
    "ENUM_NAME_OVERRIDES": {
        "JobStatusEnum": "pantau.jobs.models.Status",
        "WatchStatusEnum": "pantau.inventory.models.WatchStatus",
        "CaseStatusEnum": "pantau.cases.domain.STATUSES",
        "ReportStatusEnum": "pantau.reports.models.Report.Status",
        "ReportKindEnum": "pantau.reports.models.Report.Kind",
        "MeetingStatusEnum": "pantau.pokja.models.Meeting.Status",
        "ActionStatusEnum": "pantau.pokja.models.ActionItem.Status",
    },
}

# Until a mail server is configured, a laptop keeps its e-mails as files in
# PANTAU_HOME/outbox/ (nothing lost, nothing failing) instead of refusing to send.
_MAIL_SERVER_SET = bool(env_str("PANTAU_SMTP_HOST")) or PANTAU_ENV == "production"
EMAIL_BACKEND = env_str(
    "PANTAU_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if _MAIL_SERVER_SET
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = PANTAU_HOME / "outbox"
EMAIL_HOST = env_str("PANTAU_SMTP_HOST", "localhost")
EMAIL_PORT = env_int("PANTAU_SMTP_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("PANTAU_SMTP_USER", "")
EMAIL_HOST_PASSWORD = env_str("PANTAU_SMTP_PASSWORD", "")
EMAIL_USE_TLS = env_bool("PANTAU_SMTP_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("PANTAU_FROM_EMAIL", "pantau@localhost")

# A watch list's new matches in one check: up to this many are one notification each, more become digests.
PANTAU_ALERT_DIGEST_AFTER = env_int("PANTAU_ALERT_DIGEST_AFTER", 5, minimum=1)

# The office this installation serves; shown on pages and letterheads.
PANTAU_OFFICE_NAME = env_str("PANTAU_OFFICE_NAME", "Bawaslu Kabupaten Barito Timur")
PANTAU_OFFICE_REGION_CODE = env_str("PANTAU_OFFICE_REGION_CODE", "62.13")
PANTAU_OFFICE_ADDRESS = env_str("PANTAU_OFFICE_ADDRESS", "Tamiang Layang, Kalimantan Tengah")
PANTAU_OFFICE_CITY = env_str("PANTAU_OFFICE_CITY", "Tamiang Layang")
PANTAU_REPORT_CODE_PREFIX = env_str("PANTAU_REPORT_CODE_PREFIX", "BTM")
# The office's code and scope in register numbers of reports and findings (pantau/cases/data/procedure.toml).
PANTAU_OFFICE_CODE = env_str("PANTAU_OFFICE_CODE", "21.13").strip()
PANTAU_REGISTER_SCOPE = env_str("PANTAU_REGISTER_SCOPE", "PB/Kab").strip()
if not PANTAU_OFFICE_CODE or not PANTAU_REGISTER_SCOPE:
    raise ConfigError(
        "PANTAU_OFFICE_CODE and PANTAU_REGISTER_SCOPE must not be empty: they are part of register numbers"
    )


def _letter_number_format() -> str:
    """The outgoing-letter number's form; a typo in a field name would only show on the first letter."""
    fmt = env_str("PANTAU_LETTER_NUMBER_FORMAT", "{seq:03d}/{code}/K.KH-06/{month:02d}/{year}")
    try:
        sample = fmt.format(seq=1, code="PM.00.02", month=11, year=2024)
    except (KeyError, IndexError, ValueError) as exc:
        raise ConfigError(
            f"PANTAU_LETTER_NUMBER_FORMAT={fmt!r} is not a valid format (fields: seq, code, month, year): {exc}"
        ) from exc
    if "{seq" not in fmt or sample == fmt.format(seq=2, code="PM.00.02", month=11, year=2024):
        raise ConfigError("PANTAU_LETTER_NUMBER_FORMAT must contain {seq}, or two letters would share a number")
    return fmt


PANTAU_LETTER_NUMBER_FORMAT = _letter_number_format()
# The classification code (kode klasifikasi arsip) of letters that name none.
PANTAU_LETTER_CLASSIFICATION = env_str("PANTAU_LETTER_CLASSIFICATION", "PM.00.02")


def _field_keys() -> list[str]:
    """Keys that encrypt reporters' identities: the first encrypts, every one decrypts (rotation)."""
    from cryptography.fernet import Fernet

    keys = env_list("PANTAU_FIELD_KEYS") or [
        local_secret(PANTAU_HOME, FIELD_KEY_FILE, make=lambda: Fernet.generate_key().decode())
    ]
    for key in keys:
        try:
            Fernet(key)
        except ValueError as exc:
            raise ConfigError(
                "PANTAU_FIELD_KEYS holds a key that is not a Fernet key (32 url-safe base64 bytes)"
            ) from exc
    return keys


PANTAU_FIELD_KEYS = _field_keys()
# Days after a case closes before the reporter's identity is erased (`pantau reports purge-identities`).
PANTAU_IDENTITY_RETENTION_DAYS = env_int("PANTAU_IDENTITY_RETENTION_DAYS", 365, minimum=1)
PANTAU_REPORT_MAX_FILE_BYTES = env_int("PANTAU_REPORT_MAX_FILE_BYTES", 20 * 1024 * 1024, minimum=1024)
PANTAU_REPORT_MAX_FILES = env_int("PANTAU_REPORT_MAX_FILES", 5, minimum=1)
# Accepted reports per hour from one browser, and from one address (a whole village may share one
# mobile-carrier address); past either, the reporter answers a question (pantau/reports/ratelimit.py).
PANTAU_REPORT_BROWSER_LIMIT = env_int("PANTAU_REPORT_BROWSER_LIMIT", 10, minimum=1)
PANTAU_REPORT_ADDRESS_LIMIT = env_int("PANTAU_REPORT_ADDRESS_LIMIT", 100, minimum=1)
if env_str("PANTAU_REPORT_SUBMIT_LIMIT") is not None:
    raise ConfigError(
        "PANTAU_REPORT_SUBMIT_LIMIT is gone: set PANTAU_REPORT_BROWSER_LIMIT and PANTAU_REPORT_ADDRESS_LIMIT instead"
    )
# Status look-ups per address and hour, every attempt counted: they guard the receipt codes.
PANTAU_REPORT_LOOKUP_LIMIT = env_int("PANTAU_REPORT_LOOKUP_LIMIT", 30, minimum=1)

# Whether `pantau serve` starts a worker process beside the web server.
PANTAU_EMBEDDED_WORKER = env_bool("PANTAU_EMBEDDED_WORKER", True)
PANTAU_WORKER_STALE_SECONDS = env_int("PANTAU_WORKER_STALE_SECONDS", 60, minimum=5)
# A running job is leased to its worker; a thread in the worker renews the lease
# every heartbeat, so a job whose worker died is taken over once the lease ends.
PANTAU_JOB_HEARTBEAT_SECONDS = env_int("PANTAU_JOB_HEARTBEAT_SECONDS", 10, minimum=1)
PANTAU_JOB_LEASE_SECONDS = env_int("PANTAU_JOB_LEASE_SECONDS", 40, minimum=2)
# One web process per core (at most 4): a process runs Python on one core at a time.
PANTAU_WEB_PROCESSES = env_int("PANTAU_WEB_PROCESSES", min(4, os.cpu_count() or 1), minimum=1)
# Requests mostly wait on the database, so several threads per core keep the cores busy.
PANTAU_WEB_THREADS = env_int("PANTAU_WEB_THREADS", max(8, 4 * (os.cpu_count() or 1)), minimum=1)
# More posts than this waiting for classification are cut into parts, one job each, so every worker helps.
PANTAU_CLASSIFY_PART_POSTS = env_int("PANTAU_CLASSIFY_PART_POSTS", 25_000, minimum=100)
PANTAU_COORDINATION_PART_POSTS = env_int("PANTAU_COORDINATION_PART_POSTS", 25_000, minimum=100)
# A JSON Lines or CSV upload larger than this is imported in pieces of about this size, one job each.
PANTAU_IMPORT_PART_BYTES = env_int("PANTAU_IMPORT_PART_BYTES", 32 * 1024 * 1024, minimum=1024)
PANTAU_JOB_RETRY_SECONDS = env_int("PANTAU_JOB_RETRY_SECONDS", 15, minimum=0)
if PANTAU_JOB_LEASE_SECONDS < 2 * PANTAU_JOB_HEARTBEAT_SECONDS:
    raise ConfigError(
        f"PANTAU_JOB_LEASE_SECONDS={PANTAU_JOB_LEASE_SECONDS} must be at least twice "
        f"PANTAU_JOB_HEARTBEAT_SECONDS={PANTAU_JOB_HEARTBEAT_SECONDS}, or a live worker could lose its job"
    )

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PANTAU_LOG_LEVEL", "WARNING")},
}
