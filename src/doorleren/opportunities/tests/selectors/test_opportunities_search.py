import pytest

from doorleren.opportunities.selectors import (
    competency_requirements_for_opportunity,
    opportunities_search,
    opportunity_public_get,
)
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import SectorFactory

pytestmark = pytest.mark.django_db


def test_only_open_opportunities_are_found():
    open_one = OpportunityFactory()
    OpportunityFactory(status="closed")
    assert list(opportunities_search()) == [open_one]


def test_filters_on_kind_municipality_and_sector():
    wanted = OpportunityFactory(kind="basic_job", municipality=municipality("GM0106"))
    OpportunityFactory(kind="vacancy", municipality=municipality("GM0106"))
    OpportunityFactory(kind="basic_job", municipality=municipality("GM0014"))
    OpportunityFactory(
        kind="basic_job", municipality=municipality("GM0106"), sector=SectorFactory(code="bouw")
    )

    found = opportunities_search(kind="basic_job", municipality=municipality("GM0106"), sector="zorg-welzijn")

    assert list(found) == [wanted]


def test_every_word_must_occur_in_title_description_or_organisation():
    both = OpportunityFactory(title="Chauffeur", description="Rijden met de bus in Assen")
    OpportunityFactory(title="Chauffeur", description="Vrachtwagen")
    assert list(opportunities_search(q="chauffeur bus")) == [both]


def test_a_closed_opportunity_is_not_public():
    assert opportunity_public_get(pk=OpportunityFactory(status="closed").pk) is None


def test_requirements_as_code_to_level():
    requirement = OpportunityCompetencyFactory(level=3)
    assert competency_requirements_for_opportunity(opportunity=requirement.opportunity) == {
        requirement.competency.code: 3
    }
