import datetime as dt

import pytest
from rest_framework.test import APIClient

from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory, SchoolFactory
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_list_is_public_and_paginated(api):
    SchoolFactory.create_batch(3)
    response = api.get("/api/v1/organisations/", {"limit": 2})
    assert response.status_code == 200
    assert response.json()["count"] == 3
    assert len(response.json()["results"]) == 2


def test_list_shows_organisation_data_and_no_persons(api):
    membership = MembershipFactory(organisation=SchoolFactory())
    body = api.get("/api/v1/organisations/").json()
    text = str(body)
    assert membership.organisation.name in text
    assert membership.user.username not in text
    assert membership.user.email not in text
    assert "memberships" not in body["results"][0]


def test_filter_by_former_municipality_name(api):
    school = SchoolFactory(municipality=municipality("GM1979"))
    SchoolFactory(municipality=municipality("GM0014"))
    results = api.get("/api/v1/organisations/", {"municipality": "Delfzijl"}).json()["results"]
    assert [r["id"] for r in results] == [school.pk]
    assert results[0]["municipality"] == {"code": "GM1979", "name": "Eemsdelta"}


def test_filter_by_unknown_municipality_is_a_dutch_404(api):
    response = api.get("/api/v1/organisations/", {"municipality": "Atlantis"})
    assert response.status_code == 404
    assert response.json()["code"] == "municipality_unknown"


def test_filter_by_bad_kind_is_a_400(api):
    response = api.get("/api/v1/organisations/", {"kind": "bank"})
    assert response.status_code == 400
    assert "kind" in response.json()["fields"]


def test_filter_by_kvk(api):
    employer = OrganisationFactory(kvk_number="12345678", joined_cooperative_at=dt.date(2024, 1, 1))
    OrganisationFactory(joined_cooperative_at=dt.date(2024, 1, 1))
    results = api.get("/api/v1/organisations/", {"kvk": "1234 5678"}).json()["results"]
    assert [r["id"] for r in results] == [employer.pk]
    assert results[0]["is_cooperative_member"] is True


def test_detail(api):
    school = SchoolFactory(brin_code="25LX")
    response = api.get(f"/api/v1/organisations/{school.pk}/")
    assert response.status_code == 200
    assert response.json()["brin_code"] == "25LX"


def test_detail_of_unlisted_employer_is_404(api):
    response = api.get(f"/api/v1/organisations/{OrganisationFactory().pk}/")
    assert response.status_code == 404
    assert response.json()["code"] == "organisation_unknown"
