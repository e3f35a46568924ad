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
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice

from doorleren.accounts import oidc, selectors, services
from doorleren.accounts.forms import (
    ConsentGrantForm,
    ConsentRevokeForm,
    LoginForm,
    OtpCodeForm,
    OtpOrBackupCodeForm,
)
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


# Backup codes just made, kept in the session until the page that shows them once.
OTP_BACKUP_CODES_KEY = "accounts_otp_backup_codes"
# Fewer backup codes left than this: the person is told to make new ones.
OTP_BACKUP_CODES_LOW = 3


def otp_pending_start(request, *, user, backend: str, next_url: str, via: str = "password"):
    """Step 1 of a login was right (password, or the organisation's login through OpenID Connect) and
    the user has the second factor on: not logged in yet; the code page comes next."""
    # A new session: whoever was logged in here before is logged out; a fixed session id is useless.
    request.session.flush()
    request.session[OTP_PENDING_KEY] = {
        "user_id": user.pk,
        "backend": backend,
        "next": next_url,
        "started": int(time.time()),
        "tries": 0,
        "via": via,
    }
    return redirect("login_otp")


class LoginView(auth_views.LoginView):
    """Django's login page; with the second factor on, a right password leads to the code page.

    With OpenID Connect configured the page also links to the login through the organisation."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc.oidc_enabled()
        return context

    def form_valid(self, form):
        user = form.get_user()
        if not selectors.otp_enabled(user=user):
            return super().form_valid(form)
        return otp_pending_start(
            self.request, user=user, backend=user.backend, next_url=self.get_success_url()
        )


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
    via = pending.get("via", "password")
    if request.method == "GET":
        return render(request, "accounts/login_otp.html", {"form": OtpOrBackupCodeForm(), "via": via})
    form = OtpOrBackupCodeForm(request.POST)
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
            if isinstance(device, StaticDevice):
                _backup_code_used_message(request, user)
            return redirect(pending["next"])
    return render(request, "accounts/login_otp.html", {"form": form, "via": via}, status=status)


def _backup_code_used_message(request, user) -> None:
    remaining = selectors.otp_backup_codes_remaining(user=user)
    text = ngettext(
        "U heeft een reservecode gebruikt. U heeft nog %(count)s reservecode.",
        "U heeft een reservecode gebruikt. U heeft nog %(count)s reservecodes.",
        remaining,
    ) % {"count": remaining}
    if remaining < OTP_BACKUP_CODES_LOW:
        text += " " + _("Maak nieuwe reservecodes op de pagina Tweede stap bij inloggen.")
    messages.warning(request, text)


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


def _otp_page(
    request, *, form: OtpCodeForm | None = None, backup_form: OtpCodeForm | None = None, status: int = 200
):
    if selectors.otp_enabled(user=request.user):
        context = {
            "enabled": True,
            "form": form or OtpOrBackupCodeForm(),
            "backup_form": backup_form or OtpCodeForm(prefix="backup"),
            "backup_codes_remaining": selectors.otp_backup_codes_remaining(user=request.user),
        }
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
        request.session[OTP_BACKUP_CODES_KEY] = services.otp_backup_codes_create(user=request.user)
        return redirect("account_otp_backup_codes")
    return _otp_page(request, form=form, status=400)


@login_required
@never_cache
@require_POST
def otp_remove(request):
    """Switch the second factor off, after a right code from the app or a backup code."""
    _otp_staff_only(request)
    form = OtpOrBackupCodeForm(request.POST)
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


# --- Backup codes (reservecodes), docs/security-totp.md ---------------------------------------------


def _backup_code_groups(code: str) -> str:
    """A backup code as people copy it: two blocks of 4 characters."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


@login_required
@never_cache
@require_http_methods(["GET", "POST"])
def otp_backup_codes(request):
    """GET: the backup codes just made, shown once. POST: new codes after a right code from the app."""
    _otp_staff_only(request)
    if request.method == "POST":
        form = OtpCodeForm(request.POST, prefix="backup")
        if form.is_valid():
            try:
                codes = services.otp_backup_codes_renew(user=request.user, code=form.cleaned_data["code"])
            except ApplicationError as exc:
                if exc.code == "otp_not_on":
                    messages.info(request, exc.message)
                    return redirect("account_otp")
                form.add_service_error(exc, field="code")
                return _otp_page(request, backup_form=form, status=exc.status)
            request.session[OTP_BACKUP_CODES_KEY] = codes
            messages.success(
                request, _("U heeft nieuwe reservecodes. De oude reservecodes werken niet meer.")
            )
            return redirect("account_otp_backup_codes")
        return _otp_page(request, backup_form=form, status=400)
    codes = request.session.pop(OTP_BACKUP_CODES_KEY, None)
    if not isinstance(codes, list) or not codes:
        # Shown once: a reload or a bookmark goes to the page with the number of codes left.
        return redirect("account_otp")
    return render(
        request, "accounts/otp_backup_codes.html", {"codes": [_backup_code_groups(str(c)) for c in codes]}
    )
