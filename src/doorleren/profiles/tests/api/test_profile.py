import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.profiles.models import ResidentProfile
from doorleren.profiles.tests.factories import ResidentProfileFactory, SectorFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/profile/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_url_name_is_stable():
    assert reverse("api-v1:profile") == URL


def test_get_returns_the_own_profile():
    profile = ResidentProfileFactory(hours_per_week=20)
    profile.preferred_sectors.set([SectorFactory(code="bouw")])

    response = _client(profile.user).get(URL)

    assert response.status_code == 200
    assert response.json()["hours_per_week"] == 20
    assert response.json()["municipality"] == {"code": "GM0014", "name": "Groningen"}
    assert response.json()["preferred_sectors"] == ["bouw"]


def test_without_a_profile_get_says_so_in_dutch():
    response = _client(UserFactory()).get(URL)
    assert response.status_code == 404
    assert response.json()["code"] == "profile_missing"
    assert response.json()["detail"].startswith("U heeft nog geen profiel.")


def test_post_creates_the_profile_and_resolves_an_old_municipality_code():
    user = UserFactory()
    SectorFactory(code="zorg-welzijn")

    response = _client(user).post(
        URL,
        {"status": "student", "municipality": "GM0003", "preferred_sectors": ["zorg-welzijn"]},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert response.json()["municipality"]["name"] == "Eemsdelta"
    assert ResidentProfile.objects.get(user=user).status == "student"


def test_a_second_post_is_a_conflict():
    profile = ResidentProfileFactory()
    response = _client(profile.user).post(URL, {"status": "worker"}, format="json")
    assert response.status_code == 409
    assert response.json()["detail"] == "U heeft al een profiel."


def test_patch_changes_only_what_is_sent():
    profile = ResidentProfileFactory(hours_per_week=24, max_travel_km=30)

    response = _client(profile.user).patch(
        URL, {"max_travel_km": 10, "looking_for_learning": True}, format="json"
    )

    assert response.status_code == 200
    profile.refresh_from_db()
    assert (profile.hours_per_week, profile.max_travel_km, profile.looking_for_learning) == (24, 10, True)


@pytest.mark.parametrize("body", [{}, {"onbekend": 1}, {"hobby": "vissen"}])
def test_patch_without_a_known_field_is_refused_and_changes_nothing(body):
    profile = ResidentProfileFactory()
    updated_at = profile.updated_at

    response = _client(profile.user).patch(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["code"] == "nothing_to_change"
    profile.refresh_from_db()
    assert profile.updated_at == updated_at


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"hours_per_week": 41}, "hours_per_week", "Vul een getal in van 1 tot en met 40."),
        ({"hours_per_week": "veel"}, "hours_per_week", "Vul een getal in van 1 tot en met 40."),
        ({"max_travel_km": 500}, "max_travel_km", "Vul een getal in van 1 tot en met 200."),
        ({"status": "retired"}, "status", "Kies worker (werkende), job_seeker (werkzoekende) of student."),
        (
            {"preferred_sectors": ["ruimtevaart"]},
            "preferred_sectors",
            "Deze sector kennen wij niet: ruimtevaart.",
        ),
        ({"municipality": "Amsterdam"}, "municipality", None),
        ({"birth_year": 3000}, "birth_year", None),
    ],
)
def test_bad_input_is_400_with_a_dutch_message_per_field(body, field, message):
    profile = ResidentProfileFactory()

    response = _client(profile.user).patch(URL, body, format="json")

    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert data["detail"] == "Niet alle gegevens kloppen. Kijk bij de velden wat er mis is."
    if message:
        assert data["fields"][field] == [message]
    else:
        assert field in data["fields"]


def test_invalid_json_is_400_not_500():
    profile = ResidentProfileFactory()
    response = _client(profile.user).generic("PATCH", URL, "{niet json", content_type="application/json")
    assert response.status_code == 400


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.COACH, Role.PROGRAMME_OFFICE])
def test_other_roles_have_no_profile_api(role):
    response = _client(UserFactory(role=role)).get(URL)
    assert response.status_code == 403


def test_anonymous_is_refused():
    response = APIClient().get(URL)
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"
