import datetime

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.opportunities.models import Opportunity
from doorleren.opportunities.services import CompetencyRequirement, opportunity_create
from doorleren.organisations.models import OrganisationKind
from doorleren.organisations.tests.factories import FunderFactory, OrganisationFactory
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import CompetencyFactory, SectorFactory

pytestmark = pytest.mark.django_db


def _create(**overrides):
    values = {
        "organisation": OrganisationFactory(),
        "kind": "vacancy",
        "title": "Monteur zonnepanelen",
        "description": "U legt zonnepanelen op daken in de regio.",
        "municipality": municipality("GM0014"),
        "hours_per_week": 32,
    } | overrides
    return opportunity_create(**values)


def test_creates_an_opportunity_with_required_competencies():
    safety, roofs = CompetencyFactory(code="veilig-werken"), CompetencyFactory(code="werken-op-hoogte")

    opportunity = _create(
        sector=SectorFactory(code="energie-waterstof"),
        competencies=[CompetencyRequirement(safety, 3), CompetencyRequirement(roofs, 2, essential=False)],
    )

    rows = {r.competency.code: (r.level, r.essential) for r in opportunity.competency_requirements.all()}
    assert rows == {"veilig-werken": (3, True), "werken-op-hoogte": (2, False)}
    assert opportunity.status == "open"


def test_a_cooperative_hosts_a_practical_assignment_with_a_team():
    cooperative = OrganisationFactory(kind=OrganisationKind.COOPERATIVE, kvk_number="", size_class="")
    opportunity = _create(
        organisation=cooperative,
        kind="practical_assignment",
        team_size=4,
        starts_on=datetime.date(2027, 2, 1),
        ends_on=datetime.date(2027, 6, 30),
    )
    assert opportunity.team_size == 4


def test_a_cooperative_cannot_post_a_vacancy():
    cooperative = OrganisationFactory(kind=OrganisationKind.COOPERATIVE, kvk_number="", size_class="")
    with pytest.raises(ApplicationError) as caught:
        _create(organisation=cooperative, kind="vacancy")
    assert caught.value.code == "organisation_cannot_offer"


def test_a_funder_offers_nothing():
    with pytest.raises(ApplicationError):
        _create(organisation=FunderFactory(), kind="basic_job")
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": " "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"description": ""}, "description"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": 41}, "hours_per_week"),
        ({"team_size": 3}, "team_size"),
        ({"kind": "internship"}, "kind"),
        ({"starts_on": datetime.date(2027, 5, 1), "ends_on": datetime.date(2027, 4, 1)}, "ends_on"),
    ],
)
def test_bad_values_are_refused(overrides, field):
    with pytest.raises(ApplicationError) as caught:
        _create(**overrides)
    assert caught.value.extra["field"] == field
    assert not Opportunity.objects.exists()


@pytest.mark.parametrize("level", [0, 5])
def test_required_levels_must_be_1_to_4(level):
    with pytest.raises(ApplicationError) as caught:
        _create(competencies=[CompetencyRequirement(CompetencyFactory(), level)])
    assert caught.value.message == "Kies een niveau van 1 tot en met 4."
    assert not Opportunity.objects.exists()


def test_a_competency_can_be_asked_only_once():
    competency = CompetencyFactory()
    with pytest.raises(ApplicationError):
        _create(competencies=[CompetencyRequirement(competency, 2), CompetencyRequirement(competency, 3)])
