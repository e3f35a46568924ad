"""Test settings: fast hashing, database from DATABASE_URL (SQLite in memory by default)."""

import os
import tempfile
from pathlib import Path

import dj_database_url

from .base import *  # noqa: F403

SECRET_KEY = "test-only-insecure-key"  # noqa: S105
DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: speed
DATABASES = {"default": dj_database_url.parse(os.environ.get("DATABASE_URL", "sqlite://:memory:"))}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Static files come from the finders; no collectstatic before tests.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Search indexes: never the developer's var/linking (CI has none); tests that need one build it in
# their own folder (see the ``linking_dir`` fixtures).
LINKING_INDEX_DIR = Path(tempfile.gettempdir()) / f"doorleren-test-linking-{os.getpid()}"

# --- issue 7, security hardening ---------------------------------------------------------------------
# Many tests log in with client.login() without a request; django-axes needs one. The lock-out tests
# switch axes on with override_settings(AXES_ENABLED=True) (accounts/tests/test_lockout.py).
AXES_ENABLED = False

# --- issue 7, item 2: OpenID Connect is off in tests, whatever the environment says; the tests that
# need it switch it on with override_settings against a local provider (accounts/tests/oidc/).
DOORLEREN_OIDC_ISSUER = ""
DOORLEREN_OIDC_CLIENT_ID = ""
DOORLEREN_OIDC_CLIENT_SECRET = ""

# The regional picture counts residents each time in tests (no 10-minute cache).
DOORLEREN_PICTURE_CACHE_SECONDS = 0
