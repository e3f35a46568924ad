"""Create work and assignments. The employer journey (a later issue) builds on ``opportunity_create``."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.organisations.models import OrganisationKind

from .models import (
    DESCRIPTION_MAX,
    HOURS_MAX,
    HOURS_MIN,
    TEAM_SIZE_MAX,
    TEAM_SIZE_MIN,
    TITLE_MAX,
    CompetencyPurpose,
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
# Issue 5: schools and governments host practical assignments too (docs/opportunities.md, "Wie plaatst").
HOSTS[OrganisationKind.SCHOOL] = {OpportunityKind.PRACTICAL_ASSIGNMENT}
HOSTS[OrganisationKind.GOVERNMENT] = HOSTS[OrganisationKind.GOVERNMENT] | {
    OpportunityKind.PRACTICAL_ASSIGNMENT
}


@dataclass(frozen=True)
class CompetencyRequirement:
    """One competency an opportunity asks for: ``competency`` is a ``taxonomy.Competency``."""

    competency: object
    level: int
    essential: bool = True
    purpose: str = CompetencyPurpose.APPLY  # "learn": learned in a practical assignment, never essential


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
    actor=None,
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
    _values_check(
        kind=kind,
        title=title,
        description=description,
        hours_per_week=hours_per_week,
        starts_on=starts_on,
        ends_on=ends_on,
        team_size=team_size,
    )
    if not municipality.is_current:
        raise _invalid(_("Deze gemeente bestaat niet meer. Kies de gemeente van nu."), "municipality")
    requirements = list(competencies)
    _requirements_check(requirements, kind)

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
            essential=requirement.essential and requirement.purpose == CompetencyPurpose.APPLY,
            purpose=requirement.purpose,
        )
        for requirement in requirements
    )
    audit_record(
        action="opportunities.opportunity_create",
        subject=opportunity,
        actor=actor,
        data={"kind": kind, "organisation": organisation.pk, "competencies": len(requirements)},
    )
    return opportunity


# --- issue 5: the employer journey (docs/opportunities.md) -------------------------------------------

#: The most competencies the forms and the API accept for one opportunity.
COMPETENCIES_MAX = 15
_KEEP = object()


def _purpose_check(requirement: CompetencyRequirement, kind: str) -> None:
    if requirement.purpose not in CompetencyPurpose.values:
        raise _invalid(_("Kies of u de competentie vraagt of dat mensen die bij u leren."), "competencies")
    if requirement.purpose == CompetencyPurpose.LEARN and kind != OpportunityKind.PRACTICAL_ASSIGNMENT:
        raise _invalid(_("Alleen bij een praktijkopdracht kunt u opgeven wat mensen leren."), "competencies")


def _values_check(
    *, kind: str, title: str, description: str, hours_per_week: int, starts_on, ends_on, team_size
) -> None:
    """The rules for the fields of a new or changed opportunity."""
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
    if isinstance(hours_per_week, bool) or not HOURS_MIN <= hours_per_week <= HOURS_MAX:
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


def _requirements_check(requirements: list[CompetencyRequirement], kind: str) -> None:
    if len(requirements) > COMPETENCIES_MAX:
        raise _invalid(_("Kies hoogstens %(max)s competenties.") % {"max": COMPETENCIES_MAX}, "competencies")
    seen: set[int] = set()
    for requirement in requirements:
        if isinstance(requirement.level, bool) or requirement.level not in (1, 2, 3, 4):
            raise _invalid(_("Kies een niveau van 1 tot en met 4."), "competencies")
        if requirement.competency.pk in seen:
            raise _invalid(
                _("De competentie %(label)s staat er twee keer in.")
                % {"label": requirement.competency.label},
                "competencies",
            )
        seen.add(requirement.competency.pk)
        _purpose_check(requirement, kind)


@transaction.atomic
def opportunity_update(
    *,
    opportunity: Opportunity,
    actor=None,
    title=_KEEP,
    description=_KEEP,
    municipality=_KEEP,
    hours_per_week=_KEEP,
    sector=_KEEP,
    starts_on=_KEEP,
    ends_on=_KEEP,
    team_size=_KEEP,
    competencies=_KEEP,
) -> Opportunity:
    """Change an open opportunity. Only the arguments given change; ``competencies`` (a list of
    ``CompetencyRequirement``) replaces all competencies. The kind and the organisation stay.

    The same rules as ``opportunity_create``; a closed opportunity cannot change (409).
    """
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status != OpportunityStatus.OPEN:
        raise ApplicationError(
            _("Dit werk is gesloten. U kunt het niet meer wijzigen."), code="opportunity_closed", status=409
        )
    changes = {
        name: value
        for name, value in {
            "title": (title or "").strip() if title is not _KEEP else _KEEP,
            "description": (description or "").strip() if description is not _KEEP else _KEEP,
            "municipality": municipality,
            "hours_per_week": hours_per_week,
            "sector": sector,
            "starts_on": starts_on,
            "ends_on": ends_on,
            "team_size": team_size,
        }.items()
        if value is not _KEEP
    }
    checked = ("title", "description", "hours_per_week", "starts_on", "ends_on", "team_size")
    _values_check(
        kind=opportunity.kind, **{name: changes.get(name, getattr(opportunity, name)) for name in checked}
    )
    if "municipality" in changes and (
        changes["municipality"] is None or not changes["municipality"].is_current
    ):
        raise _invalid(_("Deze gemeente bestaat niet meer. Kies de gemeente van nu."), "municipality")
    requirements = None if competencies is _KEEP else list(competencies)
    if requirements is not None:
        _requirements_check(requirements, opportunity.kind)
    for name, value in changes.items():
        setattr(opportunity, name, value)
    opportunity.save()
    if requirements is not None:
        OpportunityCompetency.objects.filter(opportunity=opportunity).delete()
        OpportunityCompetency.objects.bulk_create(
            OpportunityCompetency(
                opportunity=opportunity,
                competency=requirement.competency,
                level=requirement.level,
                essential=requirement.essential and requirement.purpose == CompetencyPurpose.APPLY,
                purpose=requirement.purpose,
            )
            for requirement in requirements
        )
    audit_record(
        action="opportunities.opportunity_update",
        subject=opportunity,
        actor=actor,
        data={"fields": sorted(changes) + (["competencies"] if requirements is not None else [])},
    )
    return opportunity


@transaction.atomic
def opportunity_close(*, opportunity: Opportunity, actor=None, reason: str = "") -> Opportunity:
    """Close an open opportunity: the public no longer sees it. Closing it again is a 409."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.status == OpportunityStatus.CLOSED:
        raise ApplicationError(_("Dit werk is al gesloten."), code="opportunity_closed", status=409)
    opportunity.status = OpportunityStatus.CLOSED
    opportunity.save(update_fields=["status", "updated_at"])
    audit_record(action="opportunities.opportunity_close", subject=opportunity, actor=actor, reason=reason)
    return opportunity
