"""Staff start pages link to the second factor; the administrator's recommends switching it on."""

import pytest
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.accounts.tests.otp.conftest import PASSWORD, code_for, device_on

pytestmark = pytest.mark.django_db

RECOMMENDATION = "Zet daarom de tweede stap bij inloggen aan"


@pytest.mark.parametrize(
    "role", [Role.EMPLOYER, Role.SCHOOL, Role.COACH, Role.PROGRAMME_OFFICE, Role.ADMINISTRATOR]
)
def test_staff_start_pages_link_to_the_second_factor(client, role):
    client.force_login(UserFactory(role=role))
    html = client.get(reverse("web:start")).content.decode()
    assert f'href="{reverse("account_otp")}"' in html


def test_resident_start_page_does_not(client):
    client.force_login(UserFactory(role=Role.RESIDENT))
    assert reverse("account_otp") not in client.get(reverse("web:start")).content.decode()


def test_administrator_without_second_factor_gets_the_recommendation(client):
    client.force_login(UserFactory(role=Role.ADMINISTRATOR))
    assert RECOMMENDATION in client.get(reverse("web:start")).content.decode()


def test_coach_gets_no_recommendation(client):
    client.force_login(UserFactory(role=Role.COACH))
    assert RECOMMENDATION not in client.get(reverse("web:start")).content.decode()


def test_administrator_with_second_factor_sees_that_it_is_on(client):
    administrator = UserFactory(username="beheerder", role=Role.ADMINISTRATOR)
    device = device_on(administrator)
    client.post(reverse("login"), {"username": "beheerder", "password": PASSWORD})
    client.post(reverse("login_otp"), {"code": code_for(device)})
    html = client.get(reverse("web:start")).content.decode()
    assert RECOMMENDATION not in html
    assert "De tweede stap bij inloggen staat aan." in html
