import pytest
from rest_framework.test import APIClient

from doorleren.profiles.models import Education, WorkExperience
from doorleren.profiles.tests.factories import (
    EducationFactory,
    OccupationFactory,
    ResidentProfileFactory,
    WorkExperienceFactory,
)

pytestmark = pytest.mark.django_db
WORK = "/api/v1/profile/work-experiences/"
EDUCATION = "/api/v1/profile/educations/"


def _client(profile) -> APIClient:
    client = APIClient()
    client.force_authenticate(profile.user)
    return client


def test_adds_and_lists_work_experience_with_months():
    profile = ResidentProfileFactory()
    occupation = OccupationFactory(uri="http://data.europa.eu/esco/occupation/kok", label="Kok")
    client = _client(profile)

    created = client.post(
        WORK, {"occupation": occupation.uri, "started_on": "2019-09", "ended_on": None}, format="json"
    )
    listed = client.get(WORK)

    assert created.status_code == 201, created.json()
    assert created.json()["job_title"] == "Kok"
    assert listed.json()[0]["started_on"] == "2019-09"
    assert listed.json()[0]["ended_on"] is None
    assert listed.json()[0]["occupation"] == {"uri": occupation.uri, "label": "Kok"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"job_title": "Kok", "started_on": "september 2019"}, "started_on"),
        ({"job_title": "Kok", "started_on": "2019-13"}, "started_on"),
        ({"job_title": "Kok"}, "started_on"),
        ({"job_title": "x" * 201, "started_on": "2019-09"}, "job_title"),
        ({"job_title": "Kok", "started_on": "2019-09", "description": "x" * 2001}, "description"),
        (
            {"occupation": "http://data.europa.eu/esco/occupation/onbekend", "started_on": "2019-09"},
            "occupation",
        ),
    ],
)
def test_bad_work_input_is_400_per_field(body, field):
    response = _client(ResidentProfileFactory()).post(WORK, body, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not WorkExperience.objects.exists()


def test_work_without_title_or_occupation_is_400_from_the_service():
    response = _client(ResidentProfileFactory()).post(WORK, {"started_on": "2019-09"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "detail": "Vul uw functie in of kies een beroep.",
        "field": "job_title",
    }


def test_deleting_someone_elses_work_is_404():
    theirs = WorkExperienceFactory()
    response = _client(ResidentProfileFactory()).delete(f"{WORK}{theirs.pk}/")
    assert response.status_code == 404
    assert WorkExperience.objects.filter(pk=theirs.pk).exists()


def test_deletes_own_work():
    mine = WorkExperienceFactory()
    assert _client(mine.profile).delete(f"{WORK}{mine.pk}/").status_code == 204
    assert not WorkExperience.objects.exists()


def test_adds_and_lists_education():
    profile = ResidentProfileFactory()
    client = _client(profile)

    created = client.post(
        EDUCATION, {"title": "Mbo Kok", "level": "mbo2", "completed": True, "year": 2017}, format="json"
    )

    assert created.status_code == 201
    assert client.get(EDUCATION).json()[0]["level_label"] == "Mbo niveau 2"


@pytest.mark.parametrize(
    "body",
    [
        {"title": ""},
        {"title": "x" * 201},
        {"title": "Cursus", "level": "phd"},
        {"title": "Cursus", "year": "vorig jaar"},
    ],
)
def test_bad_education_input_is_400(body):
    response = _client(ResidentProfileFactory()).post(EDUCATION, body, format="json")
    assert response.status_code == 400
    assert not Education.objects.exists()


def test_deleting_someone_elses_education_is_404():
    theirs = EducationFactory()
    response = _client(ResidentProfileFactory()).delete(f"{EDUCATION}{theirs.pk}/")
    assert response.status_code == 404
    assert Education.objects.filter(pk=theirs.pk).exists()


@pytest.mark.parametrize("url", [f"{WORK}99999999999999999999999/", f"{EDUCATION}99999999999999999999999/"])
def test_an_absurd_id_is_404_not_500(url):
    assert _client(ResidentProfileFactory()).delete(url).status_code == 404
