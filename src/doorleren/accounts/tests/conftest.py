import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)


@pytest.fixture
def resident(db):
    return UserFactory(username="sanne", role=Role.RESIDENT)


@pytest.fixture
def employer_org(db):
    return OrganisationFactory(name="Installatiebedrijf Noord")


@pytest.fixture
def employer(employer_org):
    return MembershipFactory(
        user=UserFactory(username="werkgever", role=Role.EMPLOYER), organisation=employer_org
    ).user


@pytest.fixture
def school_org(db):
    return SchoolFactory(name="Noorderpoort")


@pytest.fixture
def school_user(school_org):
    return MembershipFactory(
        user=UserFactory(username="docent", role=Role.SCHOOL), organisation=school_org
    ).user


@pytest.fixture
def coach_org(db):
    return GovernmentFactory(name="Leerwerkloket Groningen")


@pytest.fixture
def coach(coach_org):
    return MembershipFactory(user=UserFactory(username="coach", role=Role.COACH), organisation=coach_org).user


@pytest.fixture
def programme_office(db):
    return UserFactory(username="programmabureau", role=Role.PROGRAMME_OFFICE)


@pytest.fixture
def administrator(db):
    return UserFactory(username="beheerder", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
