import pytest
from django.urls import reverse

from doorleren.profiles.models import ResidentProfile
from doorleren.profiles.tests.factories import ResidentFactory, ResidentProfileFactory, SectorFactory

pytestmark = pytest.mark.django_db
URL = "/profiel/voorkeuren/"


def test_every_question_has_a_label(client):
    client.force_login(ResidentFactory())
    html = client.get(URL).content.decode()
    for question in [
        "Wat is uw situatie nu?",
        "In welke gemeente woont u?",
        "Hoeveel uur per week kunt u werken of leren?",
        "Hoe ver wilt u reizen, in kilometers?",
        "In welke sectoren wilt u graag werken of leren?",
    ]:
        assert question in html
    for field in ["municipality", "education_level", "birth_year", "hours_per_week", "max_travel_km"]:
        assert f'for="id_{field}"' in html


def test_saving_the_first_time_creates_the_profile(client):
    user = ResidentFactory()
    SectorFactory(code="bouw")
    client.force_login(user)

    response = client.post(
        URL,
        {
            "status": "job_seeker",
            "municipality": ResidentProfileFactory.build().municipality.pk,
            "hours_per_week": "32",
            "max_travel_km": "20",
            "preferred_sectors": ["bouw"],
            "looking_for_work": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:overview")
    profile = ResidentProfile.objects.get(user=user)
    assert (profile.status, profile.hours_per_week, profile.looking_for_work) == ("job_seeker", 32, True)
    assert list(profile.preferred_sectors.values_list("code", flat=True)) == ["bouw"]


def test_saving_again_updates(client):
    profile = ResidentProfileFactory(hours_per_week=24)
    client.force_login(profile.user)
    client.post(URL, {"status": "worker", "hours_per_week": "8"})
    profile.refresh_from_db()
    assert (profile.status, profile.hours_per_week) == ("worker", 8)


def test_errors_are_shown_next_to_the_field_and_in_a_summary(client):
    client.force_login(ResidentFactory())

    response = client.post(URL, {"hours_per_week": "50", "max_travel_km": "veel"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Er gaat nog iets mis" in html
    assert html.count("Vul een getal in van 1 tot en met 40.") == 2  # summary and next to the field
    assert 'href="#id_hours_per_week"' in html
    assert 'id="id_hours_per_week_error"' in html
    assert "Kies of u werkt, werk zoekt of student bent." in html
    assert not ResidentProfile.objects.exists()


def test_only_residents_have_preferences(client):
    client.force_login(ResidentFactory(role="employer"))
    assert client.get(URL).status_code == 403
