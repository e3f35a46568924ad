"""A local OpenID Connect provider for the staff login through an organisation (docs/security-oidc.md).

``oidc_provider`` starts ``scripts/oidc-test-provider.mjs`` (npm package ``oidc-provider``) once per
test module, on a free port, with one client whose redirect URI is the live server's callback. Each test
says which accounts the provider knows (``provider.accounts(...)``) and walks the login over plain HTTP
with ``Browser``: no JavaScript, no real browser.
"""

from __future__ import annotations

import json
import re
import secrets
import select
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import httpx
import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.test import override_settings

from doorleren.accounts import oidc

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "oidc-test-provider.mjs"
PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "oidc-provider"
CLIENT_ID = "doorleren-test"
CALLBACK_PATH = "/account/inloggen/organisatie/terug/"
START_SECONDS = 30


@dataclass
class Provider:
    issuer: str
    accounts_file: Path

    def accounts(self, **accounts: dict) -> None:
        """The provider's accounts from now on: ``login name -> claims`` (sub, email, email_verified,
        name, amr, acr). Read again by the provider at every login."""
        self.accounts_file.write_text(json.dumps(accounts), encoding="utf-8")


@pytest.fixture(scope="module")
def oidc_provider(live_server, tmp_path_factory):
    node = shutil.which("node")
    if node is None:
        pytest.skip("node (Node.js) is not installed: the local OpenID Connect provider needs it")
    if not PACKAGE.is_dir():
        pytest.fail("node_modules/oidc-provider is missing: run scripts/install (npm ci)")
    folder = tmp_path_factory.mktemp("oidc-provider")
    accounts_file = folder / "accounts.json"
    accounts_file.write_text("{}", encoding="utf-8")
    secret = secrets.token_urlsafe(24)
    stderr = (folder / "stderr.txt").open("w+", encoding="utf-8")
    process = subprocess.Popen(  # noqa: S603 - our own script, fixed arguments
        [
            node,
            str(SCRIPT),
            "--port=0",
            f"--client-id={CLIENT_ID}",
            f"--client-secret={secret}",
            f"--redirect-uri={live_server.url}{CALLBACK_PATH}",
            f"--accounts={accounts_file}",
        ],
        stdout=subprocess.PIPE,
        stderr=stderr,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], START_SECONDS)
        line = process.stdout.readline() if ready else ""
        if not line:
            stderr.seek(0)
            pytest.fail(f"the OpenID Connect test provider did not start: {stderr.read()[-2000:]}")
        issuer = json.loads(line)["issuer"]
        provider = Provider(issuer=issuer, accounts_file=accounts_file)
        with override_settings(
            DOORLEREN_OIDC_ISSUER=issuer,
            DOORLEREN_OIDC_CLIENT_ID=CLIENT_ID,
            DOORLEREN_OIDC_CLIENT_SECRET=secret,
            # The endpoints come from the provider's discovery document.
            DOORLEREN_OIDC_AUTHORIZATION_ENDPOINT="",
            DOORLEREN_OIDC_TOKEN_ENDPOINT="",
            DOORLEREN_OIDC_USERINFO_ENDPOINT="",
            DOORLEREN_OIDC_JWKS_URI="",
        ):
            oidc.oidc_discovery_clear()
            yield provider
    finally:
        oidc.oidc_discovery_clear()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        process.stdout.close()
        stderr.close()


class Browser:
    """A visitor without JavaScript: cookies, links and forms, redirects followed one by one."""

    def __init__(self, live_server, provider: Provider):
        self.site = live_server.url
        self.provider = provider
        self.http = httpx.Client(follow_redirects=False, timeout=30)

    def close(self) -> None:
        self.http.close()

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.http.get(urljoin(self.site, url), **kwargs)

    def follow(self, response: httpx.Response, *, stop_at: str | None = None) -> httpx.Response:
        """Follow redirects; stop at (without visiting) an address that starts with ``stop_at``."""
        for _ in range(20):
            if response.status_code not in (301, 302, 303, 307, 308):
                return response
            location = urljoin(str(response.url), response.headers["location"])
            if stop_at and location.startswith(urljoin(self.site, stop_at)):
                return response
            response = self.http.get(location)
        raise AssertionError("more than 20 redirects")

    def provider_login_page(self, *, next_url: str | None = None, start: str | None = None) -> httpx.Response:
        """From the site's link to the provider's login form."""
        url = start or "/account/inloggen/organisatie/"
        if next_url:
            url += "?" + urlencode({"next": next_url})
        page = self.follow(self.get(url))
        assert page.status_code == 200 and str(page.url).startswith(self.provider.issuer), page.text[:500]
        return page

    def login(self, login: str, *, next_url: str | None = None, stop_at: str | None = None, start=None):
        """The whole login through the provider as ``login``; the last response (see ``follow``)."""
        page = self.provider_login_page(next_url=next_url, start=start)
        action = re.search(r'action="(/interaction/[^"]+/login)"', page.text)
        assert action, page.text[:500]
        response = self.http.post(urljoin(self.provider.issuer, action.group(1)), data={"login": login})
        return self.follow(response, stop_at=stop_at)

    def cancel(self) -> httpx.Response:
        page = self.provider_login_page()
        action = re.search(r'action="(/interaction/[^"]+/abort)"', page.text)
        return self.follow(self.http.post(urljoin(self.provider.issuer, action.group(1))))

    def session(self) -> SessionStore:
        """This visitor's session as the site stores it."""
        return SessionStore(session_key=self.http.cookies.get("sessionid"))

    def logged_in_user_id(self) -> int | None:
        value = self.session().get("_auth_user_id")
        return int(value) if value is not None else None


def with_query(url: str, **changes: str) -> str:
    """``url`` with some query parameters replaced."""
    parts = urlsplit(url)
    query = dict(parse_qsl(parts.query))
    query.update(changes)
    return urlunsplit(parts._replace(query=urlencode(query)))


@pytest.fixture
def new_browser(live_server, oidc_provider):
    """Make another visitor (own cookies); all are closed after the test."""
    made: list[Browser] = []

    def make() -> Browser:
        made.append(Browser(live_server, oidc_provider))
        return made[-1]

    yield make
    for visitor in made:
        visitor.close()


@pytest.fixture
def browser(new_browser):
    return new_browser()
