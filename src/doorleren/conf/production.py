"""Production: SECRET_KEY must be set, HTTPS only, PostgreSQL expected in DATABASE_URL.

Environment variables read here (besides those of base.py):

- ``SECRET_KEY``: required; at least 50 random characters (``manage.py check --deploy`` says so).
- ``ALLOWED_HOSTS`` (base.py): the site's host names, comma-separated, e.g. ``doorleren.nl``.
- ``CSRF_TRUSTED_ORIGINS``: only when forms are posted from another origin than the site's own,
  comma-separated with scheme (``https://beheer.doorleren.nl``); empty by default.
- ``SECURE_SSL_REDIRECT``: ``1`` (default) redirects http to https; ``0`` when the proxy does it.
- ``SECURE_HSTS_SECONDS``: default one year.
- ``DOORLEREN_PROXY_COUNT``: how many reverse proxies that append to X-Forwarded-For stand in front
  of the app (default 0). The login lock-out counts per username and visitor address; behind N
  proxies the visitor address is the N-th from the right in X-Forwarded-For
  (doorleren.web.middleware.client_ip_address). Set it to 1 behind one proxy: with 0 every visitor
  has the proxy's address, so the lock-out works per username only. Never set it higher than the
  real number: then visitors could choose their own address and escape the lock-out.

``manage.py check --deploy --fail-level WARNING`` is clean with these settings
(core/tests/test_deploy_check.py); no check is silenced.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("SECRET_KEY must be set in production.")
DEBUG = False
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CSRF_TRUSTED_ORIGINS = [
    origin.strip() for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if origin.strip()
]
SESSION_COOKIE_HTTPONLY = True
# Login lock-out behind reverse proxies (see above); 0 means REMOTE_ADDR is the visitor.
DOORLEREN_PROXY_COUNT = int(os.environ.get("DOORLEREN_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "doorleren.web.middleware.client_ip_address"
