"""Consent: residents decide which organisation may see or do what with their data."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorleren.accounts.models import CONSENT_TEXT_VERSION, Consent, ConsentPurpose, Role, User
from doorleren.accounts.selectors import CONSENT_ORGANISATION_KINDS, otp_allowed
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation


def _check_resident(resident: User) -> None:
    if resident.role != Role.RESIDENT:
        raise ApplicationError(
            _("Alleen inwoners geven toestemming voor hun eigen gegevens."), code="not_resident", status=403
        )
    if not resident.is_active:
        raise ApplicationError(_("Dit account is niet actief."), code="user_inactive", status=403)


def _check_purpose(purpose: str) -> None:
    if purpose not in ConsentPurpose.values:
        raise ApplicationError(
            _(
                "Kies waarvoor u toestemming geeft: profiel bekijken, contact opnemen of ontwikkelplan bekijken."
            ),
            code="consent_purpose_invalid",
        )


@transaction.atomic
def consent_grant(
    *, resident: User, organisation: Organisation, purpose: str, version: str = CONSENT_TEXT_VERSION
) -> Consent:
    """The resident allows ``organisation`` to do ``purpose``.

    Granting what is already granted under the same text version returns the existing consent.
    Under an older version the old consent is closed and a new one recorded with the new version.
    """
    _check_resident(resident)
    _check_purpose(purpose)
    if organisation.kind not in CONSENT_ORGANISATION_KINDS:
        raise ApplicationError(
            _(
                "Aan %(organisation)s kunt u geen toestemming geven. Financiers zien nooit gegevens van personen."
            )
            % {"organisation": organisation.name},
            code="consent_organisation_not_allowed",
        )
    now = timezone.now()
    existing = (
        Consent.objects.select_for_update()
        .filter(resident=resident, organisation=organisation, purpose=purpose, revoked_at__isnull=True)
        .first()
    )
    if existing is not None:
        if existing.version == version:
            return existing
        existing.revoked_at = now
        existing.save(update_fields=["revoked_at"])
    try:
        with transaction.atomic():
            return Consent.objects.create(
                resident=resident, organisation=organisation, purpose=purpose, granted_at=now, version=version
            )
    except IntegrityError:  # a parallel request granted the same consent first
        return Consent.objects.get(
            resident=resident, organisation=organisation, purpose=purpose, revoked_at__isnull=True
        )


@transaction.atomic
def consent_revoke(*, resident: User, organisation: Organisation, purpose: str) -> Consent:
    """The resident withdraws a consent. From now on ``can_view_resident`` says no. The record stays."""
    _check_purpose(purpose)
    consent = (
        Consent.objects.select_for_update()
        .filter(resident=resident, organisation=organisation, purpose=purpose, revoked_at__isnull=True)
        .first()
    )
    if consent is None:
        raise ApplicationError(
            _("U had %(organisation)s hiervoor geen toestemming gegeven, of u heeft die al ingetrokken.")
            % {"organisation": organisation.name},
            code="consent_not_found",
            status=404,
        )
    consent.revoked_at = max(timezone.now(), consent.granted_at)
    consent.save(update_fields=["revoked_at"])
    return consent


@transaction.atomic
def consents_revoke_all(*, resident: User) -> int:
    """Withdraw every active consent of the resident (e.g. when they close their account)."""
    return Consent.objects.filter(resident=resident, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------

ERASED_USERNAME_PREFIX = "verwijderd-"


@transaction.atomic
def user_pseudonymise(*, user: User) -> User:
    """Erase the personal fields of ``user`` and close the account; the row stays.

    Rows that must stay for the books (enrolments, budgets, ledger accounts) keep pointing at this row,
    which from now on says nothing about the person: the username becomes ``verwijderd-<random>``,
    names and e-mail are empty, the password is unusable and the account inactive. Active consents are
    revoked first; the consent rows stay as proof of what was allowed when (they name no person once the
    user is pseudonymised) until the retention task removes them.
    """
    import secrets

    consents_revoke_all(resident=user)
    user.username = f"{ERASED_USERNAME_PREFIX}{secrets.token_hex(8)}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.last_login = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return user


@transaction.atomic
def consents_purge(*, revoked_before, dry_run: bool = False) -> int:
    """Delete consents revoked before ``revoked_before`` (a datetime); the retention task. Active
    consents are never deleted. Returns how many (would) go."""
    old = Consent.objects.filter(revoked_at__isnull=False, revoked_at__lt=revoked_before)
    if dry_run:
        return old.count()
    return old.delete()[0]


# --- Second factor at login (TOTP, django-otp), docs/security-totp.md --------------------------------
# Only staff roles (selectors.OTP_ROLES) use it. A device counts once it is confirmed with a code;
# the secret never goes into the audit log or an error message.

OTP_CODE_DIGITS = 6
# Name of every device in django-otp's table; people see "De tweede stap staat aan", never this.
OTP_DEVICE_NAME = "app"


def _otp_check_allowed(user: User) -> None:
    if not otp_allowed(user=user):
        raise ApplicationError(
            _(
                "De tweede stap bij inloggen is er voor medewerkers van organisaties, het programmabureau en beheerders."
            ),
            code="otp_not_for_role",
            status=403,
        )


def _otp_clean_code(code: str) -> str:
    """The code without spaces; an ``ApplicationError`` unless it is exactly 6 digits."""
    cleaned = "".join(str(code or "").split())
    if len(cleaned) != OTP_CODE_DIGITS or not cleaned.isascii() or not cleaned.isdigit():
        raise ApplicationError(
            _("Typ de code van 6 cijfers uit de app op uw telefoon."),
            code="otp_code_invalid",
            extra={"field": "code"},
        )
    return cleaned


def _otp_code_error(device: TOTPDevice, code: str) -> ApplicationError | None:
    """Check ``code`` against ``device``; None when it is right, else the error to raise.

    The caller raises the error *after* its transaction: django-otp stores each wrong try on the
    device (the wait before the next try grows: 1, 2, 4... seconds) and that must not be rolled back.
    """
    allowed, details = device.verify_is_allowed()
    if not allowed:
        locked_until = (details or {}).get("locked_until")
        seconds = max(1, math.ceil((locked_until - timezone.now()).total_seconds())) if locked_until else 1
        return ApplicationError(
            ngettext(
                "U typte net een verkeerde code. Wacht %(seconds)s seconde en probeer het opnieuw.",
                "U typte net een verkeerde code. Wacht %(seconds)s seconden en probeer het opnieuw.",
                seconds,
            )
            % {"seconds": seconds},
            code="otp_throttled",
            status=429,
            extra={"field": "code"},
        )
    if device.verify_token(code):
        return None
    return ApplicationError(
        _(
            "Deze code klopt niet. Typ de 6 cijfers die de app nu laat zien. De code verandert elke 30 seconden."
        ),
        code="otp_code_wrong",
        extra={"field": "code"},
    )


def otp_device_start(*, user: User) -> TOTPDevice:
    """Start switching on the second factor: a new secret, not yet confirmed.

    Asking again returns the same unconfirmed device (and secret), so a reload of the set-up page
    does not break a QR code that was just scanned. An unconfirmed device does nothing at login.
    """
    _otp_check_allowed(user)
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()  # one start at a time per user
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ApplicationError(
                _("De tweede stap bij inloggen staat al aan."), code="otp_already_on", status=409
            )
        device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=OTP_DEVICE_NAME, confirmed=False)
        return device


def otp_device_confirm(*, user: User, code: str) -> TOTPDevice:
    """Switch the second factor on: ``code`` must be the current code of the unconfirmed device."""
    _otp_check_allowed(user)
    code = _otp_clean_code(code)
    error = None
    with transaction.atomic():
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ApplicationError(
                _("De tweede stap bij inloggen staat al aan."), code="otp_already_on", status=409
            )
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
        )
        if device is None:
            raise ApplicationError(
                _("Open de pagina opnieuw en scan de nieuwe QR-code. Typ daarna de code."),
                code="otp_not_started",
                status=409,
            )
        error = _otp_code_error(device, code)
        if error is None:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            audit_record(action="accounts.otp_enable", subject=user, actor=user, data={"kind": "totp"})
    if error is not None:
        raise error
    return device


def otp_device_remove(*, user: User, code: str) -> None:
    """Switch the second factor off; ``code`` must be a current code of the app."""
    code = _otp_clean_code(code)
    error = None
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        )
        if device is None:
            raise ApplicationError(
                _("De tweede stap bij inloggen staat niet aan."), code="otp_not_on", status=409
            )
        error = _otp_code_error(device, code)
        if error is None:
            TOTPDevice.objects.filter(user=user).delete()
            audit_record(action="accounts.otp_disable", subject=user, actor=user, data={"kind": "totp"})
    if error is not None:
        raise error


def otp_verify_login(*, user: User, code: str) -> TOTPDevice:
    """The code step of a login: the device that accepted ``code``. The caller logs the user in."""
    code = _otp_clean_code(code)
    error = None
    with transaction.atomic():
        device = (
            TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
        )
        if device is None:
            raise ApplicationError(
                _("Voor dit account is geen tweede stap nodig. Log opnieuw in."),
                code="otp_not_on",
                status=409,
            )
        error = _otp_code_error(device, code)
    if error is not None:
        raise error
    return device
