import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)
from doorleren.profiles.tests.factories import ResidentProfileFactory

PASSWORD = "een-lang-wachtwoord-42"  # UserFactory's password


@pytest.fixture
def resident(db):
    return ResidentProfileFactory(
        user=UserFactory(username="sanne", first_name="Sanne", last_name="Bakker")
    ).user


@pytest.fixture
def employer_org(db):
    return OrganisationFactory(name="Installatiebedrijf Noord")


@pytest.fixture
def employer(employer_org):
    user = UserFactory(username="werkgever", first_name="Henk", last_name="Jansen", role=Role.EMPLOYER)
    MembershipFactory(user=user, organisation=employer_org)
    return user


@pytest.fixture
def school_org(db):
    return SchoolFactory(name="Noorderpoort")


@pytest.fixture
def school_user(school_org):
    user = UserFactory(username="docent", role=Role.SCHOOL)
    MembershipFactory(user=user, organisation=school_org)
    return user


@pytest.fixture
def coach_org(db):
    return GovernmentFactory(name="Leerwerkloket Groningen")


@pytest.fixture
def coach(coach_org):
    user = UserFactory(username="coach", role=Role.COACH)
    MembershipFactory(user=user, organisation=coach_org)
    return user


@pytest.fixture
def programme_office(db):
    return UserFactory(username="programmabureau", role=Role.PROGRAMME_OFFICE)
