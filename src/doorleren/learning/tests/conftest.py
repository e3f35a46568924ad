import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory, SchoolFactory
from doorleren.region.tests.factories import municipality


@pytest.fixture
def groningen(db):
    return municipality("GM0014")


@pytest.fixture
def assen(db):
    return municipality("GM0106")


@pytest.fixture
def school(db):
    return SchoolFactory(name="Noorderpoort")


@pytest.fixture
def company(db):
    return OrganisationFactory(name="Installatiebedrijf Noord")


@pytest.fixture
def school_user(school):
    return MembershipFactory(user=UserFactory(username="docent", role=Role.SCHOOL), organisation=school).user
