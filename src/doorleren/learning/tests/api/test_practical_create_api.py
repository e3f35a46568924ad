"""POST /api/v1/learning/practical-offers/: a company offers learning in practice."""

import pytest
from rest_framework.test import APIClient

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.models import PracticalLearningOffer
from doorleren.learning.tests.factories import CompetencyFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/learning/practical-offers/"
BODY = {"kind": "staff", "title": "Meelopen met een monteur", "capacity": 2, "municipality": "GM0106"}


@pytest.fixture
def api(company):
    client = APIClient()
    client.force_login(MembershipFactory(user=UserFactory(role=Role.EMPLOYER), organisation=company).user)
    return client


def test_create_and_find_it_in_the_list(api, company):
    CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    response = api.post(URL, {**BODY, "competencies": [{"code": "tech-lassen", "level": 3}]}, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["provider"]["id"] == company.pk and body["municipality"]["code"] == "GM0106"
    assert body["competencies"][0]["code"] == "tech-lassen"
    listed = APIClient().get(URL).json()["results"]
    assert [row["title"] for row in listed] == ["Meelopen met een monteur"]


@pytest.mark.parametrize(
    "overrides",
    [
        {"capacity": 0},
        {"capacity": 10**20},
        {"title": "x" * 201},
        {"kind": "geld"},
        {"municipality": "Amsterdam"},
        {"competencies": [{"code": "bestaat-niet", "level": 2}]},
        {"provider": 999999},
    ],
)
def test_bad_input_is_400_and_stores_nothing(api, overrides):
    response = api.post(URL, {**BODY, **overrides}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"]
    assert not PracticalLearningOffer.objects.exists()


def test_another_company_cannot_be_used(api):
    other = OrganisationFactory()
    assert api.post(URL, {**BODY, "provider": other.pk}, format="json").status_code == 400
    assert not PracticalLearningOffer.objects.exists()


def test_residents_schools_and_anonymous_are_refused(school_user):
    client = APIClient()
    assert client.post(URL, BODY, format="json").status_code == 403
    for user in (UserFactory(role=Role.RESIDENT), school_user):
        client.force_login(user)
        assert client.post(URL, BODY, format="json").status_code == 403
    assert not PracticalLearningOffer.objects.exists()
