"""Django settings for hipfirst, driven by environment variables.

``HIPFIRST_ENV`` is one of ``dev`` (the default: ``make run``), ``test`` and
``production``. Production requires ``SECRET_KEY`` and ``ALLOWED_HOSTS`` and turns on
secure cookies, HSTS and the SSL redirect, so ``manage.py check --deploy`` is clean.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from hipfirst.web.env import env, env_bool, env_int, env_list, env_required

ENV = env("HIPFIRST_ENV", default="dev")
if ENV not in {"dev", "test", "production"}:
    raise ImproperlyConfigured(f"HIPFIRST_ENV must be dev, test or production, not {ENV!r}.")
IS_PRODUCTION = ENV == "production"

PACKAGE_DIR = Path(__file__).resolve().parent
#: Where the embedded database, uploads and collected static files live.
VAR_DIR = Path(env("HIPFIRST_VAR_DIR", default=str(Path.cwd() / "var"))).resolve()

DEV_ONLY_SECRET_KEY = "dev-only-not-secret-0f3c9b7e4a1d8e2b6c5a9f0e7d3b1a4c8e6f2d0b9a7c5e3f1"
SECRET_KEY = (
    env_required("SECRET_KEY") if IS_PRODUCTION else env("SECRET_KEY", default=DEV_ONLY_SECRET_KEY)
)
DEBUG = env_bool("DEBUG", default=ENV == "dev")
ALLOWED_HOSTS = (
    env_list("ALLOWED_HOSTS", default=[])
    if IS_PRODUCTION
    else env_list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
)
if IS_PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("Set ALLOWED_HOSTS to the site's host names, comma-separated.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "hipfirst.web.accounts",
    "hipfirst.web.assessment",
    "hipfirst.web.training",
    "hipfirst.web.cadence",
    "hipfirst.web.sharing",
    "hipfirst.web.movement",
    "hipfirst.web.programme",
    "hipfirst.web.learn",
    "hipfirst.web.progress",
    "hipfirst.web.api",
    "hipfirst.web.ui",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "hipfirst.web.urls"
WSGI_APPLICATION = "hipfirst.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database: SQLite under ./var/ by default (WAL mode), PostgreSQL via DATABASE_URL.
SQLITE_URL = f"sqlite:///{VAR_DIR / 'hipfirst.sqlite3'}"
if not env("DATABASE_URL", default=""):
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the embedded default must just work
# Connections are kept a minute and checked before reuse: after a database restart each
# web process reconnects on its next request rather than failing it on a dead socket.
DATABASES: dict[str, dict[str, Any]] = {
    "default": dict(
        dj_database_url.parse(
            env("DATABASE_URL", default=SQLITE_URL), conn_max_age=60, conn_health_checks=True
        )
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the worker write while the web process reads; IMMEDIATE avoids
        # "database is locked" when both upgrade a read to a write at once.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts: email and password, Argon2 first.
AUTH_USER_MODEL = "accounts.User"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if IS_PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="hipfirst <noreply@localhost>")

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = False
USE_TZ = True

# --- Static files (whitenoise) and uploads (local folder, or S3-compatible storage).
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
# Outside production, serve straight from the source folders: no collectstatic needed.
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
WHITENOISE_AUTOREFRESH = not IS_PRODUCTION
WHITENOISE_MIMETYPES = {".wav": "audio/wav"}  # missing from its table; the learn recordings
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
#: Largest upload accepted, in bytes (training archives are the largest expected).
MAX_UPLOAD_BYTES = env_int("HIPFIRST_MAX_UPLOAD_BYTES", default=200 * 1024 * 1024)
#: Largest movement-check video accepted, in bytes (30 s of phone video is about 60 MB).
MAX_VIDEO_BYTES = env_int("HIPFIRST_MAX_VIDEO_BYTES", default=150 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
#: Files in one upload; a bigger history should come as the app's export zip.
DATA_UPLOAD_MAX_NUMBER_FILES = env_int("HIPFIRST_MAX_UPLOAD_FILES", default=1000)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

_media_backend: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if AWS_STORAGE_BUCKET_NAME := env("AWS_STORAGE_BUCKET_NAME", default=""):
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env("AWS_S3_REGION_NAME", default="") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
STORAGES = {
    "default": _media_backend,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

# --- Background tasks: the Django tasks API on the database (django-tasks-db).
TASKS = {
    "default": {
        "BACKEND": env("HIPFIRST_TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
#: Seconds a running import or movement check may go without a heartbeat before
#: ``requeue_stalled`` queues it again (a worker writes one twice a second as it decodes).
STALLED_AFTER_S = env_int("HIPFIRST_STALLED_AFTER_S", default=120)
if STALLED_AFTER_S < 1:
    raise ImproperlyConfigured("HIPFIRST_STALLED_AFTER_S must be at least 1 (seconds).")

# --- Security headers. No inline scripts anywhere (templates load static files only).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"],
        "media-src": [SELF, "blob:"],
        "connect-src": [SELF],
        "font-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if IS_PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint.progress": {"level": "WARNING"},  # one line a rendering step otherwise
    },
}
