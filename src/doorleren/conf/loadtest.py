"""The load test (``doorleren bench load``): production settings, served over plain HTTP on loopback.

Everything as in production (DEBUG off, manifest static files, the same middleware, caches, password
hashing and database settings), except what needs TLS: the load generator talks to gunicorn on
127.0.0.1 without HTTPS, so cookies may not require it and http is not redirected. Never deploy this.
"""

import os

os.environ.setdefault("SECURE_SSL_REDIRECT", "0")

from .production import *  # noqa: E402, F403

SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
# A few hundred logins from one address in minutes is the test, not an attack.
AXES_ENABLED = False
