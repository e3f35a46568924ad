"""Learning in practice: what companies offer (knowledge, people who guide, machines and space)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.learning.models import (
    PracticalLearningOffer,
    PracticalOfferCompetency,
    PracticalOfferKind,
    PublicationStatus,
)
from doorleren.learning.services.modules import TITLE_MAX_LENGTH
from doorleren.taxonomy.levels import CompetencyLevel

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality
    from doorleren.taxonomy.models import Competency

MAX_CAPACITY = 10_000


def practical_offer_create(
    *,
    provider: Organisation,
    kind: str,
    title: str,
    capacity: int,
    municipality: Municipality,
    description: str = "",
    competencies: Mapping[Competency, int] | None = None,
    status: str = PublicationStatus.PUBLISHED,
    actor=None,
) -> PracticalLearningOffer:
    """A company offers learning in practice; ``competencies`` maps competency → level (1-4) learned.
    ``actor``: who offers it (None: the system); the offer goes into the audit log."""
    if provider.kind != "employer":
        raise ApplicationError(
            _("Alleen een bedrijf (werkgever) kan leren in de praktijk aanbieden."),
            code="practical_provider_invalid",
        )
    if kind not in PracticalOfferKind.values:
        raise ApplicationError(
            _("Kies wat u aanbiedt: kennis, mensen die begeleiden, of machines en ruimte."),
            code="practical_kind_invalid",
        )
    title = title.strip()
    if not title or len(title) > TITLE_MAX_LENGTH:
        raise ApplicationError(
            _("Vul een titel in van hoogstens %(max)d tekens.") % {"max": TITLE_MAX_LENGTH},
            code="practical_title_invalid",
        )
    if isinstance(capacity, bool) or not isinstance(capacity, int) or not 1 <= capacity <= MAX_CAPACITY:
        raise ApplicationError(
            _("Het aantal plaatsen is een heel getal van 1 tot en met %(max)d.") % {"max": MAX_CAPACITY},
            code="practical_capacity_invalid",
        )
    if not municipality.is_current:
        raise ApplicationError(
            _("De gemeente %(name)s bestaat niet meer. Kies de gemeente waarin zij is opgegaan.")
            % {"name": municipality.name},
            code="practical_municipality_former",
        )
    if status not in PublicationStatus.values:
        raise ApplicationError(_("Kies de status: gepubliceerd of concept."), code="practical_status_invalid")
    competencies = competencies or {}
    for competency, level in competencies.items():
        if isinstance(level, bool) or level not in CompetencyLevel.values:
            raise ApplicationError(
                _("Het niveau van competentie %(label)s moet 1, 2, 3 of 4 zijn.")
                % {"label": competency.label},
                code="practical_competency_level_invalid",
            )
    with transaction.atomic():
        offer = PracticalLearningOffer.objects.create(
            provider=provider,
            kind=kind,
            title=title,
            description=description.strip(),
            capacity=capacity,
            municipality=municipality,
            status=status,
        )
        PracticalOfferCompetency.objects.bulk_create(
            PracticalOfferCompetency(offer=offer, competency=competency, level=level)
            for competency, level in competencies.items()
        )
        audit_record(
            action="learning.practical_offer_create",
            subject=offer,
            actor=actor,
            data={
                "provider": provider.pk,
                "kind": kind,
                "capacity": capacity,
                "competencies": len(competencies),
            },
        )
    return offer
