import pytest
from rest_framework.test import APIClient

from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import CompetencyFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/opportunities/"


def test_anyone_can_list_open_opportunities_paginated():
    OpportunityFactory(title="Open")
    OpportunityFactory(title="Dicht", status="closed")

    response = APIClient().get(URL)

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["title"] == "Open"
    assert body["results"][0]["kind_label"] == "Vacature"
    assert body["results"][0]["municipality"] == {"code": "GM0014", "name": "Groningen"}


def test_filters_by_kind_sector_and_an_old_municipality_code():
    wanted = OpportunityFactory(kind="basic_job", municipality=municipality("GM1979"))
    OpportunityFactory(kind="basic_job")

    response = APIClient().get(URL, {"kind": "basic_job", "municipality": "GM0003", "sector": "zorg-welzijn"})

    assert [row["id"] for row in response.json()["results"]] == [wanted.pk]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"kind": "stage"}, "kind"),
        ({"municipality": "Amsterdam"}, "municipality"),
        ({"sector": "ruimte"}, "sector"),
        ({"q": "x" * 101}, "q"),
    ],
)
def test_bad_filters_are_400_in_dutch(params, field):
    OpportunityFactory()
    response = APIClient().get(URL, params)
    assert response.status_code == 400
    assert response.json()["detail"] == "Niet alle gegevens kloppen. Kijk bij de velden wat er mis is."
    assert field in response.json()["fields"]


def test_detail_has_the_required_competencies():
    requirement = OpportunityCompetencyFactory(
        competency=CompetencyFactory(code="lassen", label="Lassen"), level=4
    )

    response = APIClient().get(f"{URL}{requirement.opportunity.pk}/")

    assert response.status_code == 200
    assert response.json()["competencies"] == [
        {
            "code": "lassen",
            "label": "Lassen",
            "level": 4,
            "level_label": "Expert: kan het anderen leren",
            "essential": True,
            "purpose": "apply",
        }
    ]


def test_a_closed_or_unknown_opportunity_is_404():
    closed = OpportunityFactory(status="closed")
    assert APIClient().get(f"{URL}{closed.pk}/").status_code == 404
    response = APIClient().get(f"{URL}999999/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Dit werk bestaat niet of is gesloten."


def test_writing_is_not_possible():
    assert APIClient().post(URL, {}).status_code in (403, 405)


def test_an_absurd_id_is_404_not_500():
    assert APIClient().get(f"{URL}99999999999999999999999/").status_code == 404
