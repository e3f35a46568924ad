"""The payout account (IBAN) of a school or a company that offers modules: checked with python-stdnum,
Dutch only, normalised, set only by the organisation's own staff, every change in the audit log; bad
input is refused with a Dutch sentence and nothing stored changes. Also the page
``/organisaties/<id>/rekening/``: full for own staff, masked for coaches, never for residents."""

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError
from doorleren.organisations.models import Organisation
from doorleren.organisations.services import organisation_iban_set
from doorleren.organisations.tests.factories import (
    GovernmentFactory,
    MembershipFactory,
    OrganisationFactory,
    SchoolFactory,
)
from doorleren.organisations.validators import iban_formatted, iban_masked

pytestmark = pytest.mark.django_db

IBAN = "NL91ABNA0417164300"


def _staff(organisation, role="school"):
    user = UserFactory(role=role)
    MembershipFactory(user=user, organisation=organisation)
    return user


def _refused(**kwargs) -> ApplicationError:
    with pytest.raises(ApplicationError) as refused:
        organisation_iban_set(**kwargs)
    return refused.value


# --- the service --------------------------------------------------------------------------------


def test_staff_set_the_iban_normalised_and_it_is_in_the_audit_log():
    school = SchoolFactory()
    staff = _staff(school)
    organisation_iban_set(
        organisation=school, iban=" nl91 abna-0417.1643 00 ", actor=staff, reason="Nieuwe bank"
    )
    school.refresh_from_db()
    assert school.iban == IBAN
    event = AuditEvent.objects.get(action="organisations.iban_set")
    assert (event.actor, event.reason, event.subject_id) == (staff, "Nieuwe bank", str(school.pk))
    assert event.data == {"before": "", "after": IBAN}


def test_the_same_iban_again_changes_and_logs_nothing_and_empty_removes_it():
    employer = OrganisationFactory()
    staff = _staff(employer, role="employer")
    organisation_iban_set(organisation=employer, iban=IBAN, actor=staff)
    organisation_iban_set(organisation=employer, iban=iban_formatted(IBAN), actor=staff)
    assert AuditEvent.objects.filter(action="organisations.iban_set").count() == 1
    organisation_iban_set(organisation=employer, iban="", actor=staff, reason="Geen modules meer")
    employer.refresh_from_db()
    assert employer.iban == ""
    assert AuditEvent.objects.filter(action="organisations.iban_set").latest("id").data == {
        "before": IBAN,
        "after": "",
    }


@pytest.mark.parametrize(
    ("iban", "message"),
    [
        ("NL91ABNA0417164301", "klopt niet"),  # wrong check digits
        ("NL91ABNA041716430", "18 tekens"),  # too short
        ("DE89370400440532013000", "Nederlands rekeningnummer"),  # valid, but German
        ("BE68539007547034", "Nederlands rekeningnummer"),
        ("NL921234ABNA041716", "geen IBAN"),  # check digits fit, but the bank part is not 4 letters
        ("hallo", "geen IBAN"),
        ("1234567890", "geen IBAN"),
        ("NL91 ABNA 0417 1643 00 \x00", "geen IBAN"),
        ("NL" + "9" * 200, "geen IBAN"),
        (12345, "geen IBAN"),
        (None, "geen IBAN"),
    ],
)
def test_a_bad_iban_is_refused_in_dutch_and_nothing_changes(iban, message):
    school = SchoolFactory()
    staff = _staff(school)
    organisation_iban_set(organisation=school, iban=IBAN, actor=staff)
    error = _refused(organisation=school, iban=iban, actor=staff)
    assert (error.status, error.code) == (400, "iban_invalid")
    assert message in error.message
    assert Organisation.objects.get(pk=school.pk).iban == IBAN
    assert AuditEvent.objects.filter(action="organisations.iban_set").count() == 1


@pytest.mark.parametrize("role", ["resident", "coach", "programme_office", "administrator", "school"])
def test_only_the_organisations_own_staff_may_set_it(role):
    school = SchoolFactory()
    outsider = UserFactory(role=role)  # not a member (a school user of another school, a coach, ...)
    if role == "school":
        MembershipFactory(user=outsider, organisation=SchoolFactory())
    error = _refused(organisation=school, iban=IBAN, actor=outsider)
    assert (error.status, error.code) == (403, "iban_not_allowed")
    assert Organisation.objects.get(pk=school.pk).iban == ""
    assert not AuditEvent.objects.exists()


def test_a_member_with_a_coach_role_may_not_set_it():
    school = SchoolFactory()
    error = _refused(organisation=school, iban=IBAN, actor=_staff(school, role="coach"))
    assert error.status == 403


def test_only_schools_and_employers_have_a_payout_account():
    desk = GovernmentFactory()
    error = _refused(organisation=desk, iban=IBAN, actor=None)
    assert error.code == "iban_not_a_provider"
    assert Organisation.objects.get(pk=desk.pk).iban == ""


