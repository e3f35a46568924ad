import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.organisations.services import membership_create, membership_delete
from doorleren.organisations.tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_membership_links_user_and_organisation():
    user, organisation = UserFactory(role="employer"), OrganisationFactory()
    membership = membership_create(user=user, organisation=organisation, role="admin")
    assert (membership.user, membership.organisation, membership.role) == (user, organisation, "admin")


def test_second_membership_of_same_pair_is_refused():
    user, organisation = UserFactory(role="employer"), OrganisationFactory()
    membership_create(user=user, organisation=organisation)
    with pytest.raises(ApplicationError) as excinfo:
        membership_create(user=user, organisation=organisation)
    assert (excinfo.value.code, excinfo.value.status) == ("membership_exists", 409)


def test_unknown_role_is_refused():
    with pytest.raises(ApplicationError) as excinfo:
        membership_create(user=UserFactory(role="employer"), organisation=OrganisationFactory(), role="owner")
    assert excinfo.value.code == "membership_role_invalid"


def test_inactive_user_cannot_become_member():
    with pytest.raises(ApplicationError) as excinfo:
        membership_create(
            user=UserFactory(role="employer", is_active=False), organisation=OrganisationFactory()
        )
    assert excinfo.value.code == "user_inactive"


def test_membership_delete_removes_the_link_and_refuses_unknown():
    user, organisation = UserFactory(role="employer"), OrganisationFactory()
    membership_create(user=user, organisation=organisation)
    membership_delete(user=user, organisation=organisation)
    assert not organisation.memberships.exists()
    with pytest.raises(ApplicationError) as excinfo:
        membership_delete(user=user, organisation=organisation)
    assert excinfo.value.code == "membership_unknown"
