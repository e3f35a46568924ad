import datetime

import pytest
from django.utils import timezone

from doorleren.core.errors import ApplicationError
from doorleren.profiles.models import ResidentCompetency
from doorleren.profiles.services import resident_competency_add, resident_competency_remove
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)

pytestmark = pytest.mark.django_db


def _add(profile, competency, **overrides):
    values = {"level": 2, "source": "work", "evidence": "self_assessed", "obtained_on": None} | overrides
    return resident_competency_add(profile=profile, competency=competency, **values)


def test_adds_a_competency_with_level_source_and_evidence():
    profile = ResidentProfileFactory()
    competency = CompetencyFactory(code="zorg-hygiene")

    row = _add(
        profile,
        competency,
        level=3,
        source="school",
        evidence="diploma",
        obtained_on=datetime.date(2020, 6, 30),
    )

    row.refresh_from_db()
    assert (row.level, row.source, row.evidence) == (3, "school", "diploma")
    assert row.obtained_on == datetime.date(2020, 6, 30)


def test_adding_again_updates_instead_of_duplicating():
    profile = ResidentProfileFactory()
    competency = CompetencyFactory()
    _add(profile, competency, level=1)

    _add(profile, competency, level=4, evidence="certificate")

    rows = ResidentCompetency.objects.filter(profile=profile)
    assert rows.count() == 1
    assert (rows.get().level, rows.get().evidence) == (4, "certificate")


@pytest.mark.parametrize("level", [0, 5, 7, -1])
def test_levels_outside_1_to_4_are_refused(level):
    profile = ResidentProfileFactory()
    with pytest.raises(ApplicationError) as caught:
        _add(profile, CompetencyFactory(), level=level)
    assert caught.value.message == "Kies een niveau van 1 tot en met 4."
    assert not ResidentCompetency.objects.exists()


@pytest.mark.parametrize("level", [1, 4])
def test_levels_1_and_4_are_allowed(level):
    assert _add(ResidentProfileFactory(), CompetencyFactory(), level=level).level == level


@pytest.mark.parametrize(("field", "value"), [("source", "tv"), ("evidence", "gevoel")])
def test_unknown_source_or_evidence_is_refused(field, value):
    with pytest.raises(ApplicationError) as caught:
        _add(ResidentProfileFactory(), CompetencyFactory(), **{field: value})
    assert caught.value.extra["field"] == field


def test_a_date_in_the_future_is_refused():
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ApplicationError) as caught:
        _add(ResidentProfileFactory(), CompetencyFactory(), obtained_on=tomorrow)
    assert "toekomst" in caught.value.message


def test_remove_deletes_only_from_the_given_profile():
    mine = ResidentCompetencyFactory()
    theirs = ResidentCompetencyFactory(competency=mine.competency)

    resident_competency_remove(profile=mine.profile, competency=mine.competency)

    assert not ResidentCompetency.objects.filter(pk=mine.pk).exists()
    assert ResidentCompetency.objects.filter(pk=theirs.pk).exists()


def test_removing_what_is_not_there_is_not_found():
    with pytest.raises(ApplicationError) as caught:
        resident_competency_remove(profile=ResidentProfileFactory(), competency=CompetencyFactory())
    assert caught.value.status == 404
