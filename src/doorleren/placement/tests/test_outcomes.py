"""After the assignment the host confirms competencies; they land on the learner's profile."""

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.placement import selectors, services
from doorleren.placement.models import Team
from doorleren.placement.tests.factories import CompetencyFactory, assignment_opportunity
from doorleren.profiles import selectors as profiles_selectors

pytestmark = pytest.mark.django_db


def _placed_team(small, person, competencies):
    assignment = services.round_assignment_add(
        round=small.round,
        opportunity=assignment_opportunity(
            small.firm, title="Data van de weegbrug", competencies=competencies
        ),
        actor=small.organiser,
    )
    small.choose(person, assignment)
    small.close()
    services.placement_round_allocate(round=small.round, actor=small.organiser)
    return Team.objects.get(assignment=assignment)


def test_confirmed_competencies_become_profile_evidence(small, new_learner):
    person = new_learner("job_seeker")
    competency = CompetencyFactory()
    team = _placed_team(small, person, [competency])
    outcome = services.team_outcome_record(
        team=team, learner=person, actor=small.host, completed=True, competencies={competency.code: 3}
    )
    assert outcome.completed
    profile = profiles_selectors.profile_for_user(user=person)
    [row] = profiles_selectors.resident_competencies(profile=profile)
    assert (row.competency, row.level, row.evidence, row.source) == (competency, 3, "host_confirmed", "work")
    [member] = selectors.team_members(team=team, viewer=small.host)
    assert member.confirmed == {competency.code: 3}
    workshop = next(w for w in selectors.workshops_overview() if w.organisation == small.workshop)
    assert (workshop.completed, workshop.confirmed, workshop.members) == (1, 1, [small.firm])


def test_only_the_host_confirms_and_only_what_the_assignment_asks(small, new_learner):
    person = new_learner("student")
    competency, other = CompetencyFactory(), CompetencyFactory()
    team = _placed_team(small, person, [competency])
    with pytest.raises(ApplicationError) as error:
        services.team_outcome_record(
            team=team, learner=person, actor=person, completed=True, competencies={competency.code: 2}
        )
    assert error.value.status == 403
    with pytest.raises(ApplicationError) as error:
        services.team_outcome_record(
            team=team, learner=person, actor=small.host, completed=True, competencies={other.code: 2}
        )
    assert error.value.code == "competency_not_asked"
    with pytest.raises(ApplicationError) as error:
        services.team_outcome_record(
            team=team, learner=new_learner("student"), actor=small.host, completed=True, competencies={}
        )
    assert error.value.status == 404
    assert not profiles_selectors.resident_competencies(
        profile=profiles_selectors.profile_for_user(user=person)
    )
