import datetime

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.profiles.models import WorkExperience
from doorleren.profiles.services import work_experience_add, work_experience_remove
from doorleren.profiles.tests.factories import (
    OccupationFactory,
    ResidentProfileFactory,
    WorkExperienceFactory,
)

pytestmark = pytest.mark.django_db


def test_adds_a_job_and_stores_months_as_their_first_day():
    profile = ResidentProfileFactory()

    job = work_experience_add(
        profile=profile,
        job_title="  Kok ",
        employer_name="Hotel De Ster",
        started_on=datetime.date(2019, 9, 17),
        ended_on=datetime.date(2021, 2, 3),
    )

    job.refresh_from_db()
    assert job.job_title == "Kok"
    assert (job.started_on, job.ended_on) == (datetime.date(2019, 9, 1), datetime.date(2021, 2, 1))


def test_without_a_title_the_occupation_name_is_used():
    occupation = OccupationFactory(label="Verzorgende")
    job = work_experience_add(
        profile=ResidentProfileFactory(), occupation=occupation, started_on=datetime.date(2020, 1, 1)
    )
    assert job.job_title == "Verzorgende"
    assert job.occupation == occupation


def test_a_job_needs_a_title_or_an_occupation():
    with pytest.raises(ApplicationError) as caught:
        work_experience_add(profile=ResidentProfileFactory(), started_on=datetime.date(2020, 1, 1))
    assert caught.value.message == "Vul uw functie in of kies een beroep."


def test_the_end_cannot_be_before_the_start():
    with pytest.raises(ApplicationError) as caught:
        work_experience_add(
            profile=ResidentProfileFactory(),
            job_title="Kok",
            started_on=datetime.date(2020, 5, 1),
            ended_on=datetime.date(2019, 5, 1),
        )
    assert caught.value.extra["field"] == "ended_on"


def test_an_over_long_description_is_refused():
    with pytest.raises(ApplicationError) as caught:
        work_experience_add(
            profile=ResidentProfileFactory(),
            job_title="Kok",
            started_on=datetime.date(2020, 5, 1),
            description="x" * 2001,
        )
    assert caught.value.message == "De beschrijving mag niet langer zijn dan 2000 tekens."


def test_someone_elses_job_cannot_be_removed():
    theirs = WorkExperienceFactory()
    with pytest.raises(ApplicationError) as caught:
        work_experience_remove(profile=ResidentProfileFactory(), work_experience_id=theirs.pk)
    assert caught.value.status == 404
    assert WorkExperience.objects.filter(pk=theirs.pk).exists()


def test_removes_an_own_job():
    mine = WorkExperienceFactory()
    work_experience_remove(profile=mine.profile, work_experience_id=mine.pk)
    assert not WorkExperience.objects.filter(pk=mine.pk).exists()
