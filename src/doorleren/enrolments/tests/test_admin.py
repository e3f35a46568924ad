"""The admin shows enrolments read only."""

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory

from .factories import enrol, module, resident_with_budgets

pytestmark = pytest.mark.django_db


def test_the_admin_shows_enrolments_and_changes_nothing():
    enrolment = enrol(resident_with_budgets(30_000), module())
    admin_user = UserFactory(role="administrator", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin_user)
    assert client.get(reverse("admin:enrolments_enrolment_changelist")).status_code == 200
    page = client.get(reverse("admin:enrolments_enrolment_change", args=[enrolment.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:enrolments_enrolment_add")).status_code == 403
    assert (
        client.post(
            reverse("admin:enrolments_enrolment_delete", args=[enrolment.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
