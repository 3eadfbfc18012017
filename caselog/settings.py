"""Caselog settings: everything comes from environment variables, with defaults that make
`make run` work on a fresh machine (SQLite under var/, console email)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("CASELOG_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "caselog-insecure-development-key-change-me-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Our own reverse proxies (addresses or CIDR networks): X-Forwarded-For is believed only when the
# request comes from one of them, and then only up to the first hop that is not ours.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")

INSTALLED_APPS = [
    # Our apps first: their templates and translations win over Django's own.
    "caselog.core",
    "caselog.accounts",
    "caselog.audit",
    "caselog.knowledge",
    "caselog.search",
    "caselog.devices",
    "caselog.api",
    "caselog.sla",
    "caselog.cases",
    "caselog.mail",
    "caselog.workforce",
    "caselog.store",
    "caselog.community",
    "caselog.repairs",
    "caselog.console",
    "caselog.demo",
    "benchmarks",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "ninja",  # serves the API docs page from its own static files, not a CDN
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "caselog.accounts.middleware.ProfileLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "caselog.core.bad_input.NumberOutOfRangeMiddleware",
]

ROOT_URLCONF = "caselog.urls"
WSGI_APPLICATION = "caselog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "caselog.accounts.context_processors.roles",
            ],
        },
    },
]

_DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'caselog.sqlite3'}")
# A PostgreSQL connection costs a few milliseconds to open: each web thread keeps its own
# for a minute (checked before reuse). Opening an SQLite file is free.
DATABASES = {
    "default": dj_database_url.parse(
        _DATABASE_URL,
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "0" if _DATABASE_URL.startswith("sqlite") else "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web server and the worker read and write side by side.
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", str(VAR_DIR / "test-caselog.sqlite3"))}
else:
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME", "caselog_test")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# The "Caselog standard" password policy: each rule is its own validator with its own message
# (caselog/accounts/password_policy.py); documented in caselog/accounts/SECURITY.md.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "caselog.accounts.password_policy.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "caselog.accounts.password_policy.DigitValidator"},
    {"NAME": "caselog.accounts.password_policy.UppercaseValidator"},
    {"NAME": "caselog.accounts.password_policy.LowercaseValidator"},
    {"NAME": "caselog.accounts.password_policy.RepeatedCharacterValidator", "OPTIONS": {"max_repeats": 2}},
    {"NAME": "caselog.accounts.password_policy.AccountNameValidator"},
    {"NAME": "caselog.accounts.password_policy.PreviousPasswordValidator", "OPTIONS": {"history": 5}},
    {"NAME": "caselog.accounts.password_policy.CommonPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("de", _("German")), ("ru", _("Russian"))]
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [
    ("vendor/htmx", BASE_DIR / "node_modules" / "htmx.org" / "dist"),
    ("vendor/chartjs", BASE_DIR / "node_modules" / "chart.js" / "dist"),
]
WHITENOISE_USE_FINDERS = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Caselog Support <support@caselog.example>")


def email_url_settings(url: str) -> dict[str, object]:
    """EMAIL_URL, e.g. smtp://user:password@mail.example.com:587/?tls=1, smtps://...:465,
    console://, locmem://, dummy://, file:///path/to/dir; it overrides the EMAIL_* variables."""
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    backend = {
        "smtp": smtp,
        "smtps": smtp,
        "submission": smtp,
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
    }[parts.scheme]
    use_ssl = parts.scheme == "smtps" or query.get("ssl", "").lower() in {"1", "true", "yes"}
    values: dict[str, object] = {
        "EMAIL_BACKEND": backend,
        "EMAIL_HOST": parts.hostname or "127.0.0.1",
        "EMAIL_PORT": parts.port or (465 if use_ssl else 587 if parts.scheme == "submission" else 25),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_SSL": use_ssl,
        "EMAIL_USE_TLS": not use_ssl
        and (parts.scheme == "submission" or query.get("tls", "").lower() in {"1", "true", "yes"}),
        "EMAIL_TIMEOUT": int(query.get("timeout", "30")),
    }
    if parts.scheme == "file":
        values["EMAIL_FILE_PATH"] = unquote(parts.path)
    return values


if os.environ.get("EMAIL_URL"):
    globals().update(email_url_settings(os.environ["EMAIL_URL"]))


