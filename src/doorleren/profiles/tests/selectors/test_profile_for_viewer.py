import pytest
from django.core.exceptions import PermissionDenied

from doorleren.accounts.models import Role
from doorleren.accounts.services import consent_revoke
from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.organisations.tests.factories import MembershipFactory
from doorleren.profiles.selectors import profile_for_user, profile_for_viewer
from doorleren.profiles.tests.factories import ResidentFactory, ResidentProfileFactory

pytestmark = pytest.mark.django_db


def _employer_of(organisation=None):
    membership = MembershipFactory(**({"organisation": organisation} if organisation else {}))
    return membership.user, membership.organisation


def test_a_resident_sees_their_own_profile():
    profile = ResidentProfileFactory()
    assert profile_for_viewer(viewer=profile.user, resident=profile.user) == profile


def test_a_resident_never_sees_another_resident():
    profile = ResidentProfileFactory()
    with pytest.raises(PermissionDenied):
        profile_for_viewer(viewer=ResidentFactory(), resident=profile.user)


def test_an_employer_without_consent_is_refused():
    profile = ResidentProfileFactory()
    employer, _organisation = _employer_of()
    with pytest.raises(PermissionDenied):
        profile_for_viewer(viewer=employer, resident=profile.user)


def test_an_employer_with_consent_sees_the_profile():
    profile = ResidentProfileFactory()
    employer, organisation = _employer_of()
    ConsentFactory(resident=profile.user, organisation=organisation)

    assert profile_for_viewer(viewer=employer, resident=profile) == profile


def test_a_revoked_consent_no_longer_counts():
    profile = ResidentProfileFactory()
    employer, organisation = _employer_of()
    ConsentFactory(resident=profile.user, organisation=organisation)
    consent_revoke(resident=profile.user, organisation=organisation, purpose="view_profile")
    with pytest.raises(PermissionDenied):
        profile_for_viewer(viewer=employer, resident=profile.user)


def test_the_programme_office_never_sees_persons():
    profile = ResidentProfileFactory()
    with pytest.raises(PermissionDenied):
        profile_for_viewer(viewer=UserFactory(role=Role.PROGRAMME_OFFICE), resident=profile.user)


def test_allowed_but_without_profile_gives_none():
    resident = ResidentFactory()
    assert profile_for_viewer(viewer=resident, resident=resident) is None
    assert profile_for_user(user=resident) is None
