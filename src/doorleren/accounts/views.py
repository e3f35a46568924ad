import base64
import time
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from doorleren.accounts import selectors, services
from doorleren.accounts.forms import ConsentGrantForm, ConsentRevokeForm, LoginForm, OtpCodeForm
from doorleren.accounts.models import ConsentPurpose, Role
from doorleren.core.errors import ApplicationError
from doorleren.organisations.selectors import organisation_get


def _resident_only(request) -> None:
    if request.user.role != Role.RESIDENT:
        raise PermissionDenied(_("Alleen inwoners geven toestemming voor hun eigen gegevens."))


def _consent_page(request, *, grant_form: ConsentGrantForm, status: int = 200):
    consents = list(selectors.consents_for_resident(resident=request.user))
    return render(
        request,
        "accounts/consent.html",
        {
            "grant_form": grant_form,
            "active_consents": [c for c in consents if c.revoked_at is None],
            "past_consents": [c for c in consents if c.revoked_at is not None],
            "purposes": ConsentPurpose.choices,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent(request):
    """The resident's consents: who may see their profile, with forms to grant and revoke."""
    _resident_only(request)
    organisations = selectors.organisations_consent_eligible()
    if request.method == "GET":
        return _consent_page(request, grant_form=ConsentGrantForm(organisations=organisations))
    form = ConsentGrantForm(request.POST, organisations=organisations)
    if form.is_valid():
        try:
            organisation = organisation_get(pk=form.cleaned_data["organisation"], public_only=False)
            given = services.consent_grant(
                resident=request.user, organisation=organisation, purpose=form.cleaned_data["purpose"]
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request,
                _("U heeft %(organisation)s toestemming gegeven: %(purpose)s.")
                % {"organisation": given.organisation.name, "purpose": given.get_purpose_display().lower()},
            )
            return redirect("account_consent")
    return _consent_page(request, grant_form=form, status=400)


@login_required
@require_POST
def consent_revoke(request):
    _resident_only(request)
    form = ConsentRevokeForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Wij konden niet zien welke toestemming u wilt intrekken. Probeer het opnieuw.")
        )
        return redirect("account_consent")
    try:
        organisation = organisation_get(pk=form.cleaned_data["organisation"], public_only=False)
        revoked = services.consent_revoke(
            resident=request.user, organisation=organisation, purpose=form.cleaned_data["purpose"]
        )
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("U heeft de toestemming voor %(organisation)s ingetrokken: %(purpose)s.")
            % {"organisation": revoked.organisation.name, "purpose": revoked.get_purpose_display().lower()},
        )
    return redirect("account_consent")


# --- Login with a second factor (TOTP), docs/security-totp.md ----------------------------------------
# After a right password, a user with the second factor on is not logged in yet: the session keeps
# who they are for a few minutes, and only a right code logs them in (django login + django-otp login).

OTP_PENDING_KEY = "accounts_otp_pending"
OTP_PENDING_SECONDS = 5 * 60
OTP_MAX_TRIES = 5


