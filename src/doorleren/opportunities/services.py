"""Create work and assignments. The employer journey (a later issue) builds on ``opportunity_create``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.organisations.models import OrganisationKind

from .models import (
    DESCRIPTION_MAX,
    HOURS_MAX,
    HOURS_MIN,
    TEAM_SIZE_MAX,
    TEAM_SIZE_MIN,
    TITLE_MAX,
    Opportunity,
    OpportunityCompetency,
    OpportunityKind,
    OpportunityStatus,
)

# Who may offer what: employers offer all kinds; a cooperative (or innovation workshop) hosts
# practical assignments and basic jobs; governments offer basic jobs (parallel labour market).
HOSTS: dict[str, set[str]] = {
    OrganisationKind.EMPLOYER: {
        OpportunityKind.VACANCY,
        OpportunityKind.PRACTICAL_ASSIGNMENT,
        OpportunityKind.BASIC_JOB,
    },
    OrganisationKind.COOPERATIVE: {OpportunityKind.PRACTICAL_ASSIGNMENT, OpportunityKind.BASIC_JOB},
    OrganisationKind.GOVERNMENT: {OpportunityKind.VACANCY, OpportunityKind.BASIC_JOB},
}


@dataclass(frozen=True)
class CompetencyRequirement:
    """One competency an opportunity asks for: ``competency`` is a ``taxonomy.Competency``."""

    competency: object
    level: int
    essential: bool = True


def _invalid(message: str, field: str) -> ApplicationError:
    return ApplicationError(message, code="invalid", extra={"field": field})


@transaction.atomic
def opportunity_create(
    *,
    organisation,
    kind: str,
    title: str,
    description: str,
    municipality,
    hours_per_week: int,
    sector=None,
    occupation=None,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    team_size: int | None = None,
    status: str = OpportunityStatus.OPEN,
    competencies: Iterable[CompetencyRequirement] = (),
) -> Opportunity:
    """Create an opportunity with the competencies it asks for (each competency once, level 1-4)."""
    if kind not in OpportunityKind.values:
        raise _invalid(_("Kies vacature, praktijkopdracht of basisbaan."), "kind")
    if kind not in HOSTS.get(organisation.kind, set()):
        raise ApplicationError(
            _("%(organisation)s kan geen %(kind)s aanbieden.")
            % {"organisation": organisation.name, "kind": OpportunityKind(kind).label.lower()},
            code="organisation_cannot_offer",
            extra={"field": "organisation"},
        )
    if status not in OpportunityStatus.values:
        raise _invalid(_("Kies open of gesloten."), "status")
    title = (title or "").strip()
    description = (description or "").strip()
    if not title:
        raise _invalid(_("Vul een titel in."), "title")
    if len(title) > TITLE_MAX:
        raise _invalid(_("De titel mag niet langer zijn dan %(max)s tekens.") % {"max": TITLE_MAX}, "title")
    if not description:
        raise _invalid(_("Vul een omschrijving in."), "description")
    if len(description) > DESCRIPTION_MAX:
        raise _invalid(
            _("De omschrijving mag niet langer zijn dan %(max)s tekens.") % {"max": DESCRIPTION_MAX},
            "description",
        )
    if not municipality.is_current:
        raise _invalid(_("Deze gemeente bestaat niet meer. Kies de gemeente van nu."), "municipality")
    if not HOURS_MIN <= hours_per_week <= HOURS_MAX:
        raise _invalid(
            _("Vul een aantal uren in van %(min)s tot en met %(max)s.")
            % {"min": HOURS_MIN, "max": HOURS_MAX},
            "hours_per_week",
        )
    if starts_on and ends_on and ends_on < starts_on:
        raise _invalid(_("Het einde kan niet voor het begin liggen."), "ends_on")
    if team_size is not None:
        if kind != OpportunityKind.PRACTICAL_ASSIGNMENT:
            raise _invalid(_("Een team hoort alleen bij een praktijkopdracht."), "team_size")
        if not TEAM_SIZE_MIN <= team_size <= TEAM_SIZE_MAX:
            raise _invalid(
                _("Een team heeft %(min)s tot en met %(max)s mensen.")
                % {"min": TEAM_SIZE_MIN, "max": TEAM_SIZE_MAX},
                "team_size",
            )
    requirements = list(competencies)
    seen: set[int] = set()
    for requirement in requirements:
        if requirement.level not in (1, 2, 3, 4):
            raise _invalid(_("Kies een niveau van 1 tot en met 4."), "competencies")
        if requirement.competency.pk in seen:
            raise _invalid(
                _("De competentie %(label)s staat er twee keer in.")
                % {"label": requirement.competency.label},
                "competencies",
            )
        seen.add(requirement.competency.pk)

    opportunity = Opportunity.objects.create(
        kind=kind,
        organisation=organisation,
        title=title,
        description=description,
        municipality=municipality,
        hours_per_week=hours_per_week,
        sector=sector,
        occupation=occupation,
        starts_on=starts_on,
        ends_on=ends_on,
        team_size=team_size,
        status=status,
    )
    OpportunityCompetency.objects.bulk_create(
        OpportunityCompetency(
            opportunity=opportunity,
            competency=requirement.competency,
            level=requirement.level,
            essential=requirement.essential,
        )
        for requirement in requirements
    )
    return opportunity
