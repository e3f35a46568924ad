"""``manage.py check --deploy`` is clean with the production settings (docs/security-hardening.md).

Run in a subprocess: production settings differ from the test settings loaded in this process.
"""

import os
import secrets
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def _check(tmp_path, **env) -> subprocess.CompletedProcess:
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for Playwright in this process; a deployment
    # never has it (and `check --deploy` rightly refuses it), so the check runs without it.
    inherited = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "doorleren.conf.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy-check.sqlite3'}",
        "ALLOWED_HOSTS": "doorleren.example.nl",
        **env,
    }
    code = (
        "import django, sys\n"
        "from django.core.management import call_command\n"
        "django.setup()\n"
        "call_command('check', '--deploy', '--fail-level', 'WARNING')\n"
    )
    return subprocess.run(  # noqa: S603 - our own interpreter and code, no outside input
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, timeout=300
    )


def test_check_deploy_is_clean_in_production_settings(tmp_path):
    result = _check(tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "no issues (0 silenced)" in result.stdout + result.stderr


def test_check_deploy_fails_on_a_weak_secret_key(tmp_path):
    """The check itself works: a short key is a warning, and warnings fail."""
    result = _check(tmp_path, SECRET_KEY="kort")
    assert result.returncode != 0
    assert "security.W009" in result.stderr
