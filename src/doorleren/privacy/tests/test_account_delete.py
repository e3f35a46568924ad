""" "Mijn account verwijderen": personal data erased, money records kept without a name, books balance."""

import pytest
from django.urls import reverse

from doorleren.accounts import services as accounts_services
from doorleren.accounts.models import Consent, User
from doorleren.audit.models import AuditEvent
from doorleren.budgets.models import Budget
from doorleren.budgets.selectors import ledger_reconciliation
from doorleren.budgets.tests.factories import grant, rule
from doorleren.core.errors import ApplicationError
from doorleren.enrolments.models import Enrolment
from doorleren.enrolments.tests.factories import enrol, module
from doorleren.privacy import services
from doorleren.privacy.models import ProfileView
from doorleren.profiles.models import ResidentCompetency, ResidentProfile, WorkExperience
from doorleren.profiles.tests.factories import ResidentCompetencyFactory, WorkExperienceFactory

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def full_resident(resident, employer, employer_org):
    accounts_services.consent_grant(resident=resident, organisation=employer_org, purpose="view_profile")
    WorkExperienceFactory(profile=resident.resident_profile, description="Ik reed heftruck bij Jansen")
    ResidentCompetencyFactory(profile=resident.resident_profile)
    grant(rule_=rule(amount_cents=50_000), resident_=resident)
    enrol(resident, module(price_cents=40_000))
    services.profile_view_record(viewer=employer, resident=resident, purpose="view_profile", what="profile")
    return resident


def test_personal_data_is_erased_and_the_account_closed(full_resident):
    pk = full_resident.pk
    services.account_delete(user=full_resident, password=PASSWORD)
    user = User.objects.get(pk=pk)
    assert user.username.startswith("verwijderd-")
    assert (user.first_name, user.last_name, user.email, user.is_active) == ("", "", "", False)
    assert not user.has_usable_password()
    assert not ResidentProfile.objects.filter(user_id=pk).exists()
    assert not WorkExperience.objects.exists()
    assert not ResidentCompetency.objects.exists()
    assert not ProfileView.objects.filter(resident_id=pk).exists()


def test_money_records_stay_and_the_books_still_balance(full_resident):
    assert ledger_reconciliation().ok
    services.account_delete(user=full_resident, password=PASSWORD)
    assert Budget.objects.filter(resident_id=full_resident.pk).count() == 1
    assert Enrolment.objects.filter(resident_id=full_resident.pk).count() == 1
    assert ledger_reconciliation().ok


def test_consents_are_revoked_and_kept_as_proof(full_resident):
    services.account_delete(user=full_resident, password=PASSWORD)
    consents = Consent.objects.filter(resident_id=full_resident.pk)
    assert consents.count() == 1
    assert consents.get().revoked_at is not None


def test_the_audit_line_holds_no_personal_data(full_resident):
    services.account_delete(user=full_resident, password=PASSWORD)
    event = AuditEvent.objects.get(action="privacy.account_erase")
    text = f"{event.reason} {event.data}"
    for personal in ("sanne", "Sanne", "Bakker", "heftruck", "@voorbeeld.nl"):
        assert personal not in text
    assert event.data["trigger"] == "resident"
    assert event.subject_id == str(full_resident.pk)


def test_a_wrong_password_changes_nothing(full_resident):
    with pytest.raises(ApplicationError) as error:
        services.account_delete(user=full_resident, password="fout")
    assert error.value.code == "password_wrong"
    full_resident.refresh_from_db()
    assert full_resident.is_active and full_resident.username == "sanne"
    assert ResidentProfile.objects.filter(user=full_resident).exists()


@pytest.mark.parametrize("fixture", ["employer", "coach", "programme_office"])
def test_staff_cannot_delete_themselves_here(request, fixture):
    user = request.getfixturevalue(fixture)
    with pytest.raises(ApplicationError) as error:
        services.account_delete(user=user, password=PASSWORD)
    assert error.value.status == 403
    user.refresh_from_db()
    assert user.is_active


def test_the_page_deletes_and_logs_out(client, full_resident):
    client.force_login(full_resident)
    response = client.post(reverse("privacy:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("privacy:my_data")).status_code == 302  # to the login page


def test_the_page_answers_a_wrong_password_with_400_in_dutch(client, full_resident):
    client.force_login(full_resident)
    response = client.post(reverse("privacy:delete"), {"password": "fout", "confirm": "on"})
    assert response.status_code == 400
    assert "Dit wachtwoord klopt niet" in response.content.decode()
    full_resident.refresh_from_db()
    assert full_resident.is_active


def test_the_page_needs_the_tick(client, full_resident):
    client.force_login(full_resident)
    response = client.post(reverse("privacy:delete"), {"password": PASSWORD})
    assert response.status_code == 400
    assert "Zet een vinkje" in response.content.decode()
    full_resident.refresh_from_db()
    assert full_resident.is_active


def test_staff_see_that_the_administrator_does_it(client, employer):
    client.force_login(employer)
    response = client.get(reverse("privacy:delete"))
    assert response.status_code == 403
    assert "beheerder" in response.content.decode()
