import pytest

from doorleren.accounts.models import Consent, ConsentPurpose
from doorleren.accounts.services import consent_grant, consent_revoke, consents_revoke_all
from doorleren.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


def test_revoke_keeps_the_record(resident, employer_org):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    revoked = consent_revoke(
        resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE
    )
    assert revoked.revoked_at >= revoked.granted_at
    assert Consent.objects.filter(resident=resident).count() == 1


def test_revoking_what_was_not_given_is_a_dutch_404(resident, employer_org):
    with pytest.raises(ApplicationError) as excinfo:
        consent_revoke(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert (excinfo.value.code, excinfo.value.status) == ("consent_not_found", 404)
    assert employer_org.name in excinfo.value.message


def test_revoking_twice_is_refused(resident, employer_org):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_revoke(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    with pytest.raises(ApplicationError):
        consent_revoke(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)


def test_grant_after_revoke_makes_a_new_record(resident, employer_org):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_revoke(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert Consent.objects.filter(resident=resident).count() == 2
    assert Consent.objects.filter(resident=resident, revoked_at__isnull=True).count() == 1


def test_revoke_all(resident, employer_org, school_org):
    consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    consent_grant(resident=resident, organisation=school_org, purpose=ConsentPurpose.CONTACT)
    assert consents_revoke_all(resident=resident) == 2
    assert not Consent.objects.filter(resident=resident, revoked_at__isnull=True).exists()
