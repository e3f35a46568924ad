"""Consent: residents decide which organisation may see or do what with their data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts.models import CONSENT_TEXT_VERSION, Consent, ConsentPurpose, Role, User
from doorleren.accounts.selectors import CONSENT_ORGANISATION_KINDS
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
