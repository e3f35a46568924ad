"""After the assignment: the host records per team member whether they completed it and which
competencies they showed; those go to the learner's profile as evidence "confirmed by the host"."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction
from django.utils.translation import gettext as _

from doorleren.audit.services import audit_record
from doorleren.core.errors import ApplicationError
from doorleren.profiles import services as profiles_services

from ..models import ConfirmedCompetency, PlacementResult, Team, TeamOutcome
from ._common import require_host


@transaction.atomic
def team_outcome_record(
    *, team: Team, learner, actor, completed: bool, competencies: Mapping[str, int]
) -> TeamOutcome:
    """Record (or change) the outcome of one team member. ``competencies``: competency code → level
    1-4, only competencies the assignment asks for. Each one is written to the learner's profile
    (``profiles.services.resident_competency_confirm_by_host``); taking one away here later does not
    remove it from the profile."""
    assignment = team.assignment
    opportunity = assignment.opportunity
    require_host(organisation=opportunity.organisation, actor=actor)
    if not isinstance(completed, bool):
        raise ApplicationError(_("Kies ja of nee bij afgerond."), code="completed_invalid")
    if not PlacementResult.objects.filter(
        round_id=assignment.round_id, assignment=assignment, learner=learner
    ).exists():
        raise ApplicationError(_("Deze persoon zit niet in dit team."), code="not_team_member", status=404)
    asked = {
        requirement.competency.code: requirement.competency
        for requirement in opportunity.competency_requirements.select_related("competency")
    }
    if not isinstance(competencies, Mapping):
        raise ApplicationError(_("Stuur per competentie een niveau."), code="competencies_invalid")
    for code, level in competencies.items():
        if code not in asked:
            raise ApplicationError(
                _("Deze opdracht vraagt niet om de competentie %(code)s.") % {"code": str(code)[:50]},
                code="competency_not_asked",
            )
        if isinstance(level, bool) or level not in (1, 2, 3, 4):
            raise ApplicationError(_("Kies een niveau van 1 tot en met 4."), code="invalid_level")
    outcome, _created = TeamOutcome.objects.update_or_create(
        team=team, learner=learner, defaults={"completed": completed, "recorded_by": actor}
    )
    outcome.competencies.all().delete()
    ConfirmedCompetency.objects.bulk_create(
        ConfirmedCompetency(outcome=outcome, competency=asked[code], level=level)
        for code, level in sorted(competencies.items())
    )
    for code, level in sorted(competencies.items()):
        profiles_services.resident_competency_confirm_by_host(
            resident=learner, competency=asked[code], level=level
        )
    audit_record(
        action="placement.outcome_record",
        subject=outcome,
        actor=actor,
        data={"completed": completed, "competencies": dict(sorted(competencies.items()))},
    )
    return outcome
