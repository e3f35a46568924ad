"""Other apps ask accounts about roles through selectors, not through the User model."""

import pytest
from django.contrib.auth.models import AnonymousUser

from doorleren.accounts.models import Role
from doorleren.accounts.selectors import has_role, is_resident, resident_get, residents_active
from doorleren.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_is_resident_only_for_a_logged_in_resident():
    assert is_resident(user=UserFactory(role=Role.RESIDENT))
    assert not is_resident(user=UserFactory(role=Role.EMPLOYER))
    assert not is_resident(user=AnonymousUser())
    assert not is_resident(user=None)


def test_has_role_compares_the_role():
    coach = UserFactory(role=Role.COACH)
    assert has_role(user=coach, role=Role.COACH)
    assert not has_role(user=coach, role=Role.SCHOOL)


def test_resident_get_gives_residents_only():
    resident, coach = UserFactory(role=Role.RESIDENT), UserFactory(role=Role.COACH)
    assert resident_get(user_id=resident.pk) == resident
    assert resident_get(user_id=coach.pk) is None
    assert resident_get(user_id=987654321) is None


def test_residents_active_leaves_out_inactive_accounts_and_other_roles():
    active = UserFactory(role=Role.RESIDENT)
    UserFactory(role=Role.RESIDENT, is_active=False)
    UserFactory(role=Role.EMPLOYER)
    assert list(residents_active()) == [active]
