"""OpenID Connect without a provider: off by default, the start of the login, refusals in the
callback, discovery, and the backend next to the password login. docs/security-oidc.md"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.test import override_settings
from django.urls import reverse

from doorleren.accounts import oidc
from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import PASSWORD

pytestmark = pytest.mark.django_db

ISSUER = "https://login.voorbeeld-organisatie.nl"
CONFIGURED = {
    "DOORLEREN_OIDC_ISSUER": ISSUER,
    "DOORLEREN_OIDC_CLIENT_ID": "doorleren",
    "DOORLEREN_OIDC_CLIENT_SECRET": "geheim",
    "DOORLEREN_OIDC_AUTHORIZATION_ENDPOINT": f"{ISSUER}/authorize",
    "DOORLEREN_OIDC_TOKEN_ENDPOINT": f"{ISSUER}/token",
    "DOORLEREN_OIDC_USERINFO_ENDPOINT": f"{ISSUER}/userinfo",
    "DOORLEREN_OIDC_JWKS_URI": f"{ISSUER}/jwks",
}


@pytest.fixture
def configured():
    with override_settings(**CONFIGURED):
        yield


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """No test here talks to a provider: any attempt fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("unexpected network call")

    monkeypatch.setattr(requests, "get", refuse)
    monkeypatch.setattr(requests, "post", refuse)
    oidc.oidc_discovery_clear()
    yield
    oidc.oidc_discovery_clear()


# --- off unless configured -------------------------------------------------------------------------


def test_off_by_default_no_link_and_no_pages(client):
    assert oidc.oidc_enabled() is False
    html = client.get(reverse("login")).content.decode()
    assert "Inloggen via uw organisatie" not in html
    assert client.get(reverse("login_oidc")).status_code == 404
    assert client.get(reverse("login_oidc_callback"), {"code": "x", "state": "y"}).status_code == 404


@pytest.mark.parametrize(
    "missing", ["DOORLEREN_OIDC_ISSUER", "DOORLEREN_OIDC_CLIENT_ID", "DOORLEREN_OIDC_CLIENT_SECRET"]
)
def test_each_of_issuer_client_and_secret_is_needed(missing):
    with override_settings(**{**CONFIGURED, missing: ""}):
        assert oidc.oidc_enabled() is False


def test_login_page_shows_the_link_when_configured(client, configured):
    html = client.get(reverse("login"), {"next": "/account/tweede-stap/"}).content.decode()
    assert "Inloggen via uw organisatie" in html
    assert 'href="/account/inloggen/organisatie/?next=/account/tweede-stap/"' in html


# --- the start: state, nonce and PKCE ------------------------------------------------------------------


def test_start_sends_the_browser_to_the_provider_with_state_nonce_and_pkce(client, configured):
    response = client.get(reverse("login_oidc"), {"next": "/account/tweede-stap/"})
    assert response.status_code == 302
    url = urlsplit(response.url)
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{ISSUER}/authorize"
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert query["response_type"] == "code"
    assert query["client_id"] == "doorleren"
    assert query["scope"] == "openid email profile"
    assert query["redirect_uri"] == "http://testserver/account/inloggen/organisatie/terug/"
    assert query["code_challenge_method"] == "S256" and len(query["code_challenge"]) == 43
    assert len(query["state"]) == 32 and len(query["nonce"]) == 32
    saved = client.session["oidc_states"][query["state"]]
    assert saved["nonce"] == query["nonce"] and len(saved["code_verifier"]) == 64
    assert client.session["oidc_login_next"] == "/account/tweede-stap/"
    assert response["Cache-Control"].startswith("max-age=0")


def test_start_forgets_a_next_address_on_another_site(client, configured):
    client.get(reverse("login_oidc"), {"next": "https://kwaad.example/"})
    assert client.session["oidc_login_next"] is None


def test_start_from_an_english_page_still_uses_the_dutch_callback(client, configured):
    response = client.get("/en/account/inloggen/organisatie/")
    query = parse_qs(urlsplit(response.url).query)
    assert query["redirect_uri"] == ["http://testserver/account/inloggen/organisatie/terug/"]


