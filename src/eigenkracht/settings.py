"""One settings module, configured from the environment (twelve-factor).

Every variable has a safe development default so that `make run` works without set-up; the README
lists them all.
"""

from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env.str("SECRET_KEY", default="django-insecure-development-only-do-not-deploy")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# `make run PORT=8001` serves on another port; links in mails follow it unless SITE_URL is set.
PORT = env.int("PORT", default=8000)
SITE_URL = env.str("SITE_URL", default=f"http://127.0.0.1:{PORT}").rstrip("/")

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{PROJECT_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Persistent connections (checked before reuse): a new PostgreSQL connection per request costs
# more than most of our pages' queries.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's, with timestamps read by psycopg's C loader (see the module).
    DATABASES["default"]["ENGINE"] = "eigenkracht.core.postgresql"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two requests writing at once (a form sent twice, the demo's task worker) wait for each
    # other: a transaction that starts by reading and then writes would otherwise fail with
    # "database is locked" instead of waiting.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options.setdefault("transaction_mode", "IMMEDIATE")
    options.setdefault("timeout", 20)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "eigenkracht.core",
    "eigenkracht.accounts",
    "eigenkracht.pages",
    "eigenkracht.trainings",
    "eigenkracht.invoices",
    "eigenkracht.payments",
    "eigenkracht.trajectories",
    "eigenkracht.volunteers",
    "eigenkracht.allowances",
    "eigenkracht.evaluations",
    "eigenkracht.reports",
    "eigenkracht.network",
    "eigenkracht.privacy",
    "eigenkracht.backoffice",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "eigenkracht.core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "eigenkracht.core.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "eigenkracht.accounts.session_limits.SessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    # A PDF that cannot be made for want of fonts: a Dutch message instead of a server error.
    "eigenkracht.core.pdf.PdfFontsMissingMiddleware",
]

ROOT_URLCONF = "eigenkracht.urls"
CSRF_FAILURE_VIEW = "eigenkracht.core.errors.csrf_failure"
WSGI_APPLICATION = "eigenkracht.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "OPTIONS": {
            # Django's cached loader, compiling a template per language with its fixed texts
            # translated (core.translated_templates).
            "loaders": [
                (
                    "eigenkracht.core.translated_templates.Loader",
                    [
                        "django.template.loaders.filesystem.Loader",
                        "django.template.loaders.app_directories.Loader",
                    ],
                )
            ],
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "eigenkracht.core.context_processors.organisation",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "backoffice:home"
LOGOUT_REDIRECT_URL = "pages:home"

# Repeated failed logins lock the username+address pair for a while (django-axes).
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
# django-axes logs every login and failed try (address, IP, browser); run_periodic deletes them
# after this many days (the privacy page and the processing register say so).
LOGIN_LOG_DAYS = env.int("LOGIN_LOG_DAYS", default=90)
OTP_TOTP_ISSUER = "Eigen Kracht"

# Password-reset requests per client address per hour (each request counts, sent or not).
PASSWORD_RESET_ATTEMPT_LIMIT = env.int("PASSWORD_RESET_ATTEMPT_LIMIT", default=5)

# The request header that holds the client address (behind a proxy: HTTP_X_FORWARDED_FOR), and
# how many proxies of our own add to it (the documented nginx alone: 1). The client address is
# that many entries from the right; see eigenkracht.core.http.client_ip, which django-axes uses
# too, so login throttling, the burst limits and the audit log agree on the address.
CLIENT_IP_HEADER = env.str("CLIENT_IP_HEADER", default="REMOTE_ADDR")
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=1)
AXES_CLIENT_IP_CALLABLE = "eigenkracht.core.http.client_ip"
# No "AXES: BEGIN ..." banner on every manage.py command; lockouts are still logged.
AXES_VERBOSE = False

# Dutch only until the French and English catalogues exist: choosing the language from the
# browser now would mix Django's own English messages into Dutch pages.
LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", _("Nederlands")), ("fr-be", _("Frans")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("TIME_ZONE", default="Europe/Brussels")

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=PROJECT_DIR / "var" / "static")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=PROJECT_DIR / "var" / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Eigen Kracht <info@example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Mail delivery and other slow work go through the tasks API: immediate by default, the
# database backend plus `manage.py db_worker` in production.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# A logged-in session ends after this many minutes without a request, and in any case this many
# hours after the login (eigenkracht.accounts.session_limits).
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=30)
SESSION_MAX_HOURS = env.float("SESSION_MAX_HOURS", default=12)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

# Public training pages are cached for visitors; each process checks at most this often whether
# anything they show has changed (seat counts may lag that long; registering never does).
PUBLIC_PAGE_FRESHNESS_SECONDS = env.float("PUBLIC_PAGE_FRESHNESS_SECONDS", default=2.0)

# Public registration form: at most this many registrations per client address per hour.
REGISTRATION_BURST_LIMIT = env.int("REGISTRATION_BURST_LIMIT", default=5)

# "Probeer met een voorbeeldafschrift" on the statement import page: imports a made-up statement
# for the pending registrations (payments/sample_statement.py). For trying the application only.
SAMPLE_STATEMENT = env.bool("SAMPLE_STATEMENT", default=DEBUG)

# An uploaded bank statement that could not be imported is deleted after this many days.
FAILED_UPLOAD_DAYS = env.int("FAILED_UPLOAD_DAYS", default=30)

# Invoices through Peppol: the HTTP API of the organisation's Peppol access point (see
# eigenkracht/invoices/peppol.py and docs/deployment.md). Empty: invoices for a Peppol participant
# wait in the office's list for someone to download the UBL and hand it over.
PEPPOL_ACCESS_POINT_URL = env.str("PEPPOL_ACCESS_POINT_URL", default="")
PEPPOL_ACCESS_POINT_TOKEN = env.str("PEPPOL_ACCESS_POINT_TOKEN", default="")

# Evaluation links by text message: the dotted path of a function `send(*, phone, text)` of an
# SMS gateway (see eigenkracht/evaluations/sms.py). Empty: phone-only participants get a QR code.
EVALUATION_SMS_SENDER = env.str("EVALUATION_SMS_SENDER", default="")

# Where the PDF fonts are (DejaVu Sans, Noto Sans Arabic and other Noto script fonts); empty:
# Debian's font directories (see core/pdf.py).
PDF_FONT_DIRS = env.list("PDF_FONT_DIRS", default=[])
REFERRAL_BURST_LIMIT = env.int("REFERRAL_BURST_LIMIT", default=5)

# A refused request (4xx) logs one line, without a traceback: on django.request itself (so every
# handler sees it that way) and on the console for the django.security.* loggers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_client_errors": {"()": "eigenkracht.core.errors.OneLineClientErrors"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["one_line_client_errors"]}
    },
    "loggers": {"django.request": {"filters": ["one_line_client_errors"]}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
