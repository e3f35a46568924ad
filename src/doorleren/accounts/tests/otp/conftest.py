"""Helpers for the second factor (TOTP): codes made the way an app on a phone makes them."""

import time

import pytest
from django.test import override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

PASSWORD = "een-lang-wachtwoord-42"  # accounts.tests.factories.UserFactory


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code the app shows now (or ``steps_ahead`` periods of 30 seconds later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    """A code of 6 digits that the device does not accept now (not the previous, current or next one)."""
    valid = {code_for(device, steps_ahead=steps) for steps in (-1, 0, 1)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in valid)


def device_on(user) -> TOTPDevice:
    """A confirmed device: the second factor is on for ``user``."""
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


@pytest.fixture(autouse=True)
def no_wait_between_tries():
    """django-otp makes people wait 1, 2, 4... seconds after a wrong code; tests of the wait set it back."""
    with override_settings(OTP_TOTP_THROTTLE_FACTOR=0):
        yield