def test_start_only_answers_get(client, configured):
    assert client.post(reverse("login_oidc")).status_code == 405


# --- discovery at first use ----------------------------------------------------------------------------


class _Answer:
    def __init__(self, document):
        self.document = document

    def raise_for_status(self):
        return None

    def json(self):
        return self.document


def _discovery(issuer: str = ISSUER) -> dict:
    return {
        "issuer": issuer,
        "authorization_endpoint": f"{ISSUER}/a",
        "token_endpoint": f"{ISSUER}/t",
        "userinfo_endpoint": f"{ISSUER}/u",
        "jwks_uri": f"{ISSUER}/k",
    }


def _only_issuer_client_and_secret():
    return override_settings(
        **{**CONFIGURED, **{key: "" for key in CONFIGURED if key.endswith(("ENDPOINT", "URI"))}}
    )


def test_endpoints_come_from_the_discovery_document_read_once(monkeypatch):
    asked = []

    def fake_get(url, timeout):
        asked.append(url)
        return _Answer(_discovery())

    monkeypatch.setattr(oidc.requests, "get", fake_get)
    with _only_issuer_client_and_secret():
        first = oidc.oidc_config()
        second = oidc.oidc_config()
    assert asked == [f"{ISSUER}/.well-known/openid-configuration"]
    assert first == second
    assert (first.authorization_endpoint, first.token_endpoint, first.jwks_uri) == (
        f"{ISSUER}/a",
        f"{ISSUER}/t",
        f"{ISSUER}/k",
    )


def test_a_discovery_document_of_another_issuer_is_refused(monkeypatch, client):
    monkeypatch.setattr(
        oidc.requests, "get", lambda url, timeout: _Answer(_discovery("https://kwaad.example"))
    )
    with _only_issuer_client_and_secret():
        with pytest.raises(oidc.OidcUnavailable):
            oidc.oidc_config()
        response = client.get(reverse("login_oidc"))
    assert response.status_code == 400
    assert "Het inloggen via uw organisatie is niet gelukt." in response.content.decode()


def test_a_provider_that_cannot_be_reached_is_a_dutch_400_not_a_500(monkeypatch, client):
    def down(url, timeout):
        raise requests.ConnectionError("down")

    monkeypatch.setattr(oidc.requests, "get", down)
    with _only_issuer_client_and_secret():
        response = client.get(reverse("login_oidc"))
    assert response.status_code == 400
    assert 'id="oidc-refusal"' in response.content.decode()


# --- the callback refuses before it asks the provider anything ------------------------------------------


def _started(client) -> str:
    response = client.get(reverse("login_oidc"))
    return parse_qs(urlsplit(response.url).query)["state"][0]


@pytest.mark.parametrize(
    "query",
    [{}, {"code": "abc"}, {"code": "abc", "state": ""}, {"code": "abc", "state": "verzonnen"}],
)
def test_callback_without_a_state_of_this_session_is_refused(client, configured, query):
    _started(client)
    response = client.get(reverse("login_oidc_callback"), query)
    assert response.status_code == 400
    assert "niet meer geldig" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_state_of_another_browser_is_refused(client, configured):
    from django.test import Client

    state = _started(Client())
    response = client.get(reverse("login_oidc_callback"), {"code": "abc", "state": state})
    assert response.status_code == 400


def test_a_state_older_than_ten_minutes_is_refused(client, configured):
    state = _started(client)
    session = client.session
    session["oidc_states"][state]["added_on"] = time.time() - oidc.STATE_MAX_SECONDS - 1
    session.save()
    response = client.get(reverse("login_oidc_callback"), {"code": "abc", "state": state})
    assert response.status_code == 400
    assert state not in client.session["oidc_states"]


def test_an_error_from_the_provider_is_a_clear_refusal_and_uses_up_the_state(client, configured):
    state = _started(client)
    response = client.get(reverse("login_oidc_callback"), {"error": "server_error", "state": state})
    assert response.status_code == 400
    assert "Het inloggen via uw organisatie is niet gelukt." in response.content.decode()
    assert state not in client.session["oidc_states"]


