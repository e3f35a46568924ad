"""Login lock-out with django-axes: 5 wrong passwords for one username from one address, then that
pair waits 15 minutes (docs/security-hardening.md). conf/test.py switches axes off for other tests."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test import override_settings
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]

PASSWORD = "een-lang-wachtwoord-42"
ADDRESS = "192.0.2.10"
OTHER_ADDRESS = "192.0.2.99"
LOCKED_TEXT = "U heeft te vaak een verkeerd wachtwoord ingevuld. Wacht 15 minuten en probeer het opnieuw."


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def sanne(db):
    return UserFactory(username="sanne", password=PASSWORD)


def _login(client, username: str, password: str, address: str = ADDRESS):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, username: str, times: int, address: str = ADDRESS) -> list[int]:
    return [_login(client, username, "fout-wachtwoord", address).status_code for _ in range(times)]


def test_settings_are_the_agreed_ones():
    assert settings.AUTHENTICATION_BACKENDS[0] == "axes.backends.AxesStandaloneBackend"
    assert "django.contrib.auth.backends.ModelBackend" in settings.AUTHENTICATION_BACKENDS
    assert settings.MIDDLEWARE.index("axes.middleware.AxesMiddleware") > settings.MIDDLEWARE.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware"
    )
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_four_wrong_passwords_still_show_the_login_form(client, sanne):
    assert _fail(client, "sanne", 4) == [200] * 4
    assert _login(client, "sanne", PASSWORD).status_code == 302


def test_after_five_wrong_passwords_even_the_right_one_gets_the_lock_out_page(client, sanne):
    statuses = _fail(client, "sanne", 5)
    assert statuses[:4] == [200] * 4
    assert statuses[4] == 429  # the fifth failure already locks

    response = _login(client, "sanne", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert LOCKED_TEXT in html
    assert f'href="{reverse("password_reset")}"' in html
    assert "_auth_user_id" not in client.session


def test_the_lock_is_per_username(client, sanne):
    UserFactory(username="henk", password=PASSWORD)
    _fail(client, "sanne", 5)
    assert _login(client, "henk", PASSWORD).status_code == 302


def test_the_lock_is_per_address(client, sanne):
    _fail(client, "sanne", 5)
    assert _login(client, "sanne", PASSWORD, address=OTHER_ADDRESS).status_code == 302


def test_after_the_cool_off_logging_in_works_again(client, sanne):
    _fail(client, "sanne", 5)
    assert _login(client, "sanne", PASSWORD).status_code == 429
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=16)
    )
    assert _login(client, "sanne", PASSWORD).status_code == 302


def test_a_successful_login_resets_the_count(client, sanne):
    _fail(client, "sanne", 4)
    assert _login(client, "sanne", PASSWORD).status_code == 302
    client.post(reverse("logout"))
    assert _fail(client, "sanne", 4) == [200] * 4  # counted from zero again: no lock yet
    assert _login(client, "sanne", PASSWORD).status_code == 302


def test_the_admin_login_is_covered_too(client, sanne):
    """/beheer/ sends logins through the same login page; a direct POST there is counted as well."""
    _fail(client, "sanne", 5)
    response = client.post(
        reverse("admin:login"), {"username": "sanne", "password": PASSWORD}, REMOTE_ADDR=ADDRESS
    )
    assert response.status_code in (302, 429)
    assert "_auth_user_id" not in client.session
