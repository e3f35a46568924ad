"""Security headers on pages, API answers and error pages: a strict Content-Security-Policy without
'unsafe-inline', Permissions-Policy, Cross-Origin-Opener-Policy, Referrer-Policy, nosniff, no framing.
docs/security-hardening.md"""

import re

import pytest
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.web.api_docs import REDOC_INTEGRITY, REDOC_URL

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
    "base-uri": "'self'",
    "object-src": "'none'",
}
PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


def _policy(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value.strip()
    return directives


def _assert_common_headers(response) -> None:
    assert response.headers["Permissions-Policy"] == PERMISSIONS
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def _assert_strict(response) -> None:
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert "unsafe-eval" not in response.headers["Content-Security-Policy"]
    assert _policy(response) == STRICT


@pytest.mark.parametrize("name", ["web:home", "login", "taxonomy:map"])
def test_a_page_has_the_strict_policy_and_all_headers(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    _assert_strict(response)
    _assert_common_headers(response)


def test_a_logged_in_page_has_them_too(client):
    client.force_login(UserFactory(role="resident"))
    response = client.get(reverse("web:start"))
    _assert_strict(response)
    _assert_common_headers(response)


def test_an_api_answer_has_them_too(client):
    client.force_login(UserFactory(role="resident"))
    response = client.get("/api/v1/accounts/me/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    _assert_strict(response)
    _assert_common_headers(response)


def test_an_api_refusal_and_an_error_page_have_them_too(client):
    _assert_strict(client.get("/api/v1/accounts/me/"))
    not_found = client.get("/deze-pagina-bestaat-niet/")
    assert not_found.status_code == 404
    _assert_strict(not_found)
    _assert_common_headers(not_found)


def test_no_template_has_inline_script_style_or_event_handlers():
    """What the policy would block, found before a browser does: every template of every app."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[2]
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    problems = []
    for template in src.glob("*/templates/**/*.html"):
        html = template.read_text()
        for pattern, what in (
            (inline_script, "inline <script>"),
            (re.compile(r"<style\b", re.I), "<style> element"),
            (re.compile(r"\sstyle=", re.I), "style attribute"),
            (re.compile(r"\son[a-z]+\s*=", re.I), "event handler attribute"),
            (re.compile(r"javascript:", re.I), "javascript: address"),
        ):
            if pattern.search(html):
                problems.append(f"{template.relative_to(src)}: {what}")
    assert problems == []


def test_the_api_docs_page_has_its_own_narrow_policy(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<script src="{REDOC_URL}" integrity="{REDOC_INTEGRITY}" crossorigin="anonymous">' in html
    assert "fonts.googleapis.com" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "an inline script on the API docs page"
    policy = _policy(response)
    assert policy["script-src"] == f"'self' {REDOC_URL}"  # no 'unsafe-inline' for scripts
    assert policy["style-src"] == "'self' 'unsafe-inline'"  # Redoc's run-time styles, this page only
    assert policy["worker-src"] == "blob:"
    assert policy["frame-ancestors"] == "'none'" and policy["object-src"] == "'none'"
    _assert_common_headers(response)


def test_the_admin_has_the_strict_policy(client):
    client.force_login(UserFactory(role="administrator", is_staff=True, is_superuser=True))
    response = client.get("/beheer/")
    assert response.status_code in (200, 302)  # 302: a second factor asked first (accounts/admin_site.py)
    _assert_strict(response)