def cache_settings(url: str) -> dict[str, dict[str, str]]:
    """CACHE_URL: empty for the embedded default (one process, in memory); redis://host:port/db
    when several web processes must share rate-limit counters."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}}
    if url:
        raise ValueError(f"CACHE_URL must be a redis:// URL, not {url!r}")
    return {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


CACHES = cache_settings(os.environ.get("CACHE_URL", ""))

TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default", "search"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Product rules. Durations are timedeltas with their unit in the name.
CASES_PER_PAGE = 25
DEFAULT_FIRST_RESPONSE = timedelta(hours=int(os.environ.get("DEFAULT_FIRST_RESPONSE_HOURS", "48")))
# Devices: coverage defaults per product line, the public coverage check's rate limit, receipts.
PHONE_SUPPORT_DAYS = timedelta(days=int(os.environ.get("PHONE_SUPPORT_DAYS", "90")))
HARDWARE_WARRANTY_DAYS = timedelta(days=int(os.environ.get("HARDWARE_WARRANTY_DAYS", "365")))
COVERAGE_CHECKS_PER_WINDOW = int(os.environ.get("COVERAGE_CHECKS_PER_WINDOW", "10"))
COVERAGE_CHECK_WINDOW = timedelta(seconds=int(os.environ.get("COVERAGE_CHECK_WINDOW_SECONDS", "60")))
RECEIPT_MAX_BYTES = int(os.environ.get("RECEIPT_MAX_BYTES", str(5 * 1024 * 1024)))
# Webhooks go to public addresses only (no requests into the server's own network); turn this on
# only where Caselog posts to receivers on a private network on purpose.
WEBHOOK_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOK_ALLOW_PRIVATE_TARGETS", False)
# Webhook delivery: the waits before the 2nd, 3rd, ... try (minutes, comma-separated; about 18
# hours from the first try to the last), the
# consecutive failures after which an endpoint is switched off, one try's time-out.
WEBHOOK_RETRY_DELAYS = tuple(
    timedelta(minutes=int(minutes)) for minutes in env_list("WEBHOOK_RETRY_DELAYS_MINUTES", "1,5,30,120,300,600")
)
WEBHOOK_DISABLE_AFTER_FAILURES = int(os.environ.get("WEBHOOK_DISABLE_AFTER_FAILURES", "10"))
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
WEBHOOK_DELIVERY_KEEP = timedelta(days=int(os.environ.get("WEBHOOK_DELIVERY_KEEP_DAYS", "30")))
# API: requests a minute per token and per anonymous client; how long Idempotency-Key answers stay.
API_TOKEN_RATE_LIMIT = int(os.environ.get("API_TOKEN_RATE_LIMIT", "600"))
API_PUBLIC_RATE_LIMIT = int(os.environ.get("API_PUBLIC_RATE_LIMIT", "120"))
API_IDEMPOTENCY_KEEP = timedelta(hours=int(os.environ.get("API_IDEMPOTENCY_KEEP_HOURS", "24")))
# Suggestions (search pages): requests per client and window.
SEARCH_SUGGEST_RATE_LIMIT = int(os.environ.get("SEARCH_SUGGEST_RATE_LIMIT", "120"))
SEARCH_SUGGEST_RATE_WINDOW = timedelta(seconds=int(os.environ.get("SEARCH_SUGGEST_RATE_WINDOW_SECONDS", "60")))
# Repairs: the warranty on a repair, unless its service location sets its own.
REPAIR_WARRANTY_DAYS = timedelta(days=int(os.environ.get("REPAIR_WARRANTY_DAYS", "90")))

# Account security (caselog/accounts/SECURITY.md explains each number).
ACCOUNT_LOCKOUT_FAILURES = int(os.environ.get("ACCOUNT_LOCKOUT_FAILURES", "10"))
ACCOUNT_LOCKOUT_WINDOW = timedelta(minutes=int(os.environ.get("ACCOUNT_LOCKOUT_WINDOW_MINUTES", "60")))
KNOWN_DEVICE_FREE_FAILURES = int(os.environ.get("KNOWN_DEVICE_FREE_FAILURES", "10"))
SIGNIN_NETWORK_FREE_FAILURES = int(os.environ.get("SIGNIN_NETWORK_FREE_FAILURES", "5"))
SIGNIN_THROTTLE_WINDOW = timedelta(minutes=int(os.environ.get("SIGNIN_THROTTLE_WINDOW_MINUTES", "60")))
SIGNIN_THROTTLE_BASE_DELAY = timedelta(seconds=int(os.environ.get("SIGNIN_THROTTLE_BASE_DELAY_SECONDS", "2")))
SIGNIN_THROTTLE_MAX_DELAY = timedelta(minutes=int(os.environ.get("SIGNIN_THROTTLE_MAX_DELAY_MINUTES", "15")))
SIGNIN_NETWORK_PREFIX_IPV4 = int(os.environ.get("SIGNIN_NETWORK_PREFIX_IPV4", "24"))
SIGNIN_NETWORK_PREFIX_IPV6 = int(os.environ.get("SIGNIN_NETWORK_PREFIX_IPV6", "64"))
SIGNIN_ATTEMPTS_KEPT = timedelta(days=int(os.environ.get("SIGNIN_ATTEMPTS_KEPT_DAYS", "30")))
DEVICE_COOKIE_NAME = "caselog_device"
DEVICE_COOKIE_AGE = timedelta(days=int(os.environ.get("DEVICE_COOKIE_AGE_DAYS", "400")))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT_SECONDS", str(60 * 60)))
PASSWORD_RESET_EMAILS_PER_HOUR = int(os.environ.get("PASSWORD_RESET_EMAILS_PER_HOUR", "5"))
IDENTITY_CODE_VALID_FOR = timedelta(minutes=int(os.environ.get("IDENTITY_CODE_VALID_MINUTES", "10")))
IDENTITY_CODE_MAX_ATTEMPTS = int(os.environ.get("IDENTITY_CODE_MAX_ATTEMPTS", "5"))
IDENTITY_VERIFIED_FOR = timedelta(minutes=int(os.environ.get("IDENTITY_VERIFIED_MINUTES", "30")))
IDENTITY_QUESTION_MAX_FAILURES = int(os.environ.get("IDENTITY_QUESTION_MAX_FAILURES", "3"))
IDENTITY_QUESTION_WINDOW = timedelta(minutes=int(os.environ.get("IDENTITY_QUESTION_WINDOW_MINUTES", "60")))

# Store disputes.
REFUND_CARD_BUSINESS_DAYS = (5, 7)
REACTIVATION_MAX_FAILURES = int(os.environ.get("REACTIVATION_MAX_FAILURES", "3"))
REACTIVATION_WINDOW = timedelta(minutes=int(os.environ.get("REACTIVATION_WINDOW_MINUTES", "60")))

# Email channel (caselog/mail/README.md explains each number).
MAIL_MAX_MESSAGE_BYTES = int(os.environ.get("MAIL_MAX_MESSAGE_BYTES", str(40 * 1024 * 1024)))
MAIL_MAX_ATTACHMENT_BYTES = int(os.environ.get("MAIL_MAX_ATTACHMENT_BYTES", str(20 * 1024 * 1024)))
MAIL_PARSE_TIME_LIMIT = timedelta(seconds=int(os.environ.get("MAIL_PARSE_TIME_LIMIT_SECONDS", "20")))
MAIL_FLOOD_LIMIT = int(os.environ.get("MAIL_FLOOD_LIMIT", "20"))
MAIL_FLOOD_WINDOW = timedelta(minutes=int(os.environ.get("MAIL_FLOOD_WINDOW_MINUTES", "60")))
MAIL_RECOVER_AFTER = timedelta(minutes=int(os.environ.get("MAIL_RECOVER_AFTER_MINUTES", "5")))
MAIL_POLL_INTERVAL = timedelta(seconds=int(os.environ.get("MAIL_POLL_INTERVAL_SECONDS", "60")))
# The one rate limit of every suggestion front door and its feedback (search.doors), per
# signed-in user or per client address.
SEARCH_SUGGEST_RATE_LIMIT = int(os.environ.get("SEARCH_SUGGEST_RATE_LIMIT", "120"))
SEARCH_SUGGEST_RATE_WINDOW = timedelta(seconds=int(os.environ.get("SEARCH_SUGGEST_RATE_WINDOW_SECONDS", "60")))

# Recurring work, enqueued when due by `manage.py periodic` (inside `make run`'s process):
# (task, interval, keyword arguments).
PERIODIC_TASKS = [
    ("caselog.cases.tasks.sla_escalate_round", timedelta(minutes=1), {}),
    ("caselog.core.tasks.command_run", timedelta(hours=1), {"name": "workforce_rollup"}),
    ("caselog.core.tasks.command_run", timedelta(hours=6), {"name": "store_settle_refunds"}),
    ("caselog.core.tasks.command_run", timedelta(days=1), {"name": "signin_attempts_prune"}),
    ("caselog.core.outbox.outbox_deliver_due", timedelta(minutes=1), {}),
    ("caselog.api.tasks.webhook_deliver_due", timedelta(minutes=1), {}),
    ("caselog.api.tasks.api_housekeeping", timedelta(hours=1), {}),
]
