"""Who may see which resident. Every app asks these selectors; the rules are in docs/permissions.md.

In short: a resident sees themself. An employer, school or coach user sees a resident only while
that resident has an active consent (for the purpose asked, default ``view_profile``) for an
organisation the user is a member of. The programme office never sees persons (aggregates only).
Administrators see persons only through the admin site, which has its own Django permissions;
these selectors give them nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorleren.accounts.models import Consent, ConsentPurpose, Role, User
from doorleren.organisations.models import OrganisationKind
from doorleren.organisations.selectors import organisations_all, organisations_for_user

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation

# Roles that may see a resident after consent to their organisation.
CONSENT_ROLES = frozenset({Role.EMPLOYER, Role.SCHOOL, Role.COACH})

# Kinds of organisation a resident can give consent to. Funders only get aggregates.
CONSENT_ORGANISATION_KINDS = (
    OrganisationKind.EMPLOYER,
    OrganisationKind.SCHOOL,
    OrganisationKind.GOVERNMENT,
    OrganisationKind.COOPERATIVE,
)


def _is_active_user(user: User | AnonymousUser | None) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def has_role(*, user: User | AnonymousUser | None, role: str) -> bool:
    """Is ``user`` logged in with ``role`` (a ``Role`` value, e.g. ``"resident"``)?

    For other apps, so they need not import this app's models to compare roles.
    """
    return user is not None and getattr(user, "is_authenticated", False) and user.role == role


def is_resident(*, user: User | AnonymousUser | None) -> bool:
    """Is ``user`` logged in as a resident?"""
    return has_role(user=user, role=Role.RESIDENT)


def resident_get(*, user_id: int) -> User | None:
    """The user with this id if they are a resident, else None. Says nothing about who may see them."""
    return User.objects.filter(pk=user_id, role=Role.RESIDENT).first()


def residents_active() -> QuerySet[User]:
    """All residents with an active account. Only for counting: never show this list to anyone."""
    return User.objects.filter(role=Role.RESIDENT, is_active=True)


def user_organisations(*, user: User | AnonymousUser) -> QuerySet[Organisation]:
    """The organisations ``user`` is a member of (none for anonymous or inactive users)."""
    if not _is_active_user(user):
        return organisations_all().none()
    return organisations_for_user(user=user)


def residents_visible_to(
    *, viewer: User | AnonymousUser, purpose: str = ConsentPurpose.VIEW_PROFILE
) -> QuerySet[User]:
    """The residents whose data ``viewer`` may see for ``purpose``."""
    if not _is_active_user(viewer):
        return User.objects.none()
    if viewer.role == Role.RESIDENT:
        return User.objects.filter(pk=viewer.pk)
    if viewer.role not in CONSENT_ROLES:
        return User.objects.none()
    return (
        User.objects.filter(
            role=Role.RESIDENT,
            is_active=True,
            consents_given__purpose=purpose,
            consents_given__revoked_at__isnull=True,
            consents_given__organisation__memberships__user=viewer,
        )
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def can_view_resident(
    *, viewer: User | AnonymousUser, resident: User, purpose: str = ConsentPurpose.VIEW_PROFILE
) -> bool:
    """May ``viewer`` see ``resident``'s data for ``purpose``? See the module docstring."""
    if not _is_active_user(viewer) or resident is None:
        return False
    if viewer.pk == resident.pk:
        return viewer.role == Role.RESIDENT
    if viewer.role not in CONSENT_ROLES or resident.role != Role.RESIDENT or not resident.is_active:
        return False
    return Consent.objects.filter(
        resident=resident,
        purpose=purpose,
        revoked_at__isnull=True,
        organisation__memberships__user=viewer,
    ).exists()


def require_can_view_resident(
    *, viewer: User | AnonymousUser, resident: User, purpose: str = ConsentPurpose.VIEW_PROFILE
) -> None:
    """Raise ``PermissionDenied`` (403) unless ``can_view_resident``."""
    if not can_view_resident(viewer=viewer, resident=resident, purpose=purpose):
        raise PermissionDenied(
            _(
                "U mag de gegevens van deze inwoner niet zien. De inwoner heeft uw organisatie daar geen toestemming voor gegeven."
            )
        )