class LoginView(auth_views.LoginView):
    """Django's login page; with the second factor on, a right password leads to the code page."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def form_valid(self, form):
        user = form.get_user()
        if not selectors.otp_enabled(user=user):
            return super().form_valid(form)
        # A new session: whoever was logged in here before is logged out; a fixed session id is useless.
        self.request.session.flush()
        self.request.session[OTP_PENDING_KEY] = {
            "user_id": user.pk,
            "backend": user.backend,
            "next": self.get_success_url(),
            "started": int(time.time()),
            "tries": 0,
        }
        return redirect("login_otp")


def _otp_restart(request, message: str):
    """Back to step 1 (username and password) with ``message``."""
    request.session.pop(OTP_PENDING_KEY, None)
    messages.error(request, message)
    return redirect("login")


def _otp_expired(pending: dict) -> bool:
    started = pending.get("started")
    return not isinstance(started, int) or not 0 <= time.time() - started <= OTP_PENDING_SECONDS


@never_cache
@require_http_methods(["GET", "POST"])
def login_otp(request):
    """Step 2 of logging in: the code from the app. Five wrong codes: start again with the password."""
    pending = request.session.get(OTP_PENDING_KEY)
    if not isinstance(pending, dict):
        messages.info(request, _("Log eerst in met uw gebruikersnaam en wachtwoord."))
        return redirect("login")
    if _otp_expired(pending):
        return _otp_restart(request, _("Het duurde te lang voordat u de code typte. Log opnieuw in."))
    user = selectors.user_for_login(user_id=pending["user_id"])
    if user is None:
        return _otp_restart(request, _("Dit account is niet actief. Neem contact op met de beheerder."))
    if request.method == "GET":
        return render(request, "accounts/login_otp.html", {"form": OtpCodeForm()})
    form = OtpCodeForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            device = services.otp_verify_login(user=user, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            if exc.code == "otp_not_on":
                return _otp_restart(request, exc.message)
            pending["tries"] = int(pending.get("tries", 0)) + 1
            if pending["tries"] >= OTP_MAX_TRIES:
                # Counts as one failed login (django-axes listens to this signal).
                user_login_failed.send(
                    sender=__name__, credentials={"username": user.get_username()}, request=request
                )
                return _otp_restart(
                    request,
                    _(
                        "U heeft %(tries)s keer een verkeerde code getypt. Log opnieuw in met uw gebruikersnaam en wachtwoord."
                    )
                    % {"tries": OTP_MAX_TRIES},
                )
            request.session[OTP_PENDING_KEY] = pending
            form.add_service_error(exc, field="code")
            status = exc.status
        else:
            request.session.pop(OTP_PENDING_KEY, None)
            auth_login(request, user, backend=pending["backend"])
            otp_login(request, device)
            return redirect(pending["next"])
    return render(request, "accounts/login_otp.html", {"form": form}, status=status)


# --- Switching the second factor on and off --------------------------------------------------------


def _otp_staff_only(request) -> None:
    if not selectors.otp_allowed(user=request.user):
        raise PermissionDenied(
            _(
                "De tweede stap bij inloggen is er voor medewerkers van organisaties, het programmabureau en beheerders."
            )
        )


def _otp_secret_groups(device) -> list[str]:
    """The secret as people type it into an app: base32, in blocks of 4 characters."""
    secret = b32encode(device.bin_key).decode("ascii")
    return [secret[i : i + 4] for i in range(0, len(secret), 4)]


def _otp_qr_data_uri(device) -> str:
    """The QR code of the app link (``otpauth://``) as an SVG image in a ``data:`` address.

    Made on the server; an ``<img>`` with a ``data:`` address is allowed by the Content-Security-Policy.
    The image has its own white background, so it can be scanned on a dark screen too.
    """
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathFillImage)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _otp_page(request, *, form: OtpCodeForm | None = None, status: int = 200):
    if selectors.otp_enabled(user=request.user):
        context = {"enabled": True, "form": form or OtpCodeForm()}
    else:
        device = services.otp_device_start(user=request.user)
        context = {
            "enabled": False,
            "form": form or OtpCodeForm(),
            "secret_groups": _otp_secret_groups(device),
            "qr_src": _otp_qr_data_uri(device),
        }
    return render(request, "accounts/otp.html", context, status=status)


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def otp(request):
    """Tweede stap bij inloggen: set it up (QR code, secret, a code to confirm), or see that it is on."""
    _otp_staff_only(request)
    if request.method == "GET":
        return _otp_page(request)
    form = OtpCodeForm(request.POST)
    if form.is_valid():
        try:
            device = services.otp_device_confirm(user=request.user, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            if exc.code == "otp_already_on":
                messages.info(request, exc.message)
                return redirect("account_otp")
            form.add_service_error(exc, field="code")
            return _otp_page(request, form=form, status=exc.status)
        otp_login(request, device)  # this session just showed a right code
        messages.success(
            request,
            _("De tweede stap staat aan. Bij het inloggen vragen wij voortaan ook een code uit de app."),
        )
        return redirect("account_otp")
    return _otp_page(request, form=form, status=400)


@login_required
@never_cache
@require_POST
def otp_remove(request):
    """Switch the second factor off, after a right code from the app."""
    _otp_staff_only(request)
    form = OtpCodeForm(request.POST)
    if form.is_valid():
        try:
            services.otp_device_remove(user=request.user, code=form.cleaned_data["code"])
        except ApplicationError as exc:
            if exc.code == "otp_not_on":
                messages.info(request, exc.message)
                return redirect("account_otp")
            form.add_service_error(exc, field="code")
            return _otp_page(request, form=form, status=exc.status)
        messages.success(request, _("De tweede stap staat uit. U logt nu in met alleen uw wachtwoord."))
        return redirect("account_otp")
    return _otp_page(request, form=form, status=400)
