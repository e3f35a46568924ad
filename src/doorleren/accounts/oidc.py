"""Staff login through OpenID Connect (docs/security-oidc.md), built on mozilla-django-oidc.

Off unless the settings ``DOORLEREN_OIDC_ISSUER``, ``DOORLEREN_OIDC_CLIENT_ID`` and
``DOORLEREN_OIDC_CLIENT_SECRET`` are set (conf/base.py reads them from the environment). Nothing here
talks to the provider at import time: the discovery document is read at the first login through the
provider (only when an endpoint is not set) and kept for an hour.

The login has two parts:

1. ``OidcBackend.fetch_claims``: the callback's code is exchanged at the provider (with the PKCE code
   verifier), the ID token is checked (signature from the provider's JWKS, issuer, audience, expiry,
   nonce) and the user info is read. A failure here is the provider's, not the person's: it is no
   failed login for django-axes.
2. ``django.contrib.auth.authenticate(request, username=..., oidc_claims=claims)``: django-axes'
   backend first (a person locked out is refused), then ``OidcBackend.authenticate``, which lets the
   service ``oidc_login_accept`` decide who this is. A refusal there is a failed login (axes counts it
   per person and address, with the e-mail address as the "username"). Backends that check a password
   get no password and answer nothing; a username and password never reach ``OidcBackend``.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from dataclasses import dataclass

import jwt
import requests
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from doorleren.core.errors import ApplicationError

logger = logging.getLogger(__name__)

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_SECONDS = 60 * 60
# Clocks of the provider and this server may differ a little.
CLOCK_SKEW_SECONDS = 60
# How long a login started here may take at the provider.
STATE_MAX_SECONDS = 10 * 60
CALLBACK_URL_NAME = "login_oidc_callback"
TOKEN_AUTH_METHODS = ("client_secret_basic", "client_secret_post")


class OidcUnavailable(Exception):
    """The provider cannot be reached, or its discovery document does not fit the configuration."""


@dataclass(frozen=True)
class OidcConfig:
    issuer: str
    client_id: str
    client_secret: str
    scopes: str
    sign_algo: str
    token_auth: str
    timeout: float
    mfa_amr: frozenset[str]
    mfa_acr: frozenset[str]
    authorization_endpoint: str
    token_endpoint: str
    userinfo_endpoint: str
    jwks_uri: str


@dataclass(frozen=True)
class OidcClaims:
    """What the provider said about the person, after every check. ``second_factor``: the provider
    says the person used a second factor (``amr`` or ``acr``, see ``second_factor_used``)."""

    issuer: str
    subject: str
    email: str
    email_verified: bool
    name: str
    amr: tuple[str, ...]
    acr: str
    second_factor: bool

    @property
    def axes_username(self) -> str:
        """Who django-axes counts a refused login for: the e-mail address, else the subject."""
        return self.email or f"oidc:{self.subject}"


def _values(value) -> frozenset[str]:
    if isinstance(value, str):
        value = value.replace(",", " ").split()
    return frozenset(str(v).strip() for v in value or () if str(v).strip())


def oidc_enabled() -> bool:
    """Is the login through an OpenID Connect provider configured?"""
    return bool(
        getattr(settings, "DOORLEREN_OIDC_ISSUER", "")
        and getattr(settings, "DOORLEREN_OIDC_CLIENT_ID", "")
        and getattr(settings, "DOORLEREN_OIDC_CLIENT_SECRET", "")
    )


_discovered: dict[str, tuple[float, dict[str, str]]] = {}
_discovered_lock = threading.Lock()


def oidc_discovery_clear() -> None:
    """Forget the discovery documents read so far (tests; a provider that moved its endpoints)."""
    with _discovered_lock:
        _discovered.clear()


def _discover(issuer: str, *, timeout: float) -> dict[str, str]:
    with _discovered_lock:
        cached = _discovered.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    url = issuer.rstrip("/") + DISCOVERY_PATH
    try:
        response = requests.get(url, timeout=timeout)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise OidcUnavailable(f"cannot read the discovery document {url}: {exc.__class__.__name__}") from exc
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise OidcUnavailable(f"the discovery document {url} names another issuer")
    endpoints = {}
    for key in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        value = document.get(key) or ""
        if not isinstance(value, str):
            raise OidcUnavailable(f"the discovery document {url} has no usable {key}")
        endpoints[key] = value
    with _discovered_lock:
        _discovered[issuer] = (time.monotonic(), endpoints)
    return endpoints


def oidc_config() -> OidcConfig:
    """The configuration, endpoints included; ``OidcUnavailable`` when it is off or incomplete."""
    if not oidc_enabled():
        raise OidcUnavailable("OpenID Connect is not configured")
    issuer = settings.DOORLEREN_OIDC_ISSUER
    timeout = float(getattr(settings, "DOORLEREN_OIDC_TIMEOUT", 10))
    sign_algo = getattr(settings, "DOORLEREN_OIDC_SIGN_ALGO", "RS256") or "RS256"
    endpoints = {
        "authorization_endpoint": getattr(settings, "DOORLEREN_OIDC_AUTHORIZATION_ENDPOINT", ""),
        "token_endpoint": getattr(settings, "DOORLEREN_OIDC_TOKEN_ENDPOINT", ""),
        "userinfo_endpoint": getattr(settings, "DOORLEREN_OIDC_USERINFO_ENDPOINT", ""),
        "jwks_uri": getattr(settings, "DOORLEREN_OIDC_JWKS_URI", ""),
    }
    needed = ["authorization_endpoint", "token_endpoint"]
    if not sign_algo.startswith("HS"):
        needed.append("jwks_uri")
    if not all(endpoints[key] for key in needed):
        discovered = _discover(issuer, timeout=timeout)
        endpoints = {key: value or discovered[key] for key, value in endpoints.items()}
        if not all(endpoints[key] for key in needed):
            raise OidcUnavailable(f"the provider names no {', '.join(k for k in needed if not endpoints[k])}")
    if issuer.startswith("https://"):
        # An https provider whose endpoints are plain http: the secret and the tokens would travel open.
        plain = [key for key, value in endpoints.items() if value and not value.startswith("https://")]
        if plain:
            raise OidcUnavailable(f"the provider's {', '.join(plain)} must use https")
    token_auth = getattr(settings, "DOORLEREN_OIDC_TOKEN_AUTH", "client_secret_basic")
    if token_auth not in TOKEN_AUTH_METHODS:
        raise OidcUnavailable(f"DOORLEREN_OIDC_TOKEN_AUTH must be one of {', '.join(TOKEN_AUTH_METHODS)}")
    return OidcConfig(
        issuer=issuer,
        client_id=settings.DOORLEREN_OIDC_CLIENT_ID,
        client_secret=settings.DOORLEREN_OIDC_CLIENT_SECRET,
        scopes=getattr(settings, "DOORLEREN_OIDC_SCOPES", "") or "openid email profile",
        sign_algo=sign_algo,
        token_auth=token_auth,
        timeout=timeout,
        mfa_amr=frozenset(v.lower() for v in _values(getattr(settings, "DOORLEREN_OIDC_MFA_AMR", ""))),
        mfa_acr=_values(getattr(settings, "DOORLEREN_OIDC_MFA_ACR", "")),
        **endpoints,
    )


def mozilla_settings(config: OidcConfig) -> dict:
    """The settings mozilla-django-oidc asks for (``get_settings``), from our configuration."""
    return {
        "OIDC_RP_SCOPES": config.scopes,
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK_URL_NAME,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_PKCE_CODE_VERIFIER_SIZE": 64,
        "OIDC_STATE_SIZE": 32,
        "OIDC_NONCE_SIZE": 32,
        "OIDC_REDIRECT_FIELD_NAME": "next",
        "OIDC_AUTH_REQUEST_EXTRA_PARAMS": {},
        "OIDC_TOKEN_USE_BASIC_AUTH": config.token_auth == "client_secret_basic",  # noqa: S105 - a method name
        "OIDC_TIMEOUT": config.timeout,
        "OIDC_VERIFY_SSL": True,
        "OIDC_PROXY": None,
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": False,
    }


def mozilla_setting(config: OidcConfig, attr: str, *args):
    values = mozilla_settings(config)
    if attr in values:
        return values[attr]
    return import_from_settings(attr, *args)


def redirect_uri(request) -> str:
    """The callback address registered at the provider: always the Dutch one (no /en/ prefix)."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse(CALLBACK_URL_NAME)
    return request.build_absolute_uri(path)


