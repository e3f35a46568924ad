import datetime

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.organisations.tests.factories import MembershipFactory
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    EducationFactory,
    ResidentCompetencyFactory,
    ResidentFactory,
    ResidentProfileFactory,
    SectorFactory,
    WorkExperienceFactory,
)

pytestmark = pytest.mark.django_db


def test_the_overview_url_is_profiel():
    assert reverse("profiles:overview") == "/profiel/"


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(reverse("profiles:overview"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_resident_without_profile_is_invited_to_start(client):
    client.force_login(ResidentFactory())
    response = client.get(reverse("profiles:overview"))
    assert response.status_code == 200
    assert reverse("profiles:preferences") in response.content.decode()
    assert "U heeft nog geen profiel" in response.content.decode()


def test_shows_what_i_can_grouped_by_sector_with_levels_in_words(client):
    profile = ResidentProfileFactory()
    technology = SectorFactory(code="techniek-installatie", label="Techniek en installatie")
    welding = CompetencyFactory(code="lassen", label="Lassen", sectors=[technology])
    ResidentCompetencyFactory(
        profile=profile,
        competency=welding,
        level=4,
        source="work",
        evidence="certificate",
        obtained_on=datetime.date(2020, 3, 1),
    )
    WorkExperienceFactory(profile=profile, job_title="Lasser bij de werf")
    EducationFactory(profile=profile, title="Mbo Metaal")
    client.force_login(profile.user)

    html = client.get(reverse("profiles:overview")).content.decode()

    assert "Wat kan ik?" in html
    assert "Techniek en installatie" in html
    assert "Lassen" in html
    assert "Expert: kan het anderen leren" in html
    assert "Certificaat" in html and "Werk" in html
    assert "Lasser bij de werf" in html and "maart 2018" in html
    assert "Mbo Metaal" in html
    assert reverse("profiles:competency_edit", args=["lassen"]) in html
    assert reverse("account_consent") in html


@pytest.mark.parametrize("role", [Role.EMPLOYER, Role.SCHOOL, Role.PROGRAMME_OFFICE])
def test_other_roles_have_no_own_profile_page(client, role):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse("profiles:overview")).status_code == 403


def test_a_resident_cannot_see_another_residents_profile(client):
    other = ResidentProfileFactory()
    client.force_login(ResidentProfileFactory().user)
    response = client.get(reverse("profiles:resident_detail", args=[other.user.pk]))
    assert response.status_code == 403


def test_an_employer_without_consent_gets_403(client):
    profile = ResidentProfileFactory()
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("profiles:resident_detail", args=[profile.user.pk])).status_code == 403


def test_an_employer_with_consent_sees_the_profile_read_only(client):
    profile = ResidentProfileFactory(birth_year=1990)
    ResidentCompetencyFactory(profile=profile, competency=CompetencyFactory(code="lassen", label="Lassen"))
    membership = MembershipFactory()
    ConsentFactory(resident=profile.user, organisation=membership.organisation)
    client.force_login(membership.user)

    response = client.get(reverse("profiles:resident_detail", args=[profile.user.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Lassen" in html
    assert reverse("profiles:competency_edit", args=["lassen"]) not in html
    assert "1990" not in html  # the birth year is only for the resident


def test_a_resident_opening_their_own_detail_goes_to_the_overview(client):
    profile = ResidentProfileFactory()
    client.force_login(profile.user)
    response = client.get(reverse("profiles:resident_detail", args=[profile.user.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("profiles:overview")


def test_an_unknown_resident_looks_the_same_as_a_forbidden_one(client):
    client.force_login(MembershipFactory().user)
    assert client.get(reverse("profiles:resident_detail", args=[999999])).status_code == 403


def test_with_consent_but_without_profile_is_404(client):
    resident = ResidentFactory()
    membership = MembershipFactory()
    ConsentFactory(resident=resident, organisation=membership.organisation)
    client.force_login(membership.user)
    assert client.get(reverse("profiles:resident_detail", args=[resident.pk])).status_code == 404
