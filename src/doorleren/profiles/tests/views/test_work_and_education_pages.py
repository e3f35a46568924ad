import datetime

import pytest
from django.urls import reverse

from doorleren.profiles import selectors
from doorleren.profiles.models import Education, WorkExperience
from doorleren.profiles.tests.factories import (
    EducationFactory,
    OccupationFactory,
    ResidentProfileFactory,
    WorkExperienceFactory,
)

pytestmark = pytest.mark.django_db
WORK_ADD = "/profiel/werk/toevoegen/"
EDUCATION_ADD = "/profiel/opleidingen/toevoegen/"


@pytest.fixture
def profile():
    return ResidentProfileFactory()


@pytest.fixture
def logged_in(client, profile):
    client.force_login(profile.user)
    return client


def test_searching_an_occupation_offers_choices_and_a_none_option(logged_in, monkeypatch):
    cook = OccupationFactory(uri="http://data.europa.eu/esco/occupation/kok", label="Kok")
    monkeypatch.setattr(selectors, "occupation_suggestions", lambda *, query, top: [cook])

    html = logged_in.get(WORK_ADD, {"q": "kok"}).content.decode()

    assert f'name="occupation" value="{cook.uri}"' in html
    assert "Mijn beroep staat er niet bij" in html


def test_adds_a_job_with_a_chosen_occupation(logged_in, profile):
    cook = OccupationFactory(uri="http://data.europa.eu/esco/occupation/kok", label="Kok")

    response = logged_in.post(
        WORK_ADD,
        {
            "occupation": cook.uri,
            "job_title": "",
            "start_month": "9",
            "start_year": "2019",
            "end_month": "",
            "end_year": "",
        },
    )

    assert response.status_code == 302
    job = WorkExperience.objects.get(profile=profile)
    assert (job.job_title, job.occupation, job.started_on, job.ended_on) == (
        "Kok",
        cook,
        datetime.date(2019, 9, 1),
        None,
    )


def test_a_job_needs_a_start_and_a_title(logged_in):
    response = logged_in.post(WORK_ADD, {"occupation": "", "end_month": "3"})
    html = response.content.decode()
    assert "Kies de maand waarin u begon." in html
    assert "Vul het jaar in waarin u begon." in html
    assert "Vul uw functie in of kies een beroep." in html
    assert "Vul ook het jaar in waarin u stopte." in html
    assert not WorkExperience.objects.exists()


def test_the_end_before_the_start_is_shown_at_the_end_field(logged_in):
    response = logged_in.post(
        WORK_ADD,
        {"job_title": "Kok", "start_month": "5", "start_year": "2020", "end_month": "1", "end_year": "2019"},
    )
    assert "Het einde kan niet voor het begin liggen." in response.content.decode()
    assert not WorkExperience.objects.exists()


def test_removing_someone_elses_job_is_404(logged_in):
    theirs = WorkExperienceFactory()
    assert logged_in.post(reverse("profiles:work_remove", args=[theirs.pk])).status_code == 404
    assert WorkExperience.objects.filter(pk=theirs.pk).exists()


def test_removes_an_own_job(logged_in, profile):
    mine = WorkExperienceFactory(profile=profile)
    logged_in.post(reverse("profiles:work_remove", args=[mine.pk]))
    assert not WorkExperience.objects.exists()


def test_adds_an_education(logged_in, profile):
    html = logged_in.get(EDUCATION_ADD).content.decode()
    assert "Wat is de naam van de opleiding of cursus?" in html

    response = logged_in.post(EDUCATION_ADD, {"title": "Cursus heftruck", "completed": "yes", "year": "2023"})

    assert response.status_code == 302
    education = Education.objects.get(profile=profile)
    assert (education.title, education.completed, education.year) == ("Cursus heftruck", True, 2023)


def test_an_over_long_education_title_is_refused(logged_in):
    response = logged_in.post(EDUCATION_ADD, {"title": "x" * 201, "completed": "no"})
    assert "Gebruik hoogstens 200 tekens." in response.content.decode()
    assert not Education.objects.exists()


def test_removing_someone_elses_education_is_404(logged_in):
    theirs = EducationFactory()
    assert logged_in.post(reverse("profiles:education_remove", args=[theirs.pk])).status_code == 404
    assert Education.objects.filter(pk=theirs.pk).exists()