def second_factor_used(*, id_token: dict, config: OidcConfig) -> bool:
    """Does the provider say the person used a second factor? An ``amr`` value (RFC 8176) from
    ``DOORLEREN_OIDC_MFA_AMR`` or the ``acr`` value from ``DOORLEREN_OIDC_MFA_ACR``. Only the signed
    ID token counts."""
    amr = id_token.get("amr")
    if isinstance(amr, str):
        amr = [amr]
    if isinstance(amr, list) and {str(v).lower() for v in amr if isinstance(v, str)} & config.mfa_amr:
        return True
    acr = id_token.get("acr")
    return isinstance(acr, str) and acr in config.mfa_acr


# --- Errors that are nobody's fault at this end: a Dutch page with status 400 (views_oidc) ---------


def oidc_error(code: str) -> ApplicationError:
    """The error for a login through the provider that went wrong before we know who it is."""
    messages = {
        "oidc_state_invalid": _(
            "Deze inlogpoging is niet meer geldig. Misschien duurde het te lang, of u gebruikte een oude link. Begin opnieuw met inloggen."
        ),
        "oidc_cancelled": _("U heeft het inloggen bij uw organisatie afgebroken. U bent niet ingelogd."),
        "oidc_provider_error": _(
            "Het inloggen via uw organisatie is niet gelukt. Probeer het opnieuw. Lukt het weer niet? Log dan in met uw gebruikersnaam en wachtwoord, of neem contact op met de beheerder."
        ),
    }
    return ApplicationError(messages.get(code, messages["oidc_provider_error"]), code=code, status=400)


class OidcBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with doorleren's configuration and account rules.

    ``authenticate`` takes only ``oidc_claims`` (from ``fetch_claims``): Django skips this backend for
    a login with a username and password. ``get_user`` is Django's (an inactive user is logged out),
    not mozilla-django-oidc's (which would keep them).
    """

    def __init__(self, *args, **kwargs):
        # No super().__init__(): mozilla-django-oidc reads (and insists on) its OIDC_* settings there,
        # and Django makes a backend object for every login and for every request of a logged-in user.
        self.UserModel = get_user_model()
        self.config: OidcConfig | None = None

    def get_settings(self, attr, *args):
        if self.config is None:
            return import_from_settings(attr, *args)
        return mozilla_setting(self.config, attr, *args)

    def _use(self, config: OidcConfig) -> None:
        """Give mozilla-django-oidc's methods (token, JWKS, user info) our configuration."""
        self.config = config
        self.OIDC_OP_TOKEN_ENDPOINT = config.token_endpoint
        self.OIDC_OP_USER_ENDPOINT = config.userinfo_endpoint
        self.OIDC_OP_JWKS_ENDPOINT = config.jwks_uri
        self.OIDC_RP_CLIENT_ID = config.client_id
        self.OIDC_RP_CLIENT_SECRET = config.client_secret
        self.OIDC_RP_SIGN_ALGO = config.sign_algo
        self.OIDC_RP_IDP_SIGN_KEY = None

    def _id_token_claims(self, id_token: str, *, nonce: str) -> dict:
        """The checked claims of the ID token: signature, issuer, audience, times, nonce."""
        config = self.config
        key = (
            config.client_secret
            if config.sign_algo.startswith("HS")
            else self.retrieve_matching_jwk(id_token)
        )
        claims = jwt.decode(
            id_token,
            key,
            algorithms=[config.sign_algo],
            audience=config.client_id,
            issuer=config.issuer,
            leeway=CLOCK_SKEW_SECONDS,
            options={"require": ["iss", "sub", "aud", "exp", "iat"]},
        )
        audiences = claims["aud"] if isinstance(claims["aud"], list) else [claims["aud"]]
        azp = claims.get("azp")
        if (len(audiences) > 1 or azp is not None) and azp != config.client_id:
            raise SuspiciousOperation("the ID token was made for another client (azp)")
        if not isinstance(claims.get("nonce"), str) or not hmac.compare_digest(claims["nonce"], nonce or ""):
            raise SuspiciousOperation("the nonce of the ID token does not match")
        if not isinstance(claims["sub"], str) or not claims["sub"]:
            raise SuspiciousOperation("the ID token has no subject")
        return claims

    def fetch_claims(
        self, request, *, config: OidcConfig, code: str, nonce: str, code_verifier: str
    ) -> OidcClaims:
        """Exchange the callback's ``code`` at the provider and return what it says about the person.

        Raises ``ApplicationError`` (``oidc_provider_error``) for any failure: the provider cannot be
        reached, refuses the code, or sends a token that does not pass the checks.
        """
        self.request = request
        self._use(config)
        try:
            tokens = self.get_token(
                {
                    "client_id": config.client_id,
                    "client_secret": config.client_secret,
                    "grant_type": "authorization_code",
                    "code": code,
                    "redirect_uri": redirect_uri(request),
                    "code_verifier": code_verifier,
                }
            )
            id_token = self._id_token_claims(tokens["id_token"], nonce=nonce)
            userinfo = {}
            if config.userinfo_endpoint:
                userinfo = self.get_userinfo(tokens["access_token"], tokens["id_token"], id_token)
                if not isinstance(userinfo, dict) or userinfo.get("sub") != id_token["sub"]:
                    raise SuspiciousOperation("the user info is about another subject")
        except (
            requests.RequestException,
            SuspiciousOperation,
            jwt.PyJWTError,
            KeyError,
            TypeError,
            ValueError,
        ) as exc:
            # Never the tokens or the code in the log: only what kind of failure it was.
            logger.warning("OpenID Connect: the provider's answer was refused (%s)", exc.__class__.__name__)
            raise oidc_error("oidc_provider_error") from exc

        def claim(name: str):
            return userinfo[name] if name in userinfo else id_token.get(name)

        email = claim("email")
        verified = claim("email_verified")
        return OidcClaims(
            issuer=config.issuer,
            subject=id_token["sub"],
            email=email.strip() if isinstance(email, str) else "",
            email_verified=verified is True or (isinstance(verified, str) and verified.lower() == "true"),
            name=claim("name") if isinstance(claim("name"), str) else "",
            amr=tuple(str(v) for v in id_token.get("amr") or () if isinstance(v, str)),
            acr=id_token.get("acr") if isinstance(id_token.get("acr"), str) else "",
            second_factor=second_factor_used(id_token=id_token, config=config),
        )

    def authenticate(self, request, *, oidc_claims: OidcClaims, username: str | None = None):
        """The staff user ``oidc_claims`` logs in as, or None (the reason in ``request.oidc_refusal``)."""
        if request is None or not isinstance(oidc_claims, OidcClaims):
            return None
        from doorleren.accounts import services_oidc

        try:
            user = services_oidc.oidc_login_accept(claims=oidc_claims)
        except ApplicationError as error:
            request.oidc_refusal = error
            return None
        user.oidc_second_factor = oidc_claims.second_factor
        return user

    def get_user(self, user_id):
        return ModelBackend.get_user(self, user_id)
