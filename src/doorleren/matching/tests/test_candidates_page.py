"""The page "Kandidaten voor ...": only for members of the organisation, only consenting residents,
a GET form for the hours of learning that never gives a 500."""

import pytest
from django.urls import reverse

from doorleren.accounts import services as accounts_services
from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory
from doorleren.opportunities.models import OpportunityStatus
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer():
    return OrganisationFactory(name="Lasbedrijf Noord BV")


@pytest.fixture
def lassen():
    return CompetencyFactory(code="tech-lassen", label="Metaal lassen")


@pytest.fixture
def opportunity(employer, lassen):
    opportunity = OpportunityFactory(organisation=employer, title="Lasser gezocht")
    OpportunityCompetencyFactory(opportunity=opportunity, competency=lassen, level=3, essential=True)
    return opportunity


@pytest.fixture
def url(opportunity):
    return reverse("matching:candidates", args=[opportunity.pk])


@pytest.fixture
def member(client, employer):
    user = MembershipFactory(organisation=employer, user=UserFactory(role=Role.EMPLOYER)).user
    client.force_login(user)
    return client


def resident(first_name, level, lassen, consent_to=()):
    profile = ResidentProfileFactory(
        user=UserFactory(role=Role.RESIDENT, first_name=first_name, last_name="Test")
    )
    ResidentCompetencyFactory(profile=profile, competency=lassen, level=level)
    for organisation in consent_to:
        accounts_services.consent_grant(
            resident=profile.user, organisation=organisation, purpose="view_profile"
        )
    return profile.user


@pytest.fixture
def people(employer, lassen):
    """Wilma fits, Karel could fit after 24 hours, the others did not consent to this employer."""
    module = ModuleFactory(title="Lassen voor gevorderden", hours=24)
    ModuleCompetencyFactory(module=module, competency=lassen, level=3)
    return {
        "wilma": resident("Wilma", 3, lassen, [employer]),
        "karel": resident("Karel", 2, lassen, [employer]),
        "geheim": resident("Geheimpje", 3, lassen),
        "ander": resident("Anderwerk", 3, lassen, [OrganisationFactory()]),
        "module": module,
    }


def test_the_address_is_dutch_and_under_the_opportunity(opportunity):
    assert reverse("matching:candidates", args=[opportunity.pk]) == f"/werk/{opportunity.pk}/kandidaten/"


def test_logged_out_goes_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_employer_of_another_organisation_gets_403_in_dutch(client, url, people):
    client.force_login(MembershipFactory(user=UserFactory(role=Role.EMPLOYER)).user)
    response = client.get(url)
    assert response.status_code == 403
    html = response.content.decode()
    assert "U ziet alleen kandidaten voor werk van uw eigen organisatie." in html
    assert "Wilma" not in html


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR, Role.COACH])
def test_other_roles_get_403(client, url, role):
    client.force_login(UserFactory(role=role))
    assert client.get(url).status_code == 403


def test_unknown_opportunity_gives_404(member, opportunity):
    response = member.get(reverse("matching:candidates", args=[opportunity.pk + 1000]))
    assert response.status_code == 404
    assert "Dit werk bestaat niet (meer)." in response.content.decode()


def test_member_sees_candidates_with_score_explanation_and_profile_link(member, url, people):
    response = member.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kandidaten voor Lasser gezocht" in html
    candidates = html.split('id="kandidaten-titel"', 1)[1].split('id="bijna-titel"', 1)[0]
    assert "Wilma Test" in candidates
    assert "100% past" in candidates
    assert "Deze persoon kan 1 van de 1 dingen die nodig zijn." in candidates
    assert reverse("profiles:resident_detail", args=[people["wilma"].pk]) in candidates
    assert candidates.index("Wilma Test") < candidates.index("Karel Test")
    assert "67% past" in candidates  # Karel: level 2 of 3


def test_residents_without_consent_never_appear(member, url, people):
    html = member.get(url + "?uren=2000").content.decode()
    assert "Geheimpje" not in html
    assert "Anderwerk" not in html
    assert reverse("profiles:resident_detail", args=[people["geheim"].pk]) not in html


def test_revoked_consent_removes_the_resident(member, url, people, employer):
    accounts_services.consent_revoke(resident=people["wilma"], organisation=employer, purpose="view_profile")
    html = member.get(url).content.decode()
    assert "Wilma" not in html


def test_near_candidates_show_hours_gap_and_modules(member, url, people):
    html = member.get(url).content.decode()
    near = html.split('id="bijna-titel"', 1)[1]
    assert "Karel Test" in near
    assert "Wilma Test" not in near  # already a full match
    assert "24 uur" in near
    assert "Metaal lassen." in near
    assert "Heeft niveau 2. Nodig is niveau 3." in near
    assert "Lassen voor gevorderden" in near
    assert reverse("learning:module_detail", args=[people["module"].pk]) in near
    assert 'value="120"' in near  # the default


def test_fewer_hours_than_needed_shows_nobody(member, url, people):
    response = member.get(url + "?uren=23")
    assert response.status_code == 200
    near = response.content.decode().split('id="bijna-titel"', 1)[1]
    assert "Karel Test" not in near
    assert "Wij vonden niemand met toestemming die met hoogstens 23 uur leren bij dit werk past." in near


@pytest.mark.parametrize(
    "value", ["abc", "0", "-5", "2001", "1e3", "12.5", "", "9" * 40, "<script>alert(1)</script>"]
)
def test_bad_hours_give_a_dutch_form_error_with_status_400(member, url, people, value):
    response = member.get(url, {"uren": value})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Er ging iets mis" in html
    assert (
        "Vul een heel getal in van 1 tot en met 2000." in html
        or "Vul in hoeveel uur iemand nog mag leren." in html
    )
    assert 'aria-invalid="true"' in html
    assert "<script>alert(1)</script>" not in html
    assert "Wilma Test" in html  # the candidates still show
    assert "Karel Test" not in html.split('id="bijna-titel"', 1)[1]


def test_closed_opportunity_still_opens_for_members(member, opportunity, url, people):
    opportunity.status = OpportunityStatus.CLOSED
    opportunity.save()
    response = member.get(url)
    assert response.status_code == 200
    assert "Wilma Test" in response.content.decode()


def test_post_is_not_allowed(member, url):
    assert member.post(url, {"uren": "80"}).status_code == 405


def test_start_page_links_to_the_candidates_of_open_work(member, url, employer):
    closed = OpportunityFactory(organisation=employer, status=OpportunityStatus.CLOSED)
    html = member.get(reverse("web:start")).content.decode()
    assert url in html
    assert reverse("matching:candidates", args=[closed.pk]) not in html
