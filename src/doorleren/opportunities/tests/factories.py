import factory

from doorleren.opportunities.models import (
    Opportunity,
    OpportunityCompetency,
    OpportunityKind,
    OpportunityStatus,
)
from doorleren.organisations.tests.factories import OrganisationFactory
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import CompetencyFactory, SectorFactory


class OpportunityFactory(factory.django.DjangoModelFactory):
    """An open vacancy of an employer in Groningen, in care."""

    class Meta:
        model = Opportunity

    kind = OpportunityKind.VACANCY
    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Helpende zorg {n}")
    description = "U helpt bewoners bij wassen, aankleden en eten."
    municipality = factory.LazyFunction(lambda: municipality("GM0014"))
    hours_per_week = 24
    sector = factory.SubFactory(SectorFactory, code="zorg-welzijn")
    status = OpportunityStatus.OPEN


class OpportunityCompetencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpportunityCompetency

    opportunity = factory.SubFactory(OpportunityFactory)
    competency = factory.SubFactory(CompetencyFactory)
    level = 2
    essential = True
