import pytest

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.models import PracticalOfferKind, PublicationStatus
from doorleren.learning.selectors import import_providers_for_user, practical_offers_search
from doorleren.learning.tests.factories import (
    CompetencyFactory,
    PracticalOfferCompetencyFactory,
    PracticalOfferFactory,
)
from doorleren.organisations.tests.factories import GovernmentFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_practical_offers_filters(assen):
    welding = CompetencyFactory(code="lassen", label="Lassen", sectors=["techniek-installatie"])
    offer = PracticalOfferFactory(title="Werkplaats", kind=PracticalOfferKind.MACHINES)
    PracticalOfferCompetencyFactory(offer=offer, competency=welding)
    PracticalOfferFactory(title="Meelopen", kind=PracticalOfferKind.STAFF, municipality=assen)
    PracticalOfferFactory(title="Verborgen", status=PublicationStatus.DRAFT)
    assert [o.title for o in practical_offers_search()] == ["Meelopen", "Werkplaats"]
    assert [o.title for o in practical_offers_search(q="lassen")] == ["Werkplaats"]
    assert [o.title for o in practical_offers_search(competency_codes=["lassen"])] == ["Werkplaats"]
    assert [o.title for o in practical_offers_search(sector="techniek-installatie")] == ["Werkplaats"]
    assert [o.title for o in practical_offers_search(municipality=assen)] == ["Meelopen"]
    assert [o.title for o in practical_offers_search(kind=PracticalOfferKind.STAFF)] == ["Meelopen"]


def test_import_providers_are_the_users_schools_and_companies(school, company, school_user):
    MembershipFactory(user=school_user, organisation=company)
    MembershipFactory(user=school_user, organisation=GovernmentFactory())
    assert import_providers_for_user(user=school_user) == sorted([school, company], key=lambda o: o.name)


def test_residents_and_coaches_may_not_import_even_as_members(school):
    for role in [Role.RESIDENT, Role.COACH, Role.PROGRAMME_OFFICE]:
        user = MembershipFactory(user=UserFactory(role=role), organisation=school).user
        assert import_providers_for_user(user=user) == []


def test_school_user_without_membership_may_not_import(db):
    assert import_providers_for_user(user=UserFactory(role=Role.SCHOOL)) == []
