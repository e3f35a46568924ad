import pytest
from django.urls import reverse

from doorleren.accounts.models import Consent
from doorleren.accounts.selectors import can_view_resident
from doorleren.organisations.tests.factories import FunderFactory

pytestmark = pytest.mark.django_db


def test_consent_page_needs_login(client):
    response = client.get(reverse("account_consent"))
    assert response.status_code == 302
    assert reverse("login") in response.url


def test_only_residents_have_a_consent_page(client, employer):
    client.force_login(employer)
    assert client.get(reverse("account_consent")).status_code == 403


def test_resident_grants_and_revokes_on_the_page(client, resident, employer, employer_org):
    client.force_login(resident)
    html = client.get(reverse("account_consent")).content.decode()
    assert "U heeft nog geen organisatie toestemming gegeven." in html
    assert employer_org.name in html  # as a choice

    response = client.post(
        reverse("account_consent"), {"organisation": employer_org.pk, "purpose": "view_profile"}
    )
    assert response.status_code == 302
    assert can_view_resident(viewer=employer, resident=resident)
    html = client.get(reverse("account_consent")).content.decode()
    assert "U heeft Installatiebedrijf Noord toestemming gegeven" in html
    assert "Intrekken" in html

    response = client.post(
        reverse("account_consent_revoke"), {"organisation": employer_org.pk, "purpose": "view_profile"}
    )
    assert response.status_code == 302
    assert not can_view_resident(viewer=employer, resident=resident)
    html = client.get(reverse("account_consent")).content.decode()
    assert "Eerder gegeven toestemming" in html


def test_forms_need_csrf(resident, employer_org):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(resident)
    response = client.post(
        reverse("account_consent"), {"organisation": employer_org.pk, "purpose": "view_profile"}
    )
    assert response.status_code == 403
    assert not Consent.objects.exists()


def test_missing_choices_show_error_summary(client, resident):
    client.force_login(resident)
    response = client.post(reverse("account_consent"), {})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'href="#id_organisation"' in html
    assert 'href="#id_purpose"' in html
    assert 'id="id_purpose"' in html


def test_unknown_organisation_is_a_form_error_not_a_500(client, resident):
    client.force_login(resident)
    response = client.post(reverse("account_consent"), {"organisation": 999999, "purpose": "view_profile"})
    assert response.status_code == 400
    assert "Kies een organisatie uit de lijst." in response.content.decode()


def test_funders_are_not_offered(client, resident):
    funder = FunderFactory(name="Regiofonds")
    client.force_login(resident)
    assert "Regiofonds" not in client.get(reverse("account_consent")).content.decode()
    response = client.post(reverse("account_consent"), {"organisation": funder.pk, "purpose": "view_profile"})
    assert response.status_code == 400


def test_revoking_unknown_consent_shows_a_message(client, resident, employer_org):
    client.force_login(resident)
    response = client.post(
        reverse("account_consent_revoke"),
        {"organisation": employer_org.pk, "purpose": "view_profile"},
        follow=True,
    )
    assert "geen toestemming gegeven" in response.content.decode()


def test_revoke_with_garbage_does_not_crash(client, resident):
    client.force_login(resident)
    response = client.post(
        reverse("account_consent_revoke"), {"organisation": "x", "purpose": "y"}, follow=True
    )
    assert response.status_code == 200
    assert "Wij konden niet zien welke toestemming" in response.content.decode()


def test_revoke_needs_post(client, resident):
    client.force_login(resident)
    assert client.get(reverse("account_consent_revoke")).status_code == 405
