import pytest

from doorleren.core.errors import ApplicationError
from doorleren.profiles.models import Education
from doorleren.profiles.services import education_add, education_remove
from doorleren.profiles.tests.factories import EducationFactory, ResidentProfileFactory

pytestmark = pytest.mark.django_db


def test_adds_an_education():
    education = education_add(
        profile=ResidentProfileFactory(), title="Mbo Verzorgende IG", level="mbo3", completed=True, year=2015
    )
    education.refresh_from_db()
    assert (education.title, education.level, education.completed, education.year) == (
        "Mbo Verzorgende IG",
        "mbo3",
        True,
        2015,
    )


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"title": "  "}, "title"),
        ({"title": "x" * 201}, "title"),
        ({"title": "Cursus", "level": "phd"}, "level"),
        ({"title": "Cursus", "year": 1850}, "year"),
    ],
)
def test_bad_values_are_refused(values, field):
    with pytest.raises(ApplicationError) as caught:
        education_add(profile=ResidentProfileFactory(), **values)
    assert caught.value.extra["field"] == field
    assert not Education.objects.exists()


def test_someone_elses_education_cannot_be_removed():
    theirs = EducationFactory()
    with pytest.raises(ApplicationError):
        education_remove(profile=ResidentProfileFactory(), education_id=theirs.pk)
    assert Education.objects.filter(pk=theirs.pk).exists()


def test_removes_an_own_education():
    mine = EducationFactory()
    education_remove(profile=mine.profile, education_id=mine.pk)
    assert not Education.objects.exists()
