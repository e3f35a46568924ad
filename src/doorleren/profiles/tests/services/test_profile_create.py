import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.profiles.models import ResidentProfile
from doorleren.profiles.services import profile_create
from doorleren.profiles.tests.factories import ResidentProfileFactory, SectorFactory
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_creates_the_profile_of_a_resident_with_preferences():
    user = UserFactory()
    care = SectorFactory(code="zorg-welzijn")

    profile = profile_create(
        user=user,
        status="job_seeker",
        municipality=municipality("GM0106"),
        education_level="mbo2",
        hours_per_week=32,
        max_travel_km=25,
        preferred_sectors=[care],
        looking_for_work=True,
    )

    profile.refresh_from_db()
    assert profile.user == user
    assert profile.municipality.name == "Assen"
    assert (profile.hours_per_week, profile.max_travel_km) == (32, 25)
    assert list(profile.preferred_sectors.values_list("code", flat=True)) == ["zorg-welzijn"]


def test_only_residents_have_a_profile():
    with pytest.raises(ApplicationError) as caught:
        profile_create(user=UserFactory(role=Role.EMPLOYER), status="worker")
    assert caught.value.code == "not_a_resident"
    assert not ResidentProfile.objects.exists()


def test_a_second_profile_is_refused():
    existing = ResidentProfileFactory()
    with pytest.raises(ApplicationError) as caught:
        profile_create(user=existing.user, status="worker")
    assert caught.value.code == "profile_exists"
    assert caught.value.status == 409


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hours_per_week", 0),
        ("hours_per_week", 41),
        ("max_travel_km", 0),
        ("max_travel_km", 201),
        ("birth_year", 1899),
    ],
)
def test_values_out_of_range_are_refused_in_dutch(field, value):
    with pytest.raises(ApplicationError) as caught:
        profile_create(user=UserFactory(), status="worker", **{field: value})
    assert caught.value.extra["field"] == field
    assert "Vul een" in caught.value.message
    assert not ResidentProfile.objects.exists()


def test_an_unknown_status_is_refused():
    with pytest.raises(ApplicationError) as caught:
        profile_create(user=UserFactory(), status="retired")
    assert caught.value.message == "Kies of u werkt, werk zoekt of student bent."


def test_a_municipality_that_merged_away_is_refused():
    appingedam = municipality("GM0003")
    assert not appingedam.is_current
    with pytest.raises(ApplicationError) as caught:
        profile_create(user=UserFactory(), status="worker", municipality=appingedam)
    assert "bestaat niet meer" in caught.value.message
