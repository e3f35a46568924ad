"""Stack modules into certificates, and certificates into diplomas."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import Certificate, Diploma, DiplomaLevel, Module
from doorleren.learning.services.modules import TITLE_MAX_LENGTH, provider_check

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation


def _check_title(title: str) -> str:
    title = title.strip()
    if not title:
        raise ApplicationError(_("Vul een titel in."), code="title_empty")
    if len(title) > TITLE_MAX_LENGTH:
        raise ApplicationError(
            _("De titel is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": TITLE_MAX_LENGTH},
            code="title_too_long",
        )
    return title


def certificate_create(
    *, provider: Organisation, title: str, modules: Sequence[Module], description: str = ""
) -> Certificate:
    """A certificate for a stack of modules; a learner needs all of them."""
    provider_check(provider=provider)
    title = _check_title(title)
    unique = list({module.pk: module for module in modules}.values())
    if not unique:
        raise ApplicationError(
            _("Kies minstens één module voor het certificaat."), code="certificate_no_modules"
        )
    with transaction.atomic():
        certificate = Certificate.objects.create(
            provider=provider, title=title, description=description.strip()
        )
        certificate.modules.set(unique)
    return certificate


def diploma_create(
    *,
    provider: Organisation,
    title: str,
    level: str,
    certificates: Sequence[Certificate],
    description: str = "",
    min_certificates: int | None = None,
    required_certificates: Sequence[Certificate] = (),
) -> Diploma:
    """A diploma over ``certificates``; see ``Diploma`` for the rule.

    ``required_certificates`` must be among ``certificates``; ``min_certificates`` (empty: all) is
    at least the number of required ones and at most the number listed.
    """
    if provider.kind != "school":
        raise ApplicationError(
            _("Alleen een school kan een diploma geven."), code="diploma_provider_not_school"
        )
    title = _check_title(title)
    if level not in DiplomaLevel.values:
        raise ApplicationError(_("Kies het niveau: MBO, HBO of WO."), code="diploma_level_invalid")
    listed = {certificate.pk: certificate for certificate in certificates}
    required = {certificate.pk: certificate for certificate in required_certificates}
    if not listed:
        raise ApplicationError(
            _("Kies minstens één certificaat voor het diploma."), code="diploma_no_certificates"
        )
    outside = [c.title for pk, c in required.items() if pk not in listed]
    if outside:
        raise ApplicationError(
            _("Een verplicht certificaat moet ook bij de certificaten van het diploma staan: %(titles)s.")
            % {"titles": ", ".join(outside)},
            code="diploma_required_not_listed",
        )
    if min_certificates is not None:
        if (
            isinstance(min_certificates, bool)
            or not isinstance(min_certificates, int)
            or min_certificates < 1
        ):
            raise ApplicationError(
                _("Het minimale aantal certificaten is een heel getal van 1 of meer."),
                code="diploma_min_invalid",
            )
        if min_certificates > len(listed):
            raise ApplicationError(
                _("U vraagt %(min)d certificaten, maar er staan er maar %(count)d bij het diploma.")
                % {"min": min_certificates, "count": len(listed)},
                code="diploma_min_too_high",
            )
        if min_certificates < len(required):
            raise ApplicationError(
                _("Er zijn %(required)d verplichte certificaten; het minimum kan niet lager zijn.")
                % {"required": len(required)},
                code="diploma_min_below_required",
            )
    with transaction.atomic():
        diploma = Diploma.objects.create(
            provider=provider,
            title=title,
            description=description.strip(),
            level=level,
            min_certificates=min_certificates,
        )
        diploma.certificates.set(listed.values())
        diploma.required_certificates.set(required.values())
    return diploma
