"""The services of the second factor: start, confirm, remove, and the code step of a login."""

import pytest
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorleren.accounts import selectors, services
from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import code_for, device_on, wrong_code_for
from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach():
    return UserFactory(username="coach", role=Role.COACH)


@pytest.mark.parametrize(
    "role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR]
)
def test_every_staff_role_may_start(role):
    device = services.otp_device_start(user=UserFactory(role=role))
    assert device.confirmed is False


def test_a_resident_may_not_start():
    with pytest.raises(ApplicationError) as error:
        services.otp_device_start(user=UserFactory(role=Role.RESIDENT))
    assert error.value.code == "otp_not_for_role"
    assert error.value.status == 403
    assert not TOTPDevice.objects.exists()


def test_starting_twice_keeps_the_same_secret(coach):
    first = services.otp_device_start(user=coach)
    second = services.otp_device_start(user=coach)
    assert first.pk == second.pk and first.key == second.key
    assert TOTPDevice.objects.filter(user=coach).count() == 1


def test_an_unconfirmed_device_does_not_switch_the_second_factor_on(coach):
    services.otp_device_start(user=coach)
    assert selectors.otp_enabled(user=coach) is False
    assert selectors.otp_device_confirmed(user=coach) is None


def test_confirm_with_the_right_code_switches_it_on_and_audits_without_the_secret(coach):
    device = services.otp_device_start(user=coach)
    confirmed = services.otp_device_confirm(user=coach, code=code_for(device))
    assert confirmed.pk == device.pk and confirmed.confirmed
    assert selectors.otp_enabled(user=coach)
    event = AuditEvent.objects.get(action="accounts.otp_enable")
    assert event.actor == coach and event.subject_id == str(coach.pk)
    assert device.key not in str(event.data) and device.key not in event.reason


def test_confirm_accepts_a_code_with_a_space_in_the_middle(coach):
    device = services.otp_device_start(user=coach)
    code = code_for(device)
    services.otp_device_confirm(user=coach, code=f"{code[:3]} {code[3:]}")
    assert selectors.otp_enabled(user=coach)


def test_confirm_with_a_wrong_code_leaves_it_off(coach):
    device = services.otp_device_start(user=coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_device_confirm(user=coach, code=wrong_code_for(device))
    assert error.value.code == "otp_code_wrong"
    assert error.value.status == 400
    assert "Deze code klopt niet" in error.value.message
    assert not selectors.otp_enabled(user=coach)
    assert not AuditEvent.objects.filter(action="accounts.otp_enable").exists()


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12a456", "١٢٣٤٥٦"])
def test_a_code_that_is_not_6_digits_is_a_clear_error(coach, code):
    services.otp_device_start(user=coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_device_confirm(user=coach, code=code)
    assert error.value.code == "otp_code_invalid"
    assert error.value.extra["field"] == "code"


def test_confirm_without_start_asks_to_start_again(coach):
    with pytest.raises(ApplicationError) as error:
        services.otp_device_confirm(user=coach, code="123456")
    assert error.value.code == "otp_not_started"


def test_start_when_it_is_on_already_is_refused(coach):
    device_on(coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_device_start(user=coach)
    assert error.value.code == "otp_already_on"


def test_a_used_code_cannot_be_used_again(coach):
    device = services.otp_device_start(user=coach)
    code = code_for(device)
    services.otp_device_confirm(user=coach, code=code)
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code)
    assert error.value.code == "otp_code_wrong"


def test_remove_with_the_right_code_switches_it_off_and_audits(coach):
    device = device_on(coach)
    services.otp_device_remove(user=coach, code=code_for(device))
    assert not TOTPDevice.objects.filter(user=coach).exists()
    assert AuditEvent.objects.filter(action="accounts.otp_disable", subject_id=str(coach.pk)).exists()


def test_remove_with_a_wrong_code_keeps_it_on(coach):
    device = device_on(coach)
    with pytest.raises(ApplicationError) as error:
        services.otp_device_remove(user=coach, code=wrong_code_for(device))
    assert error.value.code == "otp_code_wrong"
    assert selectors.otp_enabled(user=coach)
    assert not AuditEvent.objects.filter(action="accounts.otp_disable").exists()


def test_remove_when_it_is_off_says_so(coach):
    with pytest.raises(ApplicationError) as error:
        services.otp_device_remove(user=coach, code="123456")
    assert error.value.code == "otp_not_on"


def test_verify_login_returns_the_device_for_the_right_code(coach):
    device = device_on(coach)
    assert services.otp_verify_login(user=coach, code=code_for(device)).pk == device.pk


def test_verify_login_refuses_the_code_of_another_users_device(coach):
    device_on(coach)
    other = device_on(UserFactory(role=Role.EMPLOYER))
    with pytest.raises(ApplicationError):
        services.otp_verify_login(user=coach, code=code_for(other))


@override_settings(OTP_TOTP_THROTTLE_FACTOR=1)
def test_after_a_wrong_code_even_the_right_one_waits_and_the_wrong_try_is_stored(coach):
    device = device_on(coach)
    with pytest.raises(ApplicationError):
        services.otp_verify_login(user=coach, code=wrong_code_for(device))
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # stored although the service raised
    with pytest.raises(ApplicationError) as error:
        services.otp_verify_login(user=coach, code=code_for(device))
    assert error.value.code == "otp_throttled"
    assert error.value.status == 429
    assert "Wacht 1 seconde en probeer het opnieuw." in error.value.message
