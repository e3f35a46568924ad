"""The staff login through an organisation, end to end over HTTP: doorleren (live server) and a local
OpenID Connect provider (npm ``oidc-provider``, see conftest.py). docs/security-oidc.md"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django_otp import DEVICE_ID_SESSION_KEY

from doorleren.accounts.models import OidcIdentity, Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import code_for, device_on, wrong_code_for
from doorleren.audit.models import AuditEvent

from .conftest import CALLBACK_PATH, with_query

# live_server needs committed data (transaction=True). serialized_rollback: the flush afterwards must not
# run post_migrate (which makes content types anew, with new ids), or a later serialized_rollback test
# (tasks, budgets, ...) cannot put the migrations' rows back (a UNIQUE error on django_content_type).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

START = "/start/"
LOGIN = "/account/inloggen/"
CODE_STEP = "/account/inloggen/code/"


def _account(sub: str, email: str, *, verified=True, amr=("pwd",), **extra) -> dict:
    return {"sub": sub, "email": email, "email_verified": verified, "name": "Test", "amr": list(amr), **extra}


@pytest.fixture
def coach():
    return UserFactory(username="coach", email="coach@leerwerkloket.nl", role=Role.COACH)


def _refusal(response) -> str:
    assert 'id="oidc-refusal"' in response.text, response.text[:500]
    return response.text


def _is_logged_out(browser) -> bool:
    response = browser.get(START)
    return response.status_code == 302 and response.headers["location"].startswith(LOGIN)


def test_login_page_links_to_the_organisation_login_without_a_form(browser):
    response = browser.get(LOGIN)
    assert response.status_code == 200
    assert '<a class="utrecht-button-link' in response.text
    assert 'href="/account/inloggen/organisatie/"' in response.text
    assert "Inloggen via uw organisatie" in response.text
    # The policy stays strict: forms only to this site; the provider is reached by a link.
    policy = response.headers["content-security-policy"]
    assert "form-action 'self'" in policy and "unsafe-inline" not in policy


def test_staff_member_is_linked_by_verified_email_and_logged_in(browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", "Coach@LeerWerkLoket.nl"))
    response = browser.login("coach")
    assert response.status_code == 200 and str(response.url).endswith(START)
    assert browser.logged_in_user_id() == coach.pk
    identity = OidcIdentity.objects.get(issuer=oidc_provider.issuer, subject="sub-coach")
    assert identity.user == coach and identity.last_login_at is not None
    assert AuditEvent.objects.filter(action="accounts.oidc_link", actor=coach).count() == 1
    login = AuditEvent.objects.get(action="accounts.oidc_login", actor=coach)
    assert login.data == {
        "issuer": oidc_provider.issuer,
        "linked": True,
        "provider_second_factor": False,
        "code_step": False,
    }


def test_second_login_uses_the_stored_identity_not_the_email(browser, new_browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", coach.email))
    browser.login("coach")
    # The provider now sends another, unverified address: the stored (issuer, sub) still decides.
    oidc_provider.accounts(coach=_account("sub-coach", "ander@voorbeeld.nl", verified=False))
    again = new_browser()
    response = again.login("coach")
    assert response.status_code == 200 and str(response.url).endswith(START)
    assert again.logged_in_user_id() == coach.pk
    assert OidcIdentity.objects.count() == 1
    assert AuditEvent.objects.filter(action="accounts.oidc_login", actor=coach).count() == 2
    assert AuditEvent.objects.filter(action="accounts.oidc_link").count() == 1


def test_resident_is_refused_and_not_logged_in(browser, oidc_provider):
    resident = UserFactory(username="sanne", email="sanne@voorbeeld.nl", role=Role.RESIDENT)
    oidc_provider.accounts(sanne=_account("sub-sanne", resident.email))
    response = browser.login("sanne")
    assert response.status_code == 403
    assert "alleen voor medewerkers" in _refusal(response)
    assert _is_logged_out(browser)
    assert not OidcIdentity.objects.exists()
    assert AuditEvent.objects.get(action="accounts.oidc_refuse").data["reason"] == "oidc_resident"


def test_unknown_email_is_refused(browser, oidc_provider, coach):
    oidc_provider.accounts(iemand=_account("sub-iemand", "iemand@elders.nl"))
    response = browser.login("iemand")
    assert response.status_code == 403
    assert "geen account dat bij u hoort" in _refusal(response)
    assert _is_logged_out(browser)
    assert not OidcIdentity.objects.exists()


def test_unverified_email_is_refused(browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", coach.email, verified=False))
    response = browser.login("coach")
    assert response.status_code == 403
    assert "niet bevestigd dat uw e-mailadres klopt" in _refusal(response)
    assert _is_logged_out(browser)
    assert not OidcIdentity.objects.exists()


def test_inactive_staff_member_is_refused(browser, oidc_provider):
    UserFactory(username="oud", email="oud@school.nl", role=Role.SCHOOL, is_active=False)
    oidc_provider.accounts(oud=_account("sub-oud", "oud@school.nl"))
    response = browser.login("oud")
    assert response.status_code == 403
    assert "niet actief" in _refusal(response)
    assert _is_logged_out(browser)


@override_settings(OTP_TOTP_THROTTLE_FACTOR=0)  # no wait after the wrong code below
def test_with_a_totp_device_and_no_second_factor_at_the_provider_the_code_step_follows(
    browser, oidc_provider, coach
):
    device = device_on(coach)
    oidc_provider.accounts(coach=_account("sub-coach", coach.email, amr=("pwd",)))
    callback = browser.login("coach", stop_at=CALLBACK_PATH).headers["location"]
    response = browser.follow(browser.http.get(callback))
    assert response.status_code == 200 and str(response.url).endswith(CODE_STEP)
    assert "Uw organisatie heeft u herkend." in response.text
    # Half way: not logged in, nowhere.
    assert browser.logged_in_user_id() is None
    assert _is_logged_out(browser)
    for page in ("/account/tweede-stap/", "/beheer/"):
        assert browser.get(page).status_code == 302
    # The callback cannot be used again to skip the step.
    assert browser.http.get(callback).status_code == 400
    assert browser.logged_in_user_id() is None
    wrong = browser.http.post(str(response.url), data={"code": wrong_code_for(device), **_csrf(browser)})
    assert wrong.status_code == 400 and browser.logged_in_user_id() is None
    right = browser.http.post(str(response.url), data={"code": code_for(device), **_csrf(browser)})
    assert right.status_code == 302 and right.headers["location"] == START
    assert browser.logged_in_user_id() == coach.pk
    assert browser.session()[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert AuditEvent.objects.get(action="accounts.oidc_login").data["code_step"] is True


def _csrf(browser) -> dict:
    token = browser.http.cookies.get("csrftoken")
    return {"csrfmiddlewaretoken": token} if token else {}


@pytest.mark.parametrize("amr", [("pwd", "mfa"), ("otp",), ("hwk",), ("swk", "pin")])
def test_a_second_factor_at_the_provider_skips_the_code_step(browser, oidc_provider, coach, amr):
    device = device_on(coach)
    oidc_provider.accounts(coach=_account("sub-coach", coach.email, amr=amr))
    response = browser.login("coach")
    assert response.status_code == 200 and str(response.url).endswith(START)
    assert browser.logged_in_user_id() == coach.pk
    # Verified: the admin site and the start page see a session with a second factor.
    assert browser.session()[DEVICE_ID_SESSION_KEY] == device.persistent_id
    data = AuditEvent.objects.get(action="accounts.oidc_login").data
    assert data["provider_second_factor"] is True and data["code_step"] is False


def test_a_configured_acr_value_counts_as_a_second_factor(browser, oidc_provider, coach):
    device_on(coach)
    oidc_provider.accounts(
        coach=_account("sub-coach", coach.email, amr=("pwd",), acr="urn:test:loa:substantial")
    )
    with override_settings(DOORLEREN_OIDC_MFA_ACR="urn:test:loa:substantial, urn:test:loa:high"):
        response = browser.login("coach")
    assert str(response.url).endswith(START)
    assert browser.logged_in_user_id() == coach.pk


def test_tampered_state_is_refused_without_login(browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", coach.email))
    to_callback = browser.login("coach", stop_at=CALLBACK_PATH)
    callback = to_callback.headers["location"]
    assert "state=" in callback and "code=" in callback
    response = browser.http.get(with_query(callback, state="niet-de-echte-state"))
    assert response.status_code == 400
    assert "niet meer geldig" in _refusal(response)
    assert browser.logged_in_user_id() is None
    assert not OidcIdentity.objects.exists()


def test_a_callback_works_once(browser, new_browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", coach.email))
    callback = browser.login("coach", stop_at=CALLBACK_PATH).headers["location"]
    assert str(browser.follow(browser.http.get(callback)).url).endswith(START)
    assert browser.http.get(callback).status_code == 400
    stranger = new_browser()  # someone who copied the address
    assert stranger.http.get(callback).status_code == 400
    assert stranger.logged_in_user_id() is None


def test_code_from_another_login_with_a_valid_state_is_refused(browser, new_browser, oidc_provider, coach):
    """A code meant for someone else's login (another PKCE verifier and nonce) does not log in."""
    oidc_provider.accounts(coach=_account("sub-coach", coach.email))
    victim_callback = new_browser().login("coach", stop_at=CALLBACK_PATH).headers["location"]
    mine = browser.login("coach", stop_at=CALLBACK_PATH).headers["location"]
    stolen_code = parse_qs(urlsplit(victim_callback).query)["code"][0]
    response = browser.http.get(with_query(mine, code=stolen_code))
    assert response.status_code == 400
    assert "niet gelukt" in _refusal(response)
    assert browser.logged_in_user_id() is None


