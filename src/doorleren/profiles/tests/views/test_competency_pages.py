import re

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.profiles import selectors
from doorleren.profiles.models import ResidentCompetency
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentFactory,
    ResidentProfileFactory,
)
from doorleren.taxonomy.selectors import linking_cache_clear, linking_index

pytestmark = pytest.mark.django_db
ADD = "/profiel/competenties/toevoegen/"


@pytest.fixture
def profile():
    return ResidentProfileFactory()


@pytest.fixture
def logged_in(client, profile):
    client.force_login(profile.user)
    return client


def _details(**overrides):
    return {"level": "2", "source": "work", "evidence": "self_assessed", "obtained_on": ""} | overrides


def test_the_add_page_has_a_search_form_that_works_without_javascript(logged_in):
    html = logged_in.get(ADD).content.decode()
    assert 'method="get"' in html and 'name="q"' in html
    assert 'for="id_q"' in html
    assert "hx-get" in html  # and htmx makes it live


def test_searching_lists_matching_competencies_as_choices(logged_in, monkeypatch):
    care = CompetencyFactory(code="zorg-hygiene", label="Hygiënisch werken in de zorg")
    monkeypatch.setattr(
        selectors, "competency_suggestions", lambda *, query, top: [care] if query == "hygiene" else []
    )

    html = logged_in.get(ADD, {"q": "hygiene"}).content.decode()

    assert 'type="radio" name="competency" value="zorg-hygiene"' in html
    assert "Hygiënisch werken in de zorg" in html


def test_nothing_found_says_so(logged_in, monkeypatch):
    monkeypatch.setattr(selectors, "competency_suggestions", lambda *, query, top: [])
    html = logged_in.get(ADD, {"q": "ruimtevaart"}).content.decode()
    assert "Wij vonden niets bij" in html


def test_the_htmx_fragment_returns_only_the_choices(logged_in, monkeypatch):
    care = CompetencyFactory(code="zorg-hygiene", label="Hygiënisch werken")
    monkeypatch.setattr(selectors, "competency_suggestions", lambda *, query, top: [care])

    response = logged_in.get(reverse("profiles:competency_suggestions"), {"q": "hyg"}, HTTP_HX_REQUEST="true")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'value="zorg-hygiene"' in html


def test_choosing_and_saving_adds_the_competency(logged_in, profile):
    CompetencyFactory(code="lassen", label="Lassen")

    response = logged_in.post(ADD, {"competency": "lassen", **_details(level="3", obtained_on="15-06-2021")})

    assert response.status_code == 302
    row = ResidentCompetency.objects.get(profile=profile)
    assert (row.competency.code, row.level, str(row.obtained_on)) == ("lassen", 3, "2021-06-15")


def test_saving_without_choosing_shows_errors(logged_in):
    response = logged_in.post(ADD, {"q": "", "level": "9", "source": "", "evidence": "self_assessed"})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Kies een competentie uit de lijst. Zoek eerst met een woord." in html
    assert "Kies een niveau van 1 tot en met 4." in html
    assert "Kies waar u dit heeft geleerd." in html
    assert not ResidentCompetency.objects.exists()


def test_an_unknown_competency_code_is_refused(logged_in):
    response = logged_in.post(ADD, {"competency": "bestaat-niet", **_details()})
    assert "Deze competentie kennen wij niet." in response.content.decode()
    assert not ResidentCompetency.objects.exists()


def test_a_post_without_csrf_token_is_refused(profile):
    CompetencyFactory(code="lassen")
    client = Client(enforce_csrf_checks=True)
    client.force_login(profile.user)
    assert client.post(ADD, {"competency": "lassen", **_details()}).status_code == 403
    assert not ResidentCompetency.objects.exists()


def test_without_profile_the_resident_is_sent_to_the_first_questions(client):
    client.force_login(ResidentFactory())
    response = client.get(ADD)
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:preferences")


def test_edit_changes_level_source_and_evidence(logged_in, profile):
    row = ResidentCompetencyFactory(profile=profile, competency=CompetencyFactory(code="lassen"), level=1)
    url = reverse("profiles:competency_edit", args=["lassen"])

    html = logged_in.get(url).content.decode()
    assert re.search(r'name="level" value="1"[^>]*checked', html)
    assert not re.search(r'name="level" value="2"[^>]*checked', html)
    response = logged_in.post(url, _details(level="4", evidence="diploma", source="school"))

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.level, row.evidence, row.source) == (4, "diploma", "school")


def test_remove_asks_first_then_removes(logged_in, profile):
    ResidentCompetencyFactory(profile=profile, competency=CompetencyFactory(code="lassen", label="Lassen"))
    url = reverse("profiles:competency_remove", args=["lassen"])

    assert "Wilt u Lassen uit uw profiel halen?" in logged_in.get(url).content.decode()
    assert ResidentCompetency.objects.exists()
    logged_in.post(url)
    assert not ResidentCompetency.objects.exists()


def test_another_residents_competency_cannot_be_changed_or_removed(logged_in):
    theirs = ResidentCompetencyFactory(competency=CompetencyFactory(code="lassen"), level=1)
    for name in ("profiles:competency_edit", "profiles:competency_remove"):
        assert logged_in.post(reverse(name, args=["lassen"]), _details(level="4")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.level == 1


def test_a_suggestion_already_in_the_profile_is_marked(logged_in, profile, monkeypatch):
    welding = CompetencyFactory(code="lassen", label="Lassen")
    ResidentCompetencyFactory(profile=profile, competency=welding)
    monkeypatch.setattr(selectors, "competency_suggestions", lambda *, query, top: [welding])

    html = logged_in.get(ADD, {"q": "lassen"}).content.decode()

    assert "Dit staat al in uw profiel." in html


def test_typing_a_dutch_word_finds_the_competency_with_the_real_search(logged_in, settings, tmp_path):
    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    CompetencyFactory(code="zorg-wondzorg", label="Wonden verzorgen")
    CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    linking_index(kind="competencies", build=True)  # as `doorleren taxonomy build-index` does
    try:
        html = logged_in.get(reverse("profiles:competency_suggestions"), {"q": "wonden"}).content.decode()
    finally:
        linking_cache_clear()

    first = re.search(r'name="competency" value="([^"]+)"', html)
    assert first is not None
    assert first.group(1) == "zorg-wondzorg"
