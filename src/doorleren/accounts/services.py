"""Consent: residents decide which organisation may see or do what with their data."""

from __future__ import annotations

import math
import secrets
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
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


def _otp_device_locked(user: User) -> TOTPDevice:
    """The user's confirmed device, locked for this transaction; 409 when the second step is off."""
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    if device is None:
        raise ApplicationError(
            _("De tweede stap bij inloggen staat niet aan."), code="otp_not_on", status=409
        )
    return device


def otp_device_remove(*, user: User, code: str) -> None:
    """Switch the second factor off; ``code`` must be a current code of the app or a backup code
    (someone who lost their phone logs in with a backup code, switches off, and on with the new phone).
    The backup codes go with it."""
    backup = _otp_backup_code_clean(code)
    if backup is None:
        code = _otp_clean_code(code)
    error = None
    with transaction.atomic():
        device = _otp_device_locked(user)
        error = _otp_backup_code_error(user, backup) if backup else _otp_code_error(device, code)
        if error is None:
            TOTPDevice.objects.filter(user=user).delete()
            StaticDevice.objects.filter(user=user).delete()
            audit_record(action="accounts.otp_disable", subject=user, actor=user, data={"kind": "totp"})
    if error is not None:
        raise error


def otp_verify_login(*, user: User, code: str) -> Device:
    """The code step of a login: the device that accepted ``code``. The caller logs the user in.

    ``code`` is the 6-digit code from the app or one of the user's backup codes (``otp_backup_codes_
    create``); a backup code works once and is then deleted.
    """
    backup = _otp_backup_code_clean(code)
    if backup is not None:
        return _otp_verify_backup_code(user=user, code=backup)
    try:
        code = _otp_clean_code(code)
    except ApplicationError as exc:
        raise ApplicationError(
            _("Typ de code van 6 cijfers uit de app. Of typ een van uw reservecodes."),
            code=exc.code,
            extra=exc.extra,
        ) from exc
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


# --- Backup codes (reservecodes) for the code step, django-otp's static devices ---------------------
# Ten codes of 8 characters, shown once when the second step is switched on (and when the person makes
# new ones). Each works once at /account/inloggen/code/. Letters and digits that are easy to tell apart
# (no i, l, o, 0, 1); people may type them with capitals, spaces or dashes.

OTP_BACKUP_CODE_COUNT = 10
OTP_BACKUP_CODE_LENGTH = 8
OTP_BACKUP_CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
OTP_BACKUP_DEVICE_NAME = "reservecodes"


def _otp_backup_code_clean(code: str) -> str | None:
    """``code`` as a backup code (lower case, no spaces or dashes), or None when it is not shaped like one."""
    cleaned = "".join(str(code or "").replace("-", " ").split()).lower()
    if len(cleaned) == OTP_BACKUP_CODE_LENGTH and all(c in OTP_BACKUP_CODE_ALPHABET for c in cleaned):
        return cleaned
    return None


def _otp_backup_code_error(user: User, code: str) -> ApplicationError | None:
    """Use up the backup code ``code`` of ``user``; None when it was right, else the error to raise
    after the caller's transaction (like ``_otp_code_error``). Call inside a transaction."""
    device = StaticDevice.objects.select_for_update().filter(user=user, confirmed=True).order_by("pk").first()
    wrong = ApplicationError(
        _("Deze reservecode klopt niet, of u heeft hem al gebruikt. Elke reservecode werkt maar 1 keer."),
        code="otp_backup_code_wrong",
        extra={"field": "code"},
    )
    if device is None:
        return wrong
    error = _otp_code_error(device, code)
    if error is not None and error.code == "otp_code_wrong":
        return wrong
    if error is None:
        audit_record(
            action="accounts.otp_backup_code_use",
            subject=user,
            actor=user,
            data={"remaining": device.token_set.count()},
        )
    return error


def _otp_verify_backup_code(*, user: User, code: str) -> StaticDevice:
    error = None
    with transaction.atomic():
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ApplicationError(
                _("Voor dit account is geen tweede stap nodig. Log opnieuw in."),
                code="otp_not_on",
                status=409,
            )
        error = _otp_backup_code_error(user, code)
    if error is not None:
        raise error
    return StaticDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def otp_backup_codes_create(*, user: User) -> list[str]:
    """Ten new backup codes for ``user``, who has the second factor on; the old ones stop working.

    Returns the codes: the only moment they are shown. Audit ``accounts.otp_backup_codes_create`` with
    the number of codes, never the codes.
    """
    _otp_check_allowed(user)
    with transaction.atomic():
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            raise ApplicationError(
                _("Zet eerst de tweede stap bij inloggen aan. Daarna krijgt u reservecodes."),
                code="otp_not_on",
                status=409,
            )
        # One device per user, kept when new codes are made: a session verified with a backup code
        # stays verified.
        device = StaticDevice.objects.select_for_update().filter(user=user).order_by("pk").first()
        if device is None:
            device = StaticDevice.objects.create(user=user, name=OTP_BACKUP_DEVICE_NAME, confirmed=True)
        StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.token_set.all().delete()
        device.confirmed = True
        device.throttle_reset(commit=False)
        device.save()
        codes: list[str] = []
        while len(codes) < OTP_BACKUP_CODE_COUNT:
            new = "".join(secrets.choice(OTP_BACKUP_CODE_ALPHABET) for _ in range(OTP_BACKUP_CODE_LENGTH))
            if new not in codes:
                codes.append(new)
        StaticToken.objects.bulk_create(StaticToken(device=device, token=new) for new in codes)
        audit_record(
            action="accounts.otp_backup_codes_create", subject=user, actor=user, data={"count": len(codes)}
        )
    return codes


def otp_backup_codes_renew(*, user: User, code: str) -> list[str]:
    """New backup codes after a right ``code`` from the app (``otp_backup_codes_create``)."""
    _otp_check_allowed(user)
    code = _otp_clean_code(code)
    error = None
    with transaction.atomic():
        device = _otp_device_locked(user)
        error = _otp_code_error(device, code)
    if error is not None:
        raise error
    return otp_backup_codes_create(user=user)