def test_a_reason_that_is_too_long_is_refused():
    school = SchoolFactory()
    error = _refused(organisation=school, iban=IBAN, actor=_staff(school), reason="x" * 501)
    assert error.code == "iban_reason_invalid"
    assert Organisation.objects.get(pk=school.pk).iban == ""


def test_masked_shows_only_the_country_and_the_last_four():
    assert iban_masked(IBAN) == "NL** **** **** **43 00"
    assert iban_masked("") == ""
    assert iban_formatted(IBAN) == "NL91 ABNA 0417 1643 00"


# --- the page -----------------------------------------------------------------------------------


def _client(user=None, **options) -> Client:
    client = Client(raise_request_exception=False, **options)
    if user is not None:
        client.force_login(user)
    return client


def _url(organisation) -> str:
    return reverse("organisations:iban", args=[organisation.pk])


def test_staff_see_the_full_iban_and_a_form():
    school = SchoolFactory()
    organisation_iban_set(organisation=school, iban=IBAN, actor=None)
    response = _client(_staff(school)).get(_url(school))
    html = response.content.decode()
    assert response.status_code == 200
    assert "NL91 ABNA 0417 1643 00" in html
    assert 'name="iban"' in html and "csrfmiddlewaretoken" in html


def test_staff_save_a_good_iban():
    school = SchoolFactory()
    staff = _staff(school)
    response = _client(staff).post(_url(school), {"iban": "NL91 ABNA 0417 1643 00", "reason": "Nieuw"})
    assert response.status_code == 302 and response["Location"] == _url(school)
    assert Organisation.objects.get(pk=school.pk).iban == IBAN
    assert AuditEvent.objects.get(action="organisations.iban_set").actor == staff


def test_a_bad_iban_on_the_page_is_a_form_error_with_400_and_nothing_is_stored():
    school = SchoolFactory()
    organisation_iban_set(organisation=school, iban=IBAN, actor=None)
    response = _client(_staff(school)).post(_url(school), {"iban": "NL91ABNA0417164301", "reason": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html and 'href="#id_iban"' in html
    assert "Dit rekeningnummer klopt niet." in html
    assert Organisation.objects.get(pk=school.pk).iban == IBAN


@pytest.mark.parametrize("role", ["coach", "programme_office", "administrator"])
def test_coaches_see_it_masked_and_cannot_change_it(role):
    school = SchoolFactory()
    organisation_iban_set(organisation=school, iban=IBAN, actor=None)
    client = _client(UserFactory(role=role))
    html = client.get(_url(school)).content.decode()
    assert "NL** **** **** **43 00" in html
    assert "NL91" not in html and 'name="iban"' not in html
    assert client.post(_url(school), {"iban": "NL44RABO0123456789"}).status_code == 403
    assert Organisation.objects.get(pk=school.pk).iban == IBAN


def test_residents_never_see_it_and_anonymous_visitors_must_log_in():
    school = SchoolFactory()
    organisation_iban_set(organisation=school, iban=IBAN, actor=None)
    response = _client(UserFactory(role="resident")).get(_url(school))
    assert response.status_code == 403
    assert "NL91" not in response.content.decode() and "43 00" not in response.content.decode()
    assert _client().get(_url(school)).status_code == 302
    assert "NL91" not in _client().get(reverse("organisations:detail", args=[school.pk])).content.decode()


def test_staff_of_another_school_get_403_and_an_unknown_organisation_404():
    school = SchoolFactory()
    other = _staff(SchoolFactory())
    assert _client(other).get(_url(school)).status_code == 403
    assert _client(other).post(_url(school), {"iban": IBAN}).status_code == 403
    assert _client(other).get(reverse("organisations:iban", args=[987654321])).status_code == 404
    assert _client(other).get(_url(GovernmentFactory())).status_code == 404
    assert Organisation.objects.get(pk=school.pk).iban == ""


def test_the_form_needs_the_csrf_token():
    school = SchoolFactory()
    response = _client(_staff(school), enforce_csrf_checks=True).post(_url(school), {"iban": IBAN})
    assert response.status_code == 403
    assert Organisation.objects.get(pk=school.pk).iban == ""


def test_my_accounts_lists_the_staff_members_organisations_with_links():
    school = SchoolFactory(name="Leerhuis Noord")
    staff = _staff(school)
    organisation_iban_set(organisation=school, iban=IBAN, actor=staff)
    html = _client(staff).get(reverse("organisations:iban_mine")).content.decode()
    assert "Leerhuis Noord" in html and _url(school) in html and "NL91 ABNA 0417 1643 00" in html
    assert _client(UserFactory(role="resident")).get(reverse("organisations:iban_mine")).status_code == 403
    assert _client(UserFactory(role="coach")).get(reverse("organisations:iban_mine")).status_code == 403
