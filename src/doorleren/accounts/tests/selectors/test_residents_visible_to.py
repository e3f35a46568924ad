import itertools

import pytest

from doorleren.accounts.models import ConsentPurpose, Role
from doorleren.accounts.selectors import can_view_resident, residents_visible_to, user_organisations
from doorleren.accounts.services import consent_grant, consent_revoke
from doorleren.accounts.tests.factories import UserFactory
from doorleren.organisations.tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def test_employer_sees_exactly_the_residents_who_consented(employer, employer_org):
    yes, no, revoked = (UserFactory(role=Role.RESIDENT) for _ in range(3))
    consent_grant(resident=yes, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=revoked, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_revoke(resident=revoked, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=no, organisation=employer_org, purpose=ConsentPurpose.CONTACT)
    assert list(residents_visible_to(viewer=employer)) == [yes]
    assert list(residents_visible_to(viewer=employer, purpose=ConsentPurpose.CONTACT)) == [no]


def test_resident_sees_only_themself(resident):
    UserFactory(role=Role.RESIDENT)
    assert list(residents_visible_to(viewer=resident)) == [resident]


def test_resident_counted_once_with_two_organisations(employer, employer_org, resident):
    second = MembershipFactory(user=employer).organisation
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=resident, organisation=second, purpose=ConsentPurpose.VIEW_PROFILE)
    assert list(residents_visible_to(viewer=employer)) == [resident]
    assert set(user_organisations(user=employer)) == {employer_org, second}


def test_list_and_single_check_agree_for_every_role(
    resident,
    employer,
    employer_org,
    school_user,
    school_org,
    coach,
    coach_org,
    programme_office,
    administrator,
):
    others = [UserFactory(role=Role.RESIDENT) for _ in range(2)]
    consent_grant(resident=others[0], organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=others[1], organisation=coach_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=resident, organisation=school_org, purpose=ConsentPurpose.VIEW_PROFILE)
    viewers = [resident, employer, school_user, coach, programme_office, administrator]
    people = [resident, *others, employer, coach]
    for viewer, person in itertools.product(viewers, people):
        visible = residents_visible_to(viewer=viewer).filter(pk=person.pk).exists()
        assert visible == can_view_resident(viewer=viewer, resident=person), (
            viewer.username,
            person.username,
        )