def test_cancel_at_the_provider_is_a_clear_refusal(browser, oidc_provider):
    response = browser.cancel()
    assert response.status_code == 400
    assert "afgebroken" in _refusal(response)
    assert browser.logged_in_user_id() is None


def test_next_address_is_kept_through_the_provider(browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", coach.email))
    response = browser.login("coach", next_url="/account/tweede-stap/")
    assert response.status_code == 200 and str(response.url).endswith("/account/tweede-stap/")


def test_english_pages_use_the_registered_dutch_callback(browser, oidc_provider, coach):
    oidc_provider.accounts(coach=_account("sub-coach", coach.email))
    response = browser.login("coach", start="/en/account/inloggen/organisatie/")
    assert browser.logged_in_user_id() == coach.pk, response.text[:300]


@override_settings(AXES_ENABLED=True)
def test_works_with_django_axes_switched_on(browser, new_browser, oidc_provider, coach):
    oidc_provider.accounts(
        coach=_account("sub-coach", coach.email), iemand=_account("sub-iemand", "iemand@elders.nl")
    )
    assert str(browser.login("coach").url).endswith(START)
    assert browser.logged_in_user_id() == coach.pk
    assert new_browser().login("iemand").status_code == 403
    # A refusal is a failed login for axes, counted for that person (e-mail address) and address only.
    attempt = AccessAttempt.objects.get()
    assert attempt.username == "iemand@elders.nl" and attempt.failures_since_start == 1
