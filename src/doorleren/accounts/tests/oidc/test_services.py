"""``oidc_login_accept``: who an identity from the provider logs in as, and who is refused."""

from __future__ import annotations

import pytest

from doorleren.accounts.models import OidcIdentity, Role
from doorleren.accounts.oidc import OidcClaims
from doorleren.accounts.services_oidc import oidc_identity_unlink, oidc_login_accept
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import device_on
from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError

pytestmark = pytest.mark.django_db

ISSUER = "https://login.voorbeeld-organisatie.nl"


def _claims(subject="sub-1", email="coach@loket.nl", *, verified=True, second_factor=False, issuer=ISSUER):
    return OidcClaims(
        issuer=issuer,
        subject=subject,
        email=email,
        email_verified=verified,
        name="",
        amr=("pwd",),
        acr="",
        second_factor=second_factor,
    )


def _refused(claims) -> ApplicationError:
    with pytest.raises(ApplicationError) as error:
        oidc_login_accept(claims=claims)
    assert error.value.status == 403
    return error.value


@pytest.fixture
def coach():
    return UserFactory(username="coach", email="coach@loket.nl", role=Role.COACH)


@pytest.mark.parametrize(
    "role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR]
)
def test_every_staff_role_is_linked_by_verified_email(role):
    user = UserFactory(email="medewerker@org.nl", role=role)
    assert oidc_login_accept(claims=_claims(email="MEDEWERKER@org.nl")) == user
    assert OidcIdentity.objects.get(issuer=ISSUER, subject="sub-1").user == user


def test_first_login_links_and_audits_without_personal_data(coach):
    oidc_login_accept(claims=_claims())
    link = AuditEvent.objects.get(action="accounts.oidc_link")
    assert link.actor == coach and link.subject_id == str(coach.pk)
    assert link.data == {"issuer": ISSUER}
    login = AuditEvent.objects.get(action="accounts.oidc_login")
    assert login.data == {
        "issuer": ISSUER,
        "linked": True,
        "provider_second_factor": False,
        "code_step": False,
    }


def test_code_step_in_the_audit_follows_the_device_and_the_provider(coach):
    device_on(coach)
    oidc_login_accept(claims=_claims())
    oidc_login_accept(claims=_claims(second_factor=True))
    steps = [
        e.data["code_step"] for e in AuditEvent.objects.filter(action="accounts.oidc_login").order_by("pk")
    ]
    assert steps == [True, False]


def test_a_linked_identity_logs_in_whatever_the_email_says(coach):
    oidc_login_accept(claims=_claims())
    UserFactory(username="ander", email="ander@loket.nl", role=Role.COACH)
    assert oidc_login_accept(claims=_claims(email="ander@loket.nl", verified=False)) == coach
    assert oidc_login_accept(claims=_claims(email="")) == coach


def test_no_user_is_ever_made():
    error = _refused(_claims(email="nieuw@loket.nl"))
    assert error.code == "oidc_unknown"
    assert not OidcIdentity.objects.exists()
    from doorleren.accounts.models import User

    assert not User.objects.exists()


def test_without_an_email_a_new_identity_is_unknown(coach):
    assert _refused(_claims(email="")).code == "oidc_unknown"


def test_unverified_email_is_not_linked(coach):
    assert _refused(_claims(verified=False)).code == "oidc_email_unverified"
    assert not OidcIdentity.objects.exists()


def test_resident_is_refused_and_the_refusal_is_audited():
    resident = UserFactory(email="sanne@voorbeeld.nl", role=Role.RESIDENT)
    assert _refused(_claims(email="sanne@voorbeeld.nl")).code == "oidc_resident"
    event = AuditEvent.objects.get(action="accounts.oidc_refuse")
    assert event.subject_id == str(resident.pk) and event.actor is None
    assert event.data == {"issuer": ISSUER, "reason": "oidc_resident"}
    assert not OidcIdentity.objects.exists()


def test_a_linked_user_who_became_a_resident_is_refused(coach):
    oidc_login_accept(claims=_claims())
    coach.role = Role.RESIDENT
    coach.save()
    assert _refused(_claims()).code == "oidc_resident"


def test_a_linked_user_who_was_deactivated_is_refused(coach):
    oidc_login_accept(claims=_claims())
    coach.is_active = False
    coach.save()
    assert _refused(_claims()).code == "oidc_inactive"


def test_inactive_staff_member_is_not_linked():
    UserFactory(email="oud@school.nl", role=Role.SCHOOL, is_active=False)
    assert _refused(_claims(email="oud@school.nl")).code == "oidc_inactive"


def test_two_active_staff_users_with_the_email_are_refused():
    UserFactory(username="een", email="team@org.nl", role=Role.EMPLOYER)
    UserFactory(username="twee", email="team@org.nl", role=Role.SCHOOL)
    assert _refused(_claims(email="team@org.nl")).code == "oidc_ambiguous"


def test_one_staff_user_and_a_resident_with_the_same_email_links_the_staff_user():
    UserFactory(username="thuis", email="piet@org.nl", role=Role.RESIDENT)
    staff = UserFactory(username="werk", email="piet@org.nl", role=Role.EMPLOYER)
    assert oidc_login_accept(claims=_claims(email="piet@org.nl")) == staff


def test_a_second_identity_at_the_same_provider_is_not_linked(coach):
    oidc_login_accept(claims=_claims(subject="sub-1"))
    assert _refused(_claims(subject="sub-2")).code == "oidc_conflict"
    assert OidcIdentity.objects.count() == 1


def test_the_same_user_may_be_linked_at_two_providers(coach):
    oidc_login_accept(claims=_claims(issuer=ISSUER))
    oidc_login_accept(claims=_claims(issuer="https://andere-dienst.nl"))
    assert OidcIdentity.objects.filter(user=coach).count() == 2


def test_unlink_removes_the_link_and_audits(coach):
    oidc_login_accept(claims=_claims())
    admin = UserFactory(username="beheer", role=Role.ADMINISTRATOR)
    oidc_identity_unlink(identity=OidcIdentity.objects.get(), actor=admin)
    assert not OidcIdentity.objects.exists()
    assert AuditEvent.objects.get(action="accounts.oidc_unlink").actor == admin
