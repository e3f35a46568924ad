"""The page "Wat moet ik leren?" (``matching:route``)."""

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory
from doorleren.profiles.tests.factories import ResidentFactory, ResidentProfileFactory
from doorleren.taxonomy.tests.factories import (
    CompetencyFactory,
    RegionalOccupationCompetencyFactory,
    RegionalOccupationFactory,
    SectorFactory,
)

pytestmark = pytest.mark.django_db

URL = "/leren/route/"


@pytest.fixture
def occupation():
    occupation = RegionalOccupationFactory(
        code="operator", label="Operator waterstof", sector=SectorFactory(label="Energie")
    )
    computer = CompetencyFactory(code="ict-computer", label="Werken met de computer")
    RegionalOccupationCompetencyFactory(regional_occupation=occupation, competency=computer, level=3)
    module = ModuleFactory(title="Computer voor operators", price_cents=123456, hours=30)
    ModuleCompetencyFactory(module=module, competency=computer, level=3)
    return occupation


@pytest.fixture
def resident(client):
    profile = ResidentProfileFactory(hours_per_week=10)
    client.force_login(profile.user)
    return profile


def test_the_url_is_leren_route():
    assert reverse("matching:route") == URL


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE])
def test_only_residents_see_the_page(client, role, occupation):
    client.force_login(UserFactory(role=role))
    assert client.get(URL, {"doel": occupation.code}).status_code == 403


def test_a_resident_without_profile_is_sent_to_fill_one_in(client):
    client.force_login(ResidentFactory())
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:preferences")


def test_the_empty_page_is_a_plain_get_form_with_a_labelled_select(client, resident, occupation):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<form method="get" action="/leren/route/"' in html
    assert '<label class="utrecht-form-label" for="id_doel">Welk beroep wilt u leren?</label>' in html
    assert '<select class="utrecht-select utrecht-select--html-select" name="doel" id="id_doel"' in html
    assert '<optgroup label="Energie">' in html
    assert '<option value="operator">Operator waterstof</option>' in html
    assert "Uw route naar" not in html


def test_a_chosen_goal_shows_the_route_with_cost_hours_and_weeks(client, resident, occupation):
    response = client.get(URL, {"doel": "operator"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="operator" selected>' in html
    assert "Uw route naar Operator waterstof" in html
    assert "Computer voor operators" in html
    assert "€ 1.234,56" in html
    assert "30 uur" in html
    assert "Ongeveer 3 weken, als u 10 uur per week leert." in html
    assert "U heeft deze competentie nog niet. Voor dit beroep is niveau 3 nodig." in html
    assert "Dit is de goedkoopste route met het aanbod van nu." in html


def test_a_gap_in_the_offer_is_named(client, resident, occupation):
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=CompetencyFactory(label="Lassen onder water"), level=4
    )
    html = client.get(URL, {"doel": "operator"}).content.decode()
    assert "Voor 1 competentie is in de regio nog geen module." in html
    assert "Lassen onder water (niveau 4)" in html
    assert "Computer voor operators" in html


@pytest.mark.parametrize("code", ["bestaat-niet", "", "<script>", "operator "])
def test_an_unknown_goal_is_a_clear_400_not_a_500(client, resident, occupation, code):
    response = client.get(URL, {"doel": code})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Er ging iets mis" in html
    assert ("Dit beroep kennen wij niet. Kies een beroep uit de lijst." in html) or (
        "Kies een beroep." in html
    )
    assert "Uw route naar" not in html


def test_a_nul_character_in_the_goal_is_a_400(client, resident, occupation):
    assert client.get(URL, {"doel": "operator\x00"}).status_code == 400


def test_the_page_is_in_english_when_asked(client, resident, occupation):
    response = client.get("/en" + URL, {"doel": "operator"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "What should I learn?" in html
    assert "Your route to Operator waterstof" in html
    assert "You do not have this competency yet. This occupation needs level 3." in html
    assert "Wat moet ik leren?" not in html


def test_residents_find_the_page_from_their_start_page_and_from_an_occupation(client, resident, occupation):
    assert URL in client.get(reverse("web:start")).content.decode()
    detail = client.get(reverse("taxonomy:regional_occupation_detail", kwargs={"code": "operator"}))
    assert f"{URL}?doel=operator" in detail.content.decode()


def test_others_see_no_link_on_the_occupation_page(client, occupation):
    client.force_login(UserFactory(role=Role.EMPLOYER))
    detail = client.get(reverse("taxonomy:regional_occupation_detail", kwargs={"code": "operator"}))
    assert URL not in detail.content.decode()
