"""Logging in with the second factor on: password, then the code (/account/inloggen/code/)."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.test import override_settings
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY

from doorleren.accounts import views
from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import PASSWORD, code_for, device_on, wrong_code_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(username="coach", role=Role.COACH)


@pytest.fixture
def device(coach):
    return device_on(coach)


def _password(client, username="coach", next_url=None):
    data = {"username": username, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(reverse("login"), data)


def test_password_alone_does_not_log_in_and_leads_to_the_code_page(client, device):
    response = _password(client)
    assert response.status_code == 302
    assert response.url == reverse("login_otp")
    assert "_auth_user_id" not in client.session
    start = client.get(reverse("web:start"))
    assert start.status_code == 302 and start.url.startswith(reverse("login"))  # not logged in


def test_code_page_asks_for_the_code(client, device):
    _password(client)
    response = client.get(reverse("login_otp"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Code uit de app" in html
    assert 'autocomplete="one-time-code"' in html


def test_wrong_code_is_a_400_with_a_dutch_message(client, device):
    _password(client)
    response = client.post(reverse("login_otp"), {"code": wrong_code_for(device)})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Deze code klopt niet." in html
    assert "_auth_user_id" not in client.session


def test_right_code_logs_in_with_a_verified_session(client, coach, device):
    _password(client)
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.status_code == 302
    assert response.url == reverse("web:start")
    assert int(client.session["_auth_user_id"]) == coach.pk
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert views.OTP_PENDING_KEY not in client.session
    assert client.get(reverse("web:start")).status_code == 200


def test_right_code_after_a_wrong_one_still_logs_in(client, coach, device):
    _password(client)
    client.post(reverse("login_otp"), {"code": wrong_code_for(device)})
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == coach.pk


def test_after_the_code_the_login_goes_where_it_was_asked_to(client, device):
    _password(client, next_url=reverse("account_otp"))
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.url == reverse("account_otp")


def test_a_next_address_on_another_site_is_ignored(client, device):
    _password(client, next_url="https://kwaad.example/")
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.url == reverse("web:start")


def test_five_wrong_codes_send_you_back_to_the_password_page(client, device):
    _password(client)
    statuses = [
        client.post(reverse("login_otp"), {"code": wrong_code_for(device)}).status_code for _ in range(5)
    ]
    assert statuses[:4] == [400] * 4
    assert statuses[4] == 302
    assert views.OTP_PENDING_KEY not in client.session
    # Even the right code does nothing now: first the password again.
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session
    html = client.get(reverse("login")).content.decode()
    assert "Log eerst in met uw gebruikersnaam en wachtwoord." in html


def test_five_wrong_codes_count_as_a_failed_login(client, device):
    sent = []

    def receiver(sender, credentials, request=None, **kwargs):
        sent.append(credentials)

    user_login_failed.connect(receiver)
    try:
        _password(client)
        for _ in range(5):
            client.post(reverse("login_otp"), {"code": wrong_code_for(device)})
    finally:
        user_login_failed.disconnect(receiver)
    assert sent == [{"username": "coach"}]


@override_settings(AXES_ENABLED=True)
def test_django_axes_counts_five_wrong_codes_as_a_failed_login(client, device):
    _password(client)
    for _ in range(5):
        client.post(reverse("login_otp"), {"code": wrong_code_for(device)})
    attempt = AccessAttempt.objects.get(username="coach")
    assert attempt.failures_since_start == 1


def test_the_code_step_expires_after_five_minutes(client, device):
    _password(client)
    session = client.session
    pending = session[views.OTP_PENDING_KEY]
    pending["started"] = int(time.time()) - views.OTP_PENDING_SECONDS - 1
    session[views.OTP_PENDING_KEY] = pending
    session.save()
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.status_code == 302 and response.url == reverse("login")
    assert "_auth_user_id" not in client.session
    assert "Het duurde te lang" in client.get(reverse("login")).content.decode()


def test_code_page_without_a_password_first_goes_to_the_login_page(client):
    response = client.get(reverse("login_otp"))
    assert response.status_code == 302 and response.url == reverse("login")
    assert client.post(reverse("login_otp"), {"code": "123456"}).url == reverse("login")


def test_an_unconfirmed_device_does_not_ask_for_a_code(client, coach):
    from doorleren.accounts import services

    services.otp_device_start(user=coach)
    response = _password(client)
    assert response.url == reverse("web:start")
    assert int(client.session["_auth_user_id"]) == coach.pk


def test_without_the_second_factor_the_password_is_enough(client, coach):
    response = _password(client)
    assert response.status_code == 302 and response.url == reverse("web:start")
    assert int(client.session["_auth_user_id"]) == coach.pk


def test_the_password_step_logs_out_whoever_was_logged_in_in_this_browser(client, device):
    client.force_login(UserFactory(username="iemand", role=Role.RESIDENT))
    old_key = client.session.session_key
    _password(client)
    assert "_auth_user_id" not in client.session
    assert client.session.session_key != old_key
