""" "Vertel wat u kunt": suggestions from the resident's own text, confirmed or rejected one by one."""

import pytest

from doorleren.profiles import selectors
from doorleren.profiles.choices import SuggestionDecision
from doorleren.profiles.models import CompetencySuggestion, ResidentCompetency
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)
from doorleren.taxonomy.selectors import linking_cache_clear, linking_index

pytestmark = pytest.mark.django_db
URL = "/profiel/competenties/uit-tekst/"
TEXT = "Ik verzorg wonden bij mensen thuis. In mijn vrije tijd doe ik metaal lassen."


@pytest.fixture
def profile():
    return ResidentProfileFactory()


@pytest.fixture
def logged_in(client, profile):
    client.force_login(profile.user)
    return client


@pytest.fixture
def indexed(settings, tmp_path):
    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    wound = CompetencyFactory(code="zorg-wondzorg", label="Wonden verzorgen")
    weld = CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    CompetencyFactory(code="ict-excel", label="Werken met een rekenblad")
    for kind in ("competencies", "skills"):
        linking_index(kind=kind, build=True)
    yield {"wound": wound, "weld": weld}
    linking_cache_clear()


def test_the_page_has_a_form_that_works_without_javascript(logged_in):
    html = logged_in.get(URL).content.decode()
    assert 'method="post"' in html and 'name="text"' in html and 'for="id_text"' in html
    assert "Wij bewaren uw tekst niet" in html


def test_suggestions_with_the_words_from_the_text(logged_in, indexed):
    html = logged_in.post(URL, {"text": TEXT, "action": "extract"}).content.decode()
    assert "Wonden verzorgen" in html and "Metaal lassen" in html
    assert "Werken met een rekenblad" not in html
    assert "<mark>wonden</mark>" in html or "<mark>verzorg, wonden</mark>" in html
    assert 'name="action" value="confirm"' in html and 'name="action" value="reject"' in html


def test_confirm_puts_it_on_the_profile_and_keeps_the_decision(logged_in, profile, indexed):
    response = logged_in.post(
        URL,
        {
            "text": TEXT,
            "action": "confirm",
            "code": "zorg-wondzorg",
            "level": "3",
            "source": "work",
            "words": ["wonden"],
        },
    )
    assert response.status_code == 200
    owned = ResidentCompetency.objects.get(profile=profile, competency=indexed["wound"])
    assert (owned.level, owned.source, owned.evidence) == (3, "work", "self_assessed")
    decision = CompetencySuggestion.objects.get(profile=profile, competency=indexed["wound"])
    assert decision.decision == SuggestionDecision.CONFIRMED and decision.words == "wonden"
    html = response.content.decode()
    assert "staat nu in uw profiel" in html
    assert 'value="zorg-wondzorg"' not in html  # not suggested again: it is on the profile now
    assert 'value="tech-lassen"' in html  # the other suggestion is still there


def test_reject_is_remembered_and_not_suggested_again(logged_in, profile, indexed):
    logged_in.post(
        URL, {"text": TEXT, "action": "reject", "code": "tech-lassen", "words": ["metaal", "lassen"]}
    )
    decision = CompetencySuggestion.objects.get(profile=profile, competency=indexed["weld"])
    assert decision.decision == SuggestionDecision.REJECTED and decision.words == "metaal, lassen"
    assert not ResidentCompetency.objects.filter(profile=profile, competency=indexed["weld"]).exists()
    html = logged_in.post(URL, {"text": TEXT, "action": "extract"}).content.decode()
    assert 'value="tech-lassen"' not in html and 'value="zorg-wondzorg"' in html


def test_competencies_already_on_the_profile_are_not_suggested(logged_in, profile, indexed):
    ResidentCompetencyFactory(profile=profile, competency=indexed["wound"])
    rows = selectors.text_competency_suggestions(profile=profile, text=TEXT)
    assert [row["code"] for row in rows] == ["tech-lassen"]


@pytest.mark.parametrize(
    ("data", "message", "status"),
    [
        ({"text": "", "action": "extract"}, "Vul een tekst in.", 400),
        ({"text": "x" * 5001, "action": "extract"}, "hoogstens 5.000", 400),
        (
            {"text": TEXT, "action": "confirm", "code": "bestaat-niet", "level": "2", "source": "work"},
            "bestaat niet",
            400,
        ),
        (
            {"text": TEXT, "action": "confirm", "code": "zorg-wondzorg", "level": "9", "source": "work"},
            "",
            400,
        ),
        (
            {"text": TEXT, "action": "confirm", "code": "zorg-wondzorg", "level": "x", "source": "work"},
            "",
            400,
        ),
        (
            {"text": TEXT, "action": "confirm", "code": "zorg-wondzorg", "level": "2", "source": "maan"},
            "",
            400,
        ),
    ],
)
def test_bad_input_is_a_clear_message_and_stores_nothing(logged_in, profile, indexed, data, message, status):
    response = logged_in.post(URL, data)
    assert response.status_code == status
    html = response.content.decode()
    assert 'role="alert"' in html and message in html
    assert not ResidentCompetency.objects.filter(profile=profile).exists()
    assert not CompetencySuggestion.objects.filter(profile=profile).exists()


def test_only_residents(client, indexed):
    from doorleren.accounts.tests.factories import UserFactory

    client.force_login(UserFactory(role="employer"))
    assert client.get(URL).status_code == 403
