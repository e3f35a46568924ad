"""Login through the organisation's OpenID Connect provider (docs/security-oidc.md).

``/account/inloggen/organisatie/`` (a plain link on the login page) sends the browser to the provider
with a new state, nonce and PKCE code challenge (mozilla-django-oidc keeps them in the session).
``/account/inloggen/organisatie/terug/`` is where the provider sends it back: the state must be one
this session started (each works once), then the code is exchanged and the person looked up. A user
with the second factor on whose provider did not do a second factor goes through the code step
(``/account/inloggen/code/``) before they are logged in. Every refusal is a Dutch page with a 4xx.

Both addresses answer 404 while OpenID Connect is not configured.
"""

from __future__ import annotations

import logging
import time

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth import login as auth_login
from django.http import Http404
from django.shortcuts import redirect, render, resolve_url
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_otp import login as otp_login
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from doorleren.accounts import oidc, selectors
from doorleren.accounts.views import otp_pending_start
from doorleren.core.errors import ApplicationError

logger = logging.getLogger(__name__)

# Where mozilla-django-oidc keeps the logins under way ({state: {nonce, code_verifier, added_on}})
# and the checked address to go to afterwards.
STATES_KEY = "oidc_states"
NEXT_KEY = "oidc_login_next"


def _refused(request, error: ApplicationError):
    logger.info("OpenID Connect: login refused (%s)", error.code)
    return render(
        request,
        "accounts/login_oidc_refused.html",
        {"message": error.message, "code": error.code},
        status=error.status,
    )


class OidcLoginStartView(OIDCAuthenticationRequestView):
    """mozilla-django-oidc's start of the login, with doorleren's configuration (GET only)."""

    http_method_names = ["get"]

    def __init__(self, **kwargs):
        # No super().__init__(): it reads mozilla-django-oidc's settings, which we do not use.
        for key, value in kwargs.items():
            setattr(self, key, value)
        self.config: oidc.OidcConfig | None = None

    def get_settings(self, attr, *args):
        return oidc.mozilla_setting(self.config, attr, *args)

    def get(self, request):
        if not oidc.oidc_enabled():
            raise Http404
        try:
            self.config = oidc.oidc_config()
        except oidc.OidcUnavailable as exc:
            logger.warning("OpenID Connect: %s", exc)
            return _refused(request, oidc.oidc_error("oidc_provider_error"))
        self.OIDC_OP_AUTH_ENDPOINT = self.config.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = self.config.client_id
        # The redirect URI must be the one registered at the provider: the Dutch address (no /en/).
        with translation.override(settings.LANGUAGE_CODE):
            return super().get(request)


login_oidc = never_cache(OidcLoginStartView.as_view())


def _take_state(request) -> dict | None:
    """The login under way that the callback's ``state`` names, removed from the session (one use)."""
    state = request.GET.get("state", "")
    states = request.session.get(STATES_KEY)
    if not state or not isinstance(states, dict) or not isinstance(states.get(state), dict):
        return None
    entry = states.pop(state)
    request.session[STATES_KEY] = states
    added_on = entry.get("added_on")
    if not isinstance(added_on, int | float) or not 0 <= time.time() - added_on <= oidc.STATE_MAX_SECONDS:
        return None
    if not isinstance(entry.get("nonce"), str) or not isinstance(entry.get("code_verifier"), str):
        return None
    return entry


@never_cache
@require_GET
def login_oidc_callback(request):
    """The provider sends the browser back here with ``code`` and ``state`` (or ``error``)."""
    if not oidc.oidc_enabled():
        raise Http404
    entry = _take_state(request)
    if entry is None:
        return _refused(request, oidc.oidc_error("oidc_state_invalid"))
    if request.GET.get("error"):
        cancelled = request.GET["error"] == "access_denied"
        return _refused(request, oidc.oidc_error("oidc_cancelled" if cancelled else "oidc_provider_error"))
    try:
        config = oidc.oidc_config()
    except oidc.OidcUnavailable as exc:
        logger.warning("OpenID Connect: %s", exc)
        return _refused(request, oidc.oidc_error("oidc_provider_error"))
    # RFC 9207: a provider that names itself must be ours (against mix-up with another provider).
    if "iss" in request.GET and request.GET["iss"] != config.issuer:
        return _refused(request, oidc.oidc_error("oidc_provider_error"))
    code = request.GET.get("code", "")
    if not code:
        return _refused(request, oidc.oidc_error("oidc_provider_error"))
    try:
        claims = oidc.OidcBackend().fetch_claims(
            request, config=config, code=code, nonce=entry["nonce"], code_verifier=entry["code_verifier"]
        )
    except ApplicationError as error:
        return _refused(request, error)

    # django-axes' backend first (a locked-out person is refused), then OidcBackend.
    user = authenticate(request, username=claims.axes_username, oidc_claims=claims)
    if user is None:
        error = getattr(request, "oidc_refusal", None)
        return _refused(request, error or oidc.oidc_error("oidc_provider_error"))

    next_url = request.session.pop(NEXT_KEY, None) or resolve_url(settings.LOGIN_REDIRECT_URL)
    device = selectors.otp_device_confirmed(user=user)
    if device is not None and not claims.second_factor:
        # Not logged in yet: the code from the app (or a backup code) first.
        return otp_pending_start(request, user=user, backend=user.backend, next_url=next_url, via="oidc")
    auth_login(request, user, backend=user.backend)
    if device is not None:
        # The provider did the second factor: the session counts as verified (the admin site asks it).
        otp_login(request, device)
    return redirect(next_url)
