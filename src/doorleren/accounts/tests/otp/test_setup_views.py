"""The page "Tweede stap bij inloggen" (/account/tweede-stap/): switching the second factor on and off."""

import base64
import re
from base64 import b32encode

import pytest
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import code_for, device_on, wrong_code_for
from doorleren.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(client):
    user = UserFactory(username="coach", role=Role.COACH)
    client.force_login(user)
    return user


def _secret_text(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def test_set_up_page_shows_a_qr_code_and_the_secret_in_blocks_of_four(client, coach):
    response = client.get(reverse("account_otp"))
    assert response.status_code == 200
    html = response.content.decode()
    device = TOTPDevice.objects.get(user=coach, confirmed=False)
    assert _secret_text(device) in html
    assert re.search(r"<code[^>]*>(?:[A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>", html)
    src = re.search(r'<img src="data:image/svg\+xml;base64,([^"]+)"[^>]* alt="QR-code', html)
    assert src, "the QR code is an <img> with an SVG data: address and a text alternative"
    svg = base64.b64decode(src.group(1)).decode()
    assert svg.startswith("<svg") and "<path" in svg
    assert 'autocomplete="one-time-code"' in html and 'inputmode="numeric"' in html
    assert "<script" not in html.split("</head>")[1] and "style=" not in html  # CSP: nothing inline


def test_reloading_the_set_up_page_keeps_the_secret(client, coach):
    client.get(reverse("account_otp"))
    first = TOTPDevice.objects.get(user=coach).key
    client.get(reverse("account_otp"))
    assert TOTPDevice.objects.get(user=coach).key == first


def test_right_code_switches_it_on_and_verifies_this_session(client, coach):
    client.get(reverse("account_otp"))
    device = TOTPDevice.objects.get(user=coach)
    response = client.post(reverse("account_otp"), {"code": code_for(device)})
    # On to the backup codes, shown once (test_backup_codes.py), then the page says it is on.
    assert response.status_code == 302 and response.url == reverse("account_otp_backup_codes")
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    html = client.get(reverse("account_otp")).content.decode()
    assert "De tweede stap staat aan." in html
    assert _secret_text(device) not in html  # the secret is shown only while setting up
    assert AuditEvent.objects.filter(action="accounts.otp_enable", actor=coach).count() == 1


def test_wrong_code_is_a_400_with_a_dutch_message_and_leaves_it_off(client, coach):
    client.get(reverse("account_otp"))
    device = TOTPDevice.objects.get(user=coach)
    response = client.post(reverse("account_otp"), {"code": wrong_code_for(device)})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Deze code klopt niet." in html
    assert _secret_text(device) in html  # same secret: the app the person just set up still works
    device.refresh_from_db()
    assert not device.confirmed


@pytest.mark.parametrize("code", ["", "abc", "12 34", "9" * 30])
def test_a_code_that_is_no_code_is_a_400_not_a_500(client, coach, code):
    response = client.post(reverse("account_otp"), {"code": code})
    assert response.status_code == 400
    assert 'href="#id_code"' in response.content.decode()


def test_resident_gets_403_on_the_set_up_page(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    assert client.get(reverse("account_otp")).status_code == 403
    assert client.post(reverse("account_otp"), {"code": "123456"}).status_code == 403
    assert not TOTPDevice.objects.exists()


def test_set_up_page_needs_a_login(client):
    response = client.get(reverse("account_otp"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_remove_with_the_right_code_switches_it_off(client, coach):
    device = device_on(coach)
    response = client.post(reverse("account_otp_remove"), {"code": code_for(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coach).exists()
    assert AuditEvent.objects.filter(action="accounts.otp_disable", actor=coach).count() == 1
    assert "De tweede stap staat uit." in client.get(reverse("account_otp")).content.decode()


def test_remove_with_a_wrong_code_is_a_400_and_keeps_it_on(client, coach):
    device = device_on(coach)
    response = client.post(reverse("account_otp_remove"), {"code": wrong_code_for(device)})
    assert response.status_code == 400
    assert "Deze code klopt niet." in response.content.decode()
    assert TOTPDevice.objects.filter(user=coach, confirmed=True).exists()


def test_remove_needs_post(client, coach):
    assert client.get(reverse("account_otp_remove")).status_code == 405
