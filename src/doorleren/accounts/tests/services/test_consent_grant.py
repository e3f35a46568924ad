import pytest

from doorleren.accounts.models import CONSENT_TEXT_VERSION, Consent, ConsentPurpose, Role
from doorleren.accounts.services import consent_grant
from doorleren.accounts.tests.factories import UserFactory
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import FunderFactory

pytestmark = pytest.mark.django_db


def test_grant_records_time_and_text_version(resident, employer_org):
    consent = consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert consent.is_active
    assert consent.version == CONSENT_TEXT_VERSION
    assert consent.granted_at is not None


def test_granting_twice_keeps_one_active_consent(resident, employer_org):
    first = consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    second = consent_grant(resident=resident, organisation=employer_org, purpose=ConsentPurpose.VIEW_PROFILE)
    assert first.pk == second.pk
    assert Consent.objects.count() == 1


def test_granting_under_a_new_text_version_closes_the_old_consent(resident, employer_org):
    old = consent_grant(resident=resident, organisation=employer_org, purpose="contact", version="2020-1")
    new = consent_grant(resident=resident, organisation=employer_org, purpose="contact")
    old.refresh_from_db()
    assert old.revoked_at is not None
    assert new.is_active and new.version == CONSENT_TEXT_VERSION


@pytest.mark.parametrize(
    "role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR]
)
def test_only_residents_give_consent(role, employer_org):
    with pytest.raises(ApplicationError) as excinfo:
        consent_grant(resident=UserFactory(role=role), organisation=employer_org, purpose="view_profile")
    assert (excinfo.value.code, excinfo.value.status) == ("not_resident", 403)


def test_unknown_purpose_is_refused(resident, employer_org):
    with pytest.raises(ApplicationError) as excinfo:
        consent_grant(resident=resident, organisation=employer_org, purpose="sell_data")
    assert excinfo.value.code == "consent_purpose_invalid"


def test_funders_cannot_receive_consent(resident):
    with pytest.raises(ApplicationError) as excinfo:
        consent_grant(resident=resident, organisation=FunderFactory(), purpose="view_profile")
    assert excinfo.value.code == "consent_organisation_not_allowed"
