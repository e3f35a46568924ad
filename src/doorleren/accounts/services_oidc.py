"""Who a login through an OpenID Connect provider is (docs/security-oidc.md).

Safe by default: an identity (issuer, subject) logs in only as the active staff user it is linked to.
The first login links it by the e-mail address, but only when the provider says that address is
verified and exactly one active staff user has it. Residents never log in this way, and no user is
ever made here. Every login and every refusal of a known user is written to the audit log.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts.models import OidcIdentity, User
from doorleren.accounts.selectors import OTP_ROLES, otp_enabled
from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError

if TYPE_CHECKING:
    from doorleren.accounts.oidc import OidcClaims


def _refusal(code: str) -> ApplicationError:
    messages = {
        "oidc_unknown": _(
            "Uw organisatie heeft u herkend, maar wij vinden bij doorleren geen account dat bij u hoort. Vraag de beheerder van doorleren om uw account te koppelen. Geef daarbij het e-mailadres door dat u bij uw organisatie gebruikt."
        ),
        "oidc_email_unverified": _(
            "Uw organisatie heeft niet bevestigd dat uw e-mailadres klopt. Daarom kunnen wij u niet koppelen aan een account bij doorleren. Vraag de beheerder van doorleren om hulp."
        ),
        "oidc_resident": _(
            "Inloggen via uw organisatie is alleen voor medewerkers. Bent u inwoner? Log dan in met uw gebruikersnaam en wachtwoord."
        ),
        "oidc_inactive": _("Dit account is niet actief. Neem contact op met de beheerder."),
        "oidc_ambiguous": _(
            "Bij uw e-mailadres horen meer accounts bij doorleren. Daarom weten wij niet welk account van u is. Vraag de beheerder van doorleren om uw account te koppelen."
        ),
        "oidc_conflict": _(
            "Uw account bij doorleren is al gekoppeld aan een ander account bij uw organisatie. Vraag de beheerder van doorleren om hulp."
        ),
    }
    return ApplicationError(messages[code], code=code, status=403)


def _user_refusal(user: User) -> ApplicationError | None:
    """Why ``user`` may not log in through the provider, or None."""
    if user.role not in OTP_ROLES:
        return _refusal("oidc_resident")
    if not user.is_active:
        return _refusal("oidc_inactive")
    return None


def _user_by_email(claims: OidcClaims) -> tuple[User | None, ApplicationError | None]:
    """The one active staff user with the verified e-mail address of ``claims``, or why not."""
    if not claims.email:
        return None, _refusal("oidc_unknown")
    if not claims.email_verified:
        return None, _refusal("oidc_email_unverified")
    users = list(User.objects.filter(email__iexact=claims.email).order_by("pk")[:20])
    staff = [user for user in users if user.role in OTP_ROLES and user.is_active]
    if len(staff) == 1:
        return staff[0], None
    if len(staff) > 1:
        return None, _refusal("oidc_ambiguous")
    if len(users) == 1:  # one account with this address, but a resident's or an inactive one
        return users[0], _user_refusal(users[0])
    if any(user.role not in OTP_ROLES for user in users):
        return None, _refusal("oidc_resident")
    return None, _refusal("oidc_inactive" if users else "oidc_unknown")


def _audit_refusal(*, user: User | None, claims: OidcClaims, error: ApplicationError) -> None:
    """Refusals of a known user go to the audit log; the view logs every refusal (code only)."""
    if user is not None:
        audit_record(
            action="accounts.oidc_refuse",
            subject=user,
            data={"issuer": claims.issuer, "reason": error.code},
        )


def oidc_login_accept(*, claims: OidcClaims) -> User:
    """The staff user that the identity in ``claims`` logs in as; the caller logs them in.

    A known identity (issuer, subject) logs in as its user, whatever the e-mail address says now.
    A new identity is linked (audit ``accounts.oidc_link``) to the one active staff user whose e-mail
    address the provider says is verified. Every accepted login is audited (``accounts.oidc_login``,
    with whether the provider did a second factor and whether the code step follows).

    Raises ``ApplicationError`` (403) with a Dutch message: ``oidc_unknown``, ``oidc_email_unverified``,
    ``oidc_resident``, ``oidc_inactive``, ``oidc_ambiguous``, ``oidc_conflict``.
    """
    error = None
    with transaction.atomic():
        identity = (
            OidcIdentity.objects.select_for_update()
            .select_related("user")
            .filter(issuer=claims.issuer, subject=claims.subject)
            .first()
        )
        linked = False
        if identity is not None:
            user = identity.user
            error = _user_refusal(user)
        else:
            user, error = _user_by_email(claims)
            if error is None and OidcIdentity.objects.filter(issuer=claims.issuer, user=user).exists():
                error = _refusal("oidc_conflict")
            if error is None:
                try:
                    with transaction.atomic():
                        identity = OidcIdentity.objects.create(
                            user=user, issuer=claims.issuer, subject=claims.subject
                        )
                except IntegrityError:  # a parallel first login linked it a moment ago
                    identity = OidcIdentity.objects.filter(
                        issuer=claims.issuer, subject=claims.subject
                    ).first()
                    if identity is None or identity.user_id != user.pk:
                        error = _refusal("oidc_conflict")
                else:
                    linked = True
                    audit_record(
                        action="accounts.oidc_link",
                        subject=user,
                        actor=user,
                        data={"issuer": claims.issuer},
                    )
        if error is None:
            identity.last_login_at = timezone.now()
            identity.save(update_fields=["last_login_at"])
            audit_record(
                action="accounts.oidc_login",
                subject=user,
                actor=user,
                data={
                    "issuer": claims.issuer,
                    "linked": linked,
                    "provider_second_factor": claims.second_factor,
                    "code_step": not claims.second_factor and otp_enabled(user=user),
                },
            )
        else:
            _audit_refusal(user=user, claims=claims, error=error)
    if error is not None:
        raise error
    return user


@transaction.atomic
def oidc_identity_unlink(*, identity: OidcIdentity, actor: User | None = None) -> None:
    """Remove the link; the next login through the provider links again by e-mail address."""
    user = identity.user
    issuer = identity.issuer
    identity.delete()
    audit_record(action="accounts.oidc_unlink", subject=user, actor=actor, data={"issuer": issuer})
