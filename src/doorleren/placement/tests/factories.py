"""A small placement world: a cooperative with a member firm, practical assignments and learners."""

from __future__ import annotations

from doorleren.accounts.tests.factories import UserFactory
from doorleren.opportunities.tests.factories import OpportunityFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory
from doorleren.profiles.tests.factories import ResidentProfileFactory
from doorleren.taxonomy.tests.factories import CompetencyFactory


def cooperative(name: str = "Innovatiewerkplaats Loppersum"):
    return OrganisationFactory(
        kind="cooperative", name=name, kvk_number="", size_class="", is_innovation_workshop=True
    )


def staff(organisation, role: str = "employer"):
    user = UserFactory(role=role)
    MembershipFactory(user=user, organisation=organisation)
    return user


def assignment_opportunity(
    host, *, title: str = "Sorteren met sensoren", team_size: int = 2, competencies=()
):
    opportunity = OpportunityFactory(
        kind="practical_assignment", organisation=host, title=title, team_size=team_size
    )
    for competency in competencies:
        opportunity.competency_requirements.create(competency=competency, level=2)
    return opportunity


def learner(status: str = "student", **kwargs):
    return ResidentProfileFactory(status=status, **kwargs).user


__all__ = [
    "CompetencyFactory",
    "assignment_opportunity",
    "cooperative",
    "learner",
    "staff",
]
