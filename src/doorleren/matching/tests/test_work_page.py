"""The page "Welk werk past bij mij?": only for residents, plain HTML, results with their explanation."""

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.opportunities.models import OpportunityKind
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db
URL = "/werk/passend/"


@pytest.fixture
def profile():
    return ResidentProfileFactory(hours_per_week=24, max_travel_km=30, municipality=municipality("GM0014"))


@pytest.fixture
def logged_in(client, profile):
    client.force_login(profile.user)
    return client


def test_the_address_is_dutch():
    assert reverse("matching:work") == URL


@pytest.mark.parametrize(
    "role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR]
)
def test_other_roles_get_403(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(URL).status_code == 403


def test_logged_out_goes_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_resident_without_profile_fills_one_in_first(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:preferences")


def test_resident_without_competencies_gets_a_link_to_add_them(logged_in):
    OpportunityFactory()
    html = logged_in.get(URL).content.decode()
    assert "In uw profiel staan nog geen competenties" in html
    assert reverse("profiles:competency_add") in html


def test_results_with_score_explanation_and_link_without_javascript(logged_in, profile):
    weld = CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    plan = CompetencyFactory(code="alg-plannen", label="Werk plannen")
    ResidentCompetencyFactory(profile=profile, competency=plan, level=2)
    ResidentCompetencyFactory(profile=profile, competency=weld, level=1)
    job = OpportunityFactory(
        title="Werkvoorbereider", kind=OpportunityKind.BASIC_JOB, municipality=municipality("GM1979")
    )
    OpportunityCompetencyFactory(opportunity=job, competency=plan, level=2, essential=True)
    OpportunityCompetencyFactory(opportunity=job, competency=weld, level=2, essential=False)
    far = OpportunityFactory(title="Ver weg", municipality=municipality("GM1950"))
    OpportunityCompetencyFactory(opportunity=far, competency=plan, level=2)

    response = logged_in.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html.split("<main", 1)[-1].split("</main>", 1)[0]
    assert "Werkvoorbereider" in html and "Ver weg" not in html
    assert reverse("opportunities:detail", args=[job.pk]) in html
    assert job.organisation.name in html and "Eemsdelta" in html and job.get_kind_display() in html
    assert "Past goed" in html and "83% past" in html  # (2 * 1 + 1 * 1/2) / 3
    assert "Dit kunt u al: Werk plannen." in html
    assert "Hierin moet u nog beter worden: Metaal lassen (u heeft niveau 1, nodig is niveau 2)." in html
    assert "binnen 30 km van Groningen" in html and "24 uur per week of minder" in html
    assert reverse("profiles:preferences") in html


def test_no_fitting_work_says_so(logged_in, profile):
    ResidentCompetencyFactory(profile=profile, competency=CompetencyFactory(code="alg-plannen"), level=2)
    html = logged_in.get(URL).content.decode()
    assert "Wij vonden nu geen werk dat bij u past" in html


def test_post_is_not_allowed(logged_in):
    assert logged_in.post(URL).status_code == 405


def test_the_resident_start_page_links_here(logged_in):
    assert URL in logged_in.get(reverse("web:start")).content.decode()


def test_the_page_in_english_has_the_engine_sentences_in_english_too(logged_in, profile):
    plan = CompetencyFactory(code="alg-plannen", label="Werk plannen")
    ResidentCompetencyFactory(profile=profile, competency=plan, level=2)
    OpportunityCompetencyFactory(competency=plan, level=2)
    html = logged_in.get("/en" + URL).content.decode()
    assert "Your wishes" in html and "Fits well" in html and "100% fit" in html
    assert "You can do 1 of the 1 things that are needed." in html
    assert "U kunt" not in html
