"""A company offers learning in practice on /leren/praktijk/nieuw/; it appears in the learning offer."""

import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.models import PracticalLearningOffer
from doorleren.learning.tests.factories import CompetencyFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/leren/praktijk/nieuw/"


@pytest.fixture
def boss(company):
    return MembershipFactory(user=UserFactory(role=Role.EMPLOYER), organisation=company).user


@pytest.fixture
def welding(db):
    return CompetencyFactory(code="tech-lassen", label="Metaal lassen")


def _post(**overrides):
    return {
        "kind": "machines",
        "title": "Leren lassen in onze werkplaats",
        "description": "Twee lasrobots en een werkbank.",
        "capacity": "4",
        "municipality": "GM0014",
        "competency_1": "metaal lassen",
        "level_1": "2",
    } | overrides


def test_the_form_works_without_javascript(client, boss, welding):
    client.force_login(boss)
    html = client.get(URL).content.decode()
    assert 'method="post"' in html and 'list="competency-names"' in html
    assert '<option value="Metaal lassen">' in html
    for field in ("title", "capacity", "municipality", "competency_1", "level_1"):
        assert f'for="id_{field}"' in html


def test_offer_appears_in_the_learning_offer(client, boss, company, welding):
    client.force_login(boss)
    response = client.post(URL, _post())
    assert response.status_code == 302
    offer = PracticalLearningOffer.objects.get()
    assert (offer.provider, offer.kind, offer.capacity, offer.status) == (company, "machines", 4, "published")
    assert [(link.competency, link.level) for link in offer.competency_links.all()] == [(welding, 2)]

    client.logout()
    for url in ("/leren/", "/leren/praktijk/"):
        html = client.get(url).content.decode()
        assert "Leren lassen in onze werkplaats" in html and "Installatiebedrijf Noord" in html
        assert "4 plaatsen" in html
    assert "Leren lassen in onze werkplaats" in client.get("/leren/", {"q": "lassen"}).content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": "x" * 201}, "hoogstens 200 tekens"),
        ({"description": "x" * 2001}, "hoogstens 2000 tekens"),
        ({"capacity": "0"}, "minstens 1"),
        ({"capacity": "100000"}, "hoogstens 10000"),
        ({"kind": "geld"}, "Kies wat u aanbiedt"),
        ({"municipality": "GM9999"}, "Kies een gemeente uit de lijst."),
        ({"competency_1": "Ruimtevaart"}, "kennen wij niet"),
        ({"level_1": "7"}, "niveau van 1 tot en met 4"),
        ({"provider": "999999"}, "Kies het bedrijf waarvoor u werkt."),
    ],
)
def test_bad_input_is_a_dutch_message_and_stores_nothing(client, boss, welding, overrides, message):
    client.force_login(boss)
    response = client.post(URL, _post(**overrides))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html and message in html
    assert not PracticalLearningOffer.objects.exists()


def test_another_company_cannot_be_chosen(client, boss):
    other = OrganisationFactory(name="Concurrent BV")
    client.force_login(boss)
    assert client.post(URL, _post(provider=str(other.pk), competency_1="")).status_code == 400
    assert not PracticalLearningOffer.objects.exists()


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.SCHOOL])
def test_only_company_members(client, school_user, role):
    user = school_user if role == Role.SCHOOL else UserFactory(role=role)
    client.force_login(user)
    assert client.get(URL).status_code == 403
    assert client.post(URL, _post()).status_code == 403
    assert not PracticalLearningOffer.objects.exists()