def test_a_cancelled_login_says_so(client, configured):
    state = _started(client)
    response = client.get(reverse("login_oidc_callback"), {"error": "access_denied", "state": state})
    assert response.status_code == 400
    assert "afgebroken" in response.content.decode()


def test_an_answer_naming_another_issuer_is_refused(client, configured):
    state = _started(client)
    response = client.get(
        reverse("login_oidc_callback"), {"code": "abc", "state": state, "iss": "https://kwaad.example"}
    )
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_callback_only_answers_get(client, configured):
    assert client.post(reverse("login_oidc_callback")).status_code == 405


# --- amr and acr ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("id_token", "expected"),
    [
        ({"amr": ["pwd", "mfa"]}, True),
        ({"amr": ["otp"]}, True),
        ({"amr": ["hwk"]}, True),
        ({"amr": ["swk"]}, True),
        ({"amr": "mfa"}, True),
        ({"amr": ["MFA"]}, True),
        ({"amr": ["pwd"]}, False),
        ({"amr": []}, False),
        ({}, False),
        ({"amr": [{"mfa": True}]}, False),
        ({"acr": "urn:loa:hoog"}, True),
        ({"acr": "urn:loa:laag"}, False),
    ],
)
def test_second_factor_from_amr_or_a_configured_acr(id_token, expected):
    with override_settings(**CONFIGURED, DOORLEREN_OIDC_MFA_ACR="urn:loa:hoog"):
        config = oidc.oidc_config()
    assert oidc.second_factor_used(id_token=id_token, config=config) is expected


def test_the_amr_values_are_configurable():
    with override_settings(**CONFIGURED, DOORLEREN_OIDC_MFA_AMR="hwk"):
        config = oidc.oidc_config()
    assert oidc.second_factor_used(id_token={"amr": ["otp"]}, config=config) is False
    assert oidc.second_factor_used(id_token={"amr": ["hwk"]}, config=config) is True


# --- the backend next to the password login ------------------------------------------------------------


def test_backend_is_listed_after_the_axes_backend(settings):
    backends = settings.AUTHENTICATION_BACKENDS
    assert backends[0] == "axes.backends.AxesStandaloneBackend"
    assert "doorleren.accounts.oidc.OidcBackend" in backends


def test_password_login_still_works_with_code_and_state_in_the_address(client, configured):
    coach = UserFactory(username="coach", role=Role.COACH)
    response = client.post(
        reverse("login") + "?code=abc&state=def", {"username": "coach", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == coach.pk
    assert client.session["_auth_user_backend"] == "django.contrib.auth.backends.ModelBackend"


def test_a_password_login_never_reaches_the_backend(rf, monkeypatch, configured):
    from django.contrib.auth import authenticate

    from doorleren.accounts import services_oidc

    asked = []
    monkeypatch.setattr(services_oidc, "oidc_login_accept", lambda **kwargs: asked.append(kwargs))
    coach = UserFactory(username="coach", role=Role.COACH)
    request = rf.post("/?code=abc&state=def")
    request.session = {}
    user = authenticate(request, username="coach", password=PASSWORD)
    assert user == coach and user.backend == "django.contrib.auth.backends.ModelBackend"
    assert authenticate(request, username="coach", password="fout") is None
    assert asked == []


def test_backend_logs_out_an_inactive_user():
    user = UserFactory(role=Role.COACH, is_active=False)
    assert oidc.OidcBackend().get_user(user.pk) is None
    active = UserFactory(role=Role.COACH)
    assert oidc.OidcBackend().get_user(active.pk) == active


def test_an_https_provider_with_a_plain_http_endpoint_is_refused():
    plain = {**CONFIGURED, "DOORLEREN_OIDC_TOKEN_ENDPOINT": "http://login.voorbeeld.nl/token"}
    with override_settings(**plain), pytest.raises(oidc.OidcUnavailable):
        oidc.oidc_config()


def test_an_unknown_token_auth_method_is_refused():
    with (
        override_settings(**CONFIGURED, DOORLEREN_OIDC_TOKEN_AUTH="private_key_jwt"),
        pytest.raises(oidc.OidcUnavailable),
    ):
        oidc.oidc_config()
