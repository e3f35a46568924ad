import pytest

from doorleren.core.errors import ApplicationError
from doorleren.profiles.services import profile_update_preferences
from doorleren.profiles.tests.factories import ResidentProfileFactory, SectorFactory

pytestmark = pytest.mark.django_db


def test_changes_only_the_given_fields():
    profile = ResidentProfileFactory(hours_per_week=24, max_travel_km=30)

    profile_update_preferences(profile=profile, hours_per_week=16, looking_for_learning=True)

    profile.refresh_from_db()
    assert profile.hours_per_week == 16
    assert profile.max_travel_km == 30
    assert profile.looking_for_learning is True


def test_replaces_the_preferred_sectors():
    profile = ResidentProfileFactory()
    profile.preferred_sectors.set([SectorFactory(code="bouw")])

    profile_update_preferences(profile=profile, preferred_sectors=[SectorFactory(code="ict-digitalisering")])

    assert list(profile.preferred_sectors.values_list("code", flat=True)) == ["ict-digitalisering"]


def test_hours_above_40_are_refused_and_nothing_changes():
    profile = ResidentProfileFactory(hours_per_week=24)
    with pytest.raises(ApplicationError) as caught:
        profile_update_preferences(profile=profile, hours_per_week=60)
    assert caught.value.message == "Vul een aantal uren in van 1 tot en met 40."
    profile.refresh_from_db()
    assert profile.hours_per_week == 24


def test_unknown_fields_are_a_programming_error():
    with pytest.raises(TypeError):
        profile_update_preferences(profile=ResidentProfileFactory(), user=None)
