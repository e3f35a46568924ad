import pytest
from rest_framework.test import APIClient

from doorleren.profiles.models import ResidentCompetency
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)

pytestmark = pytest.mark.django_db
URL = "/api/v1/profile/competencies/"


def _client(profile) -> APIClient:
    client = APIClient()
    client.force_authenticate(profile.user)
    return client


def _body(**overrides):
    return {"code": "klanten-helpen", "level": 2, "source": "work", "evidence": "self_assessed"} | overrides


def test_lists_only_own_competencies():
    mine = ResidentCompetencyFactory(competency=CompetencyFactory(code="lassen", label="Lassen"), level=3)
    ResidentCompetencyFactory(competency=CompetencyFactory(code="koken"))

    response = _client(mine.profile).get(URL)

    assert response.status_code == 200
    assert [(row["code"], row["level"], row["level_label"]) for row in response.json()] == [
        ("lassen", 3, "Zelfstandig, ook bij lastige taken")
    ]


def test_post_adds_201_then_updates_200():
    profile = ResidentProfileFactory()
    CompetencyFactory(code="klanten-helpen")
    client = _client(profile)

    first = client.post(URL, _body(obtained_on="2021-06-15"), format="json")
    second = client.post(URL, _body(level=4, evidence="certificate"), format="json")

    assert (first.status_code, second.status_code) == (201, 200)
    row = ResidentCompetency.objects.get(profile=profile)
    assert (row.level, row.evidence) == (4, "certificate")


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"code": "bestaat-niet"}, "code", "Deze competentie kennen wij niet: bestaat-niet."),
        ({"level": 7}, "level", "Kies een niveau van 1 tot en met 4."),
        ({"level": 0}, "level", "Kies een niveau van 1 tot en met 4."),
        ({"level": "hoog"}, "level", "Kies een niveau van 1 tot en met 4."),
        ({"source": "tv"}, "source", "Kies waar u dit heeft geleerd: school, work of free_time."),
        ({"code": "x" * 81}, "code", "Gebruik hoogstens 80 tekens."),
        (
            {"obtained_on": "gisteren"},
            "obtained_on",
            "Vul een datum in als jaar-maand-dag, bijvoorbeeld 2021-06-15.",
        ),
    ],
)
def test_bad_input_is_400_with_a_dutch_message(overrides, field, message):
    profile = ResidentProfileFactory()
    CompetencyFactory(code="klanten-helpen")

    response = _client(profile).post(URL, _body(**overrides), format="json")

    assert response.status_code == 400
    assert response.json()["fields"][field] == [message]
    assert not ResidentCompetency.objects.exists()


def test_a_date_in_the_future_is_400_from_the_service():
    profile = ResidentProfileFactory()
    CompetencyFactory(code="klanten-helpen")
    response = _client(profile).post(URL, _body(obtained_on="2999-01-01"), format="json")
    assert response.status_code == 400
    assert "toekomst" in response.json()["detail"]


def test_delete_removes_an_own_competency():
    row = ResidentCompetencyFactory(competency=CompetencyFactory(code="lassen"))
    response = _client(row.profile).delete(URL + "lassen/")
    assert response.status_code == 204
    assert not ResidentCompetency.objects.exists()


def test_delete_of_a_competency_only_someone_else_has_is_404_and_keeps_it():
    theirs = ResidentCompetencyFactory(competency=CompetencyFactory(code="lassen"))
    response = _client(ResidentProfileFactory()).delete(URL + "lassen/")
    assert response.status_code == 404
    assert response.json()["detail"] == "Deze competentie staat niet in uw profiel."
    assert ResidentCompetency.objects.filter(pk=theirs.pk).exists()
