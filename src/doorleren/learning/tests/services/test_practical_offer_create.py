import pytest

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import PracticalLearningOffer, PracticalOfferKind
from doorleren.learning.services import practical_offer_create
from doorleren.learning.tests.factories import CompetencyFactory

pytestmark = pytest.mark.django_db


def test_a_company_offers_its_machines(company, groningen):
    competency = CompetencyFactory()
    offer = practical_offer_create(
        provider=company,
        kind=PracticalOfferKind.MACHINES,
        title="Leren lassen in onze werkplaats",
        capacity=3,
        municipality=groningen,
        competencies={competency: 2},
    )
    assert offer.capacity == 3
    assert [(c.competency, c.level) for c in offer.competency_links.all()] == [(competency, 2)]


def test_a_school_cannot_offer_practical_learning(school, groningen):
    with pytest.raises(ApplicationError) as caught:
        practical_offer_create(provider=school, kind="staff", title="T", capacity=1, municipality=groningen)
    assert caught.value.code == "practical_provider_invalid"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"kind": "geld"}, "practical_kind_invalid"),
        ({"title": " "}, "practical_title_invalid"),
        ({"capacity": 0}, "practical_capacity_invalid"),
        ({"status": "weg"}, "practical_status_invalid"),
    ],
)
def test_invalid_offers_are_refused(company, groningen, kwargs, code):
    values = {"kind": "knowledge", "title": "Kennis delen", "capacity": 2, "municipality": groningen}
    with pytest.raises(ApplicationError) as caught:
        practical_offer_create(provider=company, **{**values, **kwargs})
    assert caught.value.code == code
    assert not PracticalLearningOffer.objects.exists()


def test_competency_level_must_be_1_to_4(company, groningen):
    with pytest.raises(ApplicationError) as caught:
        practical_offer_create(
            provider=company,
            kind="staff",
            title="T",
            capacity=1,
            municipality=groningen,
            competencies={CompetencyFactory(): 0},
        )
    assert caught.value.code == "practical_competency_level_invalid"
