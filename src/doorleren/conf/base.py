"""Settings shared by every environment.

Environment variables read here:

- ``DATABASE_URL``: database to use; default a SQLite file ``var/doorleren.sqlite3``.
- ``DOORLEREN_VAR_DIR``: where SQLite, the search index cache and uploads live; default ``var/``.
- ``ALLOWED_HOSTS``: comma-separated host names.
- ``DOORLEREN_CONTACT_EMAIL``: address for privacy questions and accessibility problems.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

SRC_DIR = Path(__file__).resolve().parents[1]  # src/doorleren
BASE_DIR = SRC_DIR.parents[1]  # project root
VAR_DIR = Path(os.environ.get("DOORLEREN_VAR_DIR", BASE_DIR / "var"))
NODE_MODULES = BASE_DIR / "node_modules"

SECRET_KEY = os.environ.get("SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "localhost,127.0.0.1").split(",") if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "doorleren.core",
    "doorleren.region",
    "doorleren.accounts",
    "doorleren.organisations",
    "doorleren.taxonomy",
    "doorleren.learning",
    "doorleren.profiles",
    "doorleren.opportunities",
    "doorleren.web",
    "doorleren.demo",
    "doorleren.matching",
    "doorleren.budgets",
    "doorleren.audit",
    "doorleren.fund",
    "doorleren.enrolments",
    "doorleren.workforce",
    "doorleren.placement",
    "doorleren.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "doorleren.web.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "doorleren.conf.urls"
WSGI_APPLICATION = "doorleren.conf.wsgi.application"

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
                "doorleren.web.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'doorleren.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update({"timeout": 30, "transaction_mode": "IMMEDIATE"})
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
FORMS_URLFIELD_ASSUME_HTTPS = True
AUTH_USER_MODEL = "accounts.User"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:start"
LOGOUT_REDIRECT_URL = "web:home"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
# Front-end packages come from npm (package.json); Django serves the files it needs from node_modules.
STATICFILES_DIRS = [
    ("vendor/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    ("vendor/nlds-theme", NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
    ("vendor/axe-core", NODE_MODULES / "axe-core"),
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "doorleren.core.api.LimitOffsetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "doorleren.core.api.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # OPTIONS describes nothing (405): the OpenAPI schema is the description, and DRF's metadata
    # crashed on views without one serializer (found by scripts/api-fuzz).
    "DEFAULT_METADATA_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "doorleren API",
    "DESCRIPTION": "API van doorleren: taxonomie (ESCO), leeraanbod, organisaties en het eigen profiel.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "DiplomaLevelEnum": "doorleren.learning.models.DiplomaLevel",
        "EducationLevelEnum": "doorleren.profiles.choices.EducationLevel",
        "CompetencyLevelEnum": "doorleren.taxonomy.levels.CompetencyLevel",
    },
}

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Shown on the privacy and accessibility pages as the address for questions and complaints.
DOORLEREN_CONTACT_EMAIL = os.environ.get("DOORLEREN_CONTACT_EMAIL", "")
DEFAULT_FROM_EMAIL = "doorleren <noreply@doorleren.nl>"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Where the linking engine keeps its built search index (rebuilt when the taxonomy changes).
LINKING_INDEX_DIR = VAR_DIR / "linking"

# --- issue 7, accounts: optional TOTP second factor for staff roles (docs/security-totp.md) ---------
# django-otp keeps the devices; OTPMiddleware marks a session "verified" after the code step
# (request.user.is_verified()). The admin site is doorleren's own subclass (accounts/admin_site.py,
# made the default by accounts/admin_apps.py):
# it asks for a verified session from administrators who switched the second factor on and sends
# admin logins through the site's login with its code step.
INSTALLED_APPS += ["django_otp", "django_otp.plugins.otp_totp"]
INSTALLED_APPS[INSTALLED_APPS.index("django.contrib.admin")] = "doorleren.accounts.admin_apps.AdminConfig"
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
OTP_TOTP_ISSUER = "doorleren"
# After a wrong code the next try waits 1, 2, 4, 8... seconds (per device, kept in the database).
OTP_TOTP_THROTTLE_FACTOR = 1

# --- issue 7, security hardening: lock-out, Content-Security-Policy, headers, uploads ---------------
# What each measure protects: docs/security-hardening.md.
import datetime as _datetime  # noqa: E402

from csp.constants import NONE as _CSP_NONE  # noqa: E402
from csp.constants import SELF as _CSP_SELF  # noqa: E402

INSTALLED_APPS += ["axes", "csp"]
# Headers on every answer (pages, API, errors): right after SecurityMiddleware.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1, "csp.middleware.CSPMiddleware"
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("csp.middleware.CSPMiddleware") + 1,
    "doorleren.web.middleware.PermissionsPolicyMiddleware",
)
# django-axes: last, after AuthenticationMiddleware; it turns a lock-out into the lock-out page.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]
# AxesStandaloneBackend first: it refuses a locked-out username+address before the password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    *[
        backend
        for backend in globals().get("AUTHENTICATION_BACKENDS", ["django.contrib.auth.backends.ModelBackend"])
        if backend != "axes.backends.AxesStandaloneBackend"
    ],
]
# Five wrong passwords for one username from one address: that pair waits 15 minutes. Another
# username, or the same username from another address, is not locked (no lock-out of others).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = _datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"  # answered with status 429
# Privacy: axes keeps failed attempts (needed for the lock-out), not a log of every successful login.
AXES_DISABLE_ACCESS_LOG = True

# django-csp 4: a strict policy, no inline scripts or styles anywhere. The one exception is the API
# documentation page (doorleren.web.api_docs), which sets its own policy for Redoc.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_CSP_SELF],
        "script-src": [_CSP_SELF],
        "style-src": [_CSP_SELF],
        "img-src": [_CSP_SELF, "data:"],
        "font-src": [_CSP_SELF],
        "connect-src": [_CSP_SELF],
        "form-action": [_CSP_SELF],
        "frame-ancestors": [_CSP_NONE],
        "base-uri": [_CSP_SELF],
        "object-src": [_CSP_NONE],
    },
}
# Browser features no page of doorleren uses (doorleren.web.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Uploads: a CV (profiles/cv.py) is read only in memory, with its own limit of 2 MB; other uploads up
# to 2.5 MB stay in memory too, bigger ones go to a temporary file that Django removes afterwards.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)

# --- privacy (issue 7, docs/security-privacy.md): who viewed a profile, my data, delete, retention ---
INSTALLED_APPS += ["doorleren.privacy"]

# --- issue 7, background tasks (docs/tasks.md, docs/adr/0005-background-tasks.md) -----------------
# django-tasks (the API of Django 6's django.tasks) with the database backend of django-tasks-db:
# the queue is a table in the same database (SQLite or PostgreSQL), no Redis. ``doorleren tasks
# worker`` runs the queue. doorleren.tasks keeps a Job per piece of work, with a lease that the
# running worker renews; a job whose worker died is queued again (docs/tasks.md, "Na een crash").
INSTALLED_APPS += ["django_tasks", "django_tasks_db", "doorleren.tasks"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# DOORLEREN_TASKS_LEASE_SECONDS: a running job whose worker did not renew its lease for this long
# (and, on the same machine, whose process is gone) is queued again. The worker renews it every
# sixth of it. A job is tried at most DOORLEREN_TASKS_MAX_ATTEMPTS times.
DOORLEREN_TASKS_LEASE_SECONDS = float(os.environ.get("DOORLEREN_TASKS_LEASE_SECONDS", "60"))
DOORLEREN_TASKS_MAX_ATTEMPTS = int(os.environ.get("DOORLEREN_TASKS_MAX_ATTEMPTS", "3"))
# DOORLEREN_TASKS_INLINE_UPLOAD_BYTES: a CSV upload up to this size is read in during the request (as
# before); a bigger one becomes a job and the page sends the uploader to the job's page.
DOORLEREN_TASKS_INLINE_UPLOAD_BYTES = int(
    os.environ.get("DOORLEREN_TASKS_INLINE_UPLOAD_BYTES", str(200 * 1024))
)

# --- issue 7, item 2: staff login through OpenID Connect, backup codes (docs/security-oidc.md) -------
# Off unless DOORLEREN_OIDC_ISSUER, DOORLEREN_OIDC_CLIENT_ID and DOORLEREN_OIDC_CLIENT_SECRET are set.
# The endpoints come from these variables or, when one of them is empty, from the provider's discovery
# document, read at the first login through the provider (never at import time). Environment variables:
#
# - DOORLEREN_OIDC_ISSUER: the provider's issuer, exactly as in its discovery document.
# - DOORLEREN_OIDC_CLIENT_ID, DOORLEREN_OIDC_CLIENT_SECRET: doorleren's client at the provider.
# - DOORLEREN_OIDC_AUTHORIZATION_ENDPOINT, _TOKEN_ENDPOINT, _USERINFO_ENDPOINT, _JWKS_URI: optional.
# - DOORLEREN_OIDC_SCOPES: default "openid email profile".
# - DOORLEREN_OIDC_SIGN_ALGO: the ID token's signing algorithm, default RS256.
# - DOORLEREN_OIDC_TOKEN_AUTH: client_secret_basic (default) or client_secret_post.
# - DOORLEREN_OIDC_MFA_AMR: amr values that mean "a second factor was used"; default mfa,otp,hwk,swk.
# - DOORLEREN_OIDC_MFA_ACR: acr values that mean the same (comma-separated); default none.
# - DOORLEREN_OIDC_TIMEOUT: seconds to wait for the provider; default 10.
# The backend is always listed (after axes' backend): it only answers a callback from the provider.
INSTALLED_APPS += ["django_otp.plugins.otp_static"]
AUTHENTICATION_BACKENDS += ["doorleren.accounts.oidc.OidcBackend"]
DOORLEREN_OIDC_ISSUER = os.environ.get("DOORLEREN_OIDC_ISSUER", "").strip()
DOORLEREN_OIDC_CLIENT_ID = os.environ.get("DOORLEREN_OIDC_CLIENT_ID", "").strip()
DOORLEREN_OIDC_CLIENT_SECRET = os.environ.get("DOORLEREN_OIDC_CLIENT_SECRET", "")
DOORLEREN_OIDC_AUTHORIZATION_ENDPOINT = os.environ.get("DOORLEREN_OIDC_AUTHORIZATION_ENDPOINT", "").strip()
DOORLEREN_OIDC_TOKEN_ENDPOINT = os.environ.get("DOORLEREN_OIDC_TOKEN_ENDPOINT", "").strip()
DOORLEREN_OIDC_USERINFO_ENDPOINT = os.environ.get("DOORLEREN_OIDC_USERINFO_ENDPOINT", "").strip()
DOORLEREN_OIDC_JWKS_URI = os.environ.get("DOORLEREN_OIDC_JWKS_URI", "").strip()
DOORLEREN_OIDC_SCOPES = os.environ.get("DOORLEREN_OIDC_SCOPES", "openid email profile").strip()
DOORLEREN_OIDC_SIGN_ALGO = os.environ.get("DOORLEREN_OIDC_SIGN_ALGO", "RS256").strip()
DOORLEREN_OIDC_TOKEN_AUTH = os.environ.get("DOORLEREN_OIDC_TOKEN_AUTH", "client_secret_basic").strip()
DOORLEREN_OIDC_MFA_AMR = os.environ.get("DOORLEREN_OIDC_MFA_AMR", "mfa,otp,hwk,swk")
DOORLEREN_OIDC_MFA_ACR = os.environ.get("DOORLEREN_OIDC_MFA_ACR", "")
DOORLEREN_OIDC_TIMEOUT = float(os.environ.get("DOORLEREN_OIDC_TIMEOUT", "10"))
# Backup codes (django-otp's static devices): after a wrong one the next try waits 1, 2, 4... seconds.
OTP_STATIC_THROTTLE_FACTOR = 1
