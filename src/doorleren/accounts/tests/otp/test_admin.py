"""The admin site (/beheer/) asks for the code from administrators who switched the second factor on."""

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import PASSWORD, code_for, device_on

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrator():
    return UserFactory(username="beheerder", role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)


def test_admin_without_a_device_needs_no_code(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_with_a_device_but_no_code_in_this_session_is_sent_to_the_login(client, administrator):
    device_on(administrator)
    client.force_login(administrator)  # a session that never showed a code
    response = client.get(reverse("admin:accounts_user_changelist"), follow=True)
    login_url = reverse("login")
    assert response.redirect_chain[-1][0].startswith(login_url)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0].endswith("?next=/beheer/accounts/user/")


def test_admin_with_a_device_gets_in_after_password_and_code(client, administrator):
    device = device_on(administrator)
    admin_url = reverse("admin:accounts_user_changelist")
    response = client.post(
        reverse("login"), {"username": "beheerder", "password": PASSWORD, "next": admin_url}
    )
    assert response.url == reverse("login_otp")
    assert client.get(admin_url).status_code == 302  # not yet
    response = client.post(reverse("login_otp"), {"code": code_for(device)})
    assert response.url == admin_url
    assert client.get(admin_url).status_code == 200


def test_the_admins_own_password_form_is_not_used(client, administrator):
    response = client.post(reverse("admin:login"), {"username": "beheerder", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert "_auth_user_id" not in client.session


def test_the_admin_login_page_keeps_a_safe_next_address_only(client):
    response = client.get(reverse("admin:login") + "?next=https://kwaad.example/")
    assert response.url == reverse("login") + "?next=/beheer/"


def test_device_list_in_the_admin_shows_no_secret(client, administrator):
    device = device_on(UserFactory(username="coach", role=Role.COACH))
    client.force_login(administrator)
    changelist = client.get(reverse("admin:otp_totp_totpdevice_changelist"))
    assert changelist.status_code == 200
    assert str(device.user) in changelist.content.decode()
    detail = client.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert detail.status_code == 200
    assert device.key not in detail.content.decode()
    assert client.get(reverse("admin:otp_totp_totpdevice_add")).status_code == 403
