"""For each role: try to see what they may not, then what consent allows."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from doorleren.accounts.models import ConsentPurpose, Role
from doorleren.accounts.selectors import can_view_resident, require_can_view_resident, residents_visible_to
from doorleren.accounts.services import consent_grant, consent_revoke
from doorleren.accounts.tests.factories import ConsentFactory, UserFactory
from doorleren.organisations.tests.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_resident_sees_themself(resident):
    assert can_view_resident(viewer=resident, resident=resident)


def test_resident_does_not_see_another_resident(resident):
    other = UserFactory(role=Role.RESIDENT)
    assert not can_view_resident(viewer=resident, resident=other)
    # Not even when the other resident gave consent to ... a resident cannot be a member receiving it.
    MembershipFactory(user=resident, organisation=OrganisationFactory())
    consent_grant(
        resident=other, organisation=resident.memberships.get().organisation, purpose="view_profile"
    )
    assert not can_view_resident(viewer=resident, resident=other)


def test_employer_without_consent_sees_nothing(employer, resident):
    assert not can_view_resident(viewer=employer, resident=resident)
    with pytest.raises(PermissionDenied):
        require_can_view_resident(viewer=employer, resident=resident)


def test_employer_sees_after_consent_and_not_after_revoke(employer, employer_org, resident):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert can_view_resident(viewer=employer, resident=resident)
    require_can_view_resident(viewer=employer, resident=resident)

    consent_revoke(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert not can_view_resident(viewer=employer, resident=resident)
    with pytest.raises(PermissionDenied):
        require_can_view_resident(viewer=employer, resident=resident)


def test_consent_to_another_organisation_does_not_help(employer, resident):
    consent_grant(resident=resident, organisation=OrganisationFactory(), purpose=ConsentPurpose.VIEW_PROFILE)
    assert not can_view_resident(viewer=employer, resident=resident)


def test_consent_for_another_purpose_does_not_help(employer, employer_org, resident):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.CONTACT)
    assert not can_view_resident(viewer=employer, resident=resident)
    assert can_view_resident(viewer=employer, resident=resident, purpose=ConsentPurpose.CONTACT)


def test_employer_who_left_the_organisation_no_longer_sees(employer, employer_org, resident):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    employer.memberships.all().delete()
    assert not can_view_resident(viewer=employer, resident=resident)


def test_inactive_employer_sees_nothing(employer, employer_org, resident):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    employer.is_active = False
    employer.save()
    assert not can_view_resident(viewer=employer, resident=resident)


def test_school_user_needs_consent_to_their_school(school_user, school_org, employer_org, resident):
    assert not can_view_resident(viewer=school_user, resident=resident)
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert not can_view_resident(viewer=school_user, resident=resident)
    consent_grant(resident=resident, organisation=school_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert can_view_resident(viewer=school_user, resident=resident)


def test_coach_only_with_consent_to_the_coach_organisation(coach, coach_org, resident):
    assert not can_view_resident(viewer=coach, resident=resident)
    consent_grant(resident=resident, organisation=coach_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert can_view_resident(viewer=coach, resident=resident)
    consent_revoke(resident=resident, organisation=coach_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert not can_view_resident(viewer=coach, resident=resident)


def test_programme_office_never_sees_a_person_even_as_member_with_consent(programme_office, resident):
    organisation = OrganisationFactory()
    MembershipFactory(user=programme_office, organisation=organisation)
    for purpose in ConsentPurpose.values:
        ConsentFactory(resident=resident, organisation=organisation, purpose=purpose)
        assert not can_view_resident(viewer=programme_office, resident=resident, purpose=purpose)
        assert not residents_visible_to(viewer=programme_office, purpose=purpose).exists()


def test_administrator_sees_nobody_through_the_selectors(administrator, resident):
    organisation = OrganisationFactory()
    MembershipFactory(user=administrator, organisation=organisation)
    ConsentFactory(resident=resident, organisation=organisation)
    assert not can_view_resident(viewer=administrator, resident=resident)


def test_anonymous_sees_nobody(resident):
    assert not can_view_resident(viewer=AnonymousUser(), resident=resident)
    assert not residents_visible_to(viewer=AnonymousUser()).exists()


def test_non_resident_users_are_not_viewable_as_residents(employer, employer_org):
    other_employer = UserFactory(role=Role.EMPLOYER)
    ConsentFactory(resident=other_employer, organisation=employer_org)
    assert not can_view_resident(viewer=employer, resident=other_employer)


def test_inactive_resident_is_hidden(employer, employer_org, resident):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    resident.is_active = False
    resident.save()
    assert not can_view_resident(viewer=employer, resident=resident)
