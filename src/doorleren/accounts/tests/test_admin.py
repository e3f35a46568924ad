import pytest
from django.urls import reverse

from doorleren.accounts.tests.factories import ConsentFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name",
    [
        "admin:accounts_user_changelist",
        "admin:accounts_user_add",
        "admin:accounts_consent_changelist",
        "admin:organisations_organisation_changelist",
        "admin:organisations_organisation_add",
        "admin:organisations_membership_changelist",
        "admin:region_municipality_changelist",
        "admin:region_municipalitymerger_changelist",
        "admin:region_subregion_changelist",
    ],
)
def test_admin_pages_load(client, administrator, name):
    client.force_login(administrator)
    assert client.get(reverse(name)).status_code == 200


def test_consent_cannot_be_changed_in_admin(client, administrator):
    consent = ConsentFactory()
    client.force_login(administrator)
    response = client.post(
        reverse("admin:accounts_consent_change", args=[consent.pk]), {"purpose": "contact"}
    )
    assert response.status_code == 403
    consent.refresh_from_db()
    assert consent.purpose == "view_profile"