def consents_for_resident(*, resident: User, active_only: bool = False) -> QuerySet[Consent]:
    """The resident's consents, newest first; with ``active_only`` only those not revoked."""
    queryset = Consent.objects.filter(resident=resident).select_related(
        "organisation", "organisation__municipality"
    )
    if active_only:
        queryset = queryset.filter(revoked_at__isnull=True)
    return queryset.order_by("-granted_at", "-pk")


def consent_active(*, resident: User, organisation: Organisation, purpose: str) -> Consent | None:
    return Consent.objects.filter(
        resident=resident, organisation=organisation, purpose=purpose, revoked_at__isnull=True
    ).first()


def organisations_consent_eligible() -> QuerySet[Organisation]:
    """Organisations a resident can choose on the consent page."""
    return organisations_all().filter(kind__in=CONSENT_ORGANISATION_KINDS)


def residents_consenting_to(
    *,
    viewer: User | AnonymousUser,
    organisation: Organisation,
    purpose: str = ConsentPurpose.VIEW_PROFILE,
) -> QuerySet[User]:
    """The residents ``viewer`` may see who gave ``organisation`` itself an active consent for ``purpose``.

    Narrower than ``residents_visible_to``: a consent to another organisation of the viewer does not
    count. Empty unless ``viewer`` is a member of ``organisation`` (``residents_visible_to`` asks that).
    """
    consenting = Consent.objects.filter(
        organisation=organisation, purpose=purpose, revoked_at__isnull=True
    ).values("resident_id")
    return residents_visible_to(viewer=viewer, purpose=purpose).filter(pk__in=consenting)


# --- Second factor at login (TOTP, django-otp), docs/security-totp.md --------------------------------

# Roles that may switch on a second factor: everyone who works with other people's data or the system.
OTP_ROLES = frozenset({Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR})


def otp_allowed(*, user: User | AnonymousUser | None) -> bool:
    """May ``user`` switch on the second factor (a staff role, logged in and active)?"""
    return _is_active_user(user) and user.role in OTP_ROLES


def otp_device_confirmed(*, user: User | AnonymousUser | None) -> TOTPDevice | None:
    """The user's confirmed TOTP device (the second factor that is on), or None."""
    if user is None or getattr(user, "pk", None) is None:
        return None
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).order_by("pk").first()


def otp_enabled(*, user: User | AnonymousUser | None) -> bool:
    """Has ``user`` switched on the second factor? Only a confirmed device counts."""
    if user is None or getattr(user, "pk", None) is None:
        return False
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def user_for_login(*, user_id: int) -> User | None:
    """The active user with this id (for the code step of a login that is under way), or None."""
    return User.objects.filter(pk=user_id, is_active=True).first()


def otp_backup_codes_remaining(*, user: User | AnonymousUser | None) -> int:
    """How many unused backup codes (*reservecodes*) ``user`` has for the code step."""
    if user is None or getattr(user, "pk", None) is None:
        return 0
    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def consent_organisation_for(
    *, viewer: User | AnonymousUser, resident: User, purpose: str = ConsentPurpose.VIEW_PROFILE
) -> Organisation | None:
    """The organisation of ``viewer`` that ``resident`` gave an active consent for ``purpose`` (the first
    by name), or None. Says *why* a staff user may see the resident, for the log of who looked."""
    if not _is_active_user(viewer) or resident is None:
        return None
    consenting = Consent.objects.filter(resident=resident, purpose=purpose, revoked_at__isnull=True).values(
        "organisation_id"
    )
    return user_organisations(user=viewer).filter(pk__in=consenting).order_by("name", "pk").first()


def residents_inactive(*, last_login_before) -> QuerySet[User]:
    """Active residents who did not log in since ``last_login_before`` (a datetime); residents who never
    logged in count from the day their account was made. For the retention task only."""
    from django.db.models import Q

    never = Q(last_login__isnull=True, date_joined__lt=last_login_before)
    return User.objects.filter(
        Q(last_login__lt=last_login_before) | never, role=Role.RESIDENT, is_active=True
    ).order_by("pk")


def personal_data_for(*, user: User) -> dict:
    """What accounts keeps about ``user``: the account and every consent (active and revoked)."""
    return {
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": user.role,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        },
        "consents": [
            {
                "organisation": consent.organisation.name,
                "purpose": consent.purpose,
                "purpose_label": str(consent.get_purpose_display()),
                "granted_at": consent.granted_at,
                "revoked_at": consent.revoked_at,
                "version": consent.version,
            }
            for consent in consents_for_resident(resident=user).order_by("granted_at", "pk")
        ],
    }
