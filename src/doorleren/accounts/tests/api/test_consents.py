import pytest
from rest_framework.test import APIClient

from doorleren.accounts.selectors import can_view_resident

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(resident):
    client = APIClient()
    client.force_authenticate(resident)
    return client


def test_grant_list_and_revoke(api, resident, employer, employer_org):
    response = api.post(
        "/api/v1/accounts/consents/",
        {"organisation": employer_org.pk, "purpose": "view_profile"},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["is_active"] is True
    assert can_view_resident(viewer=employer, resident=resident)

    again = api.post(
        "/api/v1/accounts/consents/",
        {"organisation": employer_org.pk, "purpose": "view_profile"},
        format="json",
    )
    assert again.status_code == 200
    assert again.json()["id"] == response.json()["id"]

    listed = api.get("/api/v1/accounts/consents/").json()
    assert [c["organisation"]["name"] for c in listed] == [employer_org.name]

    revoked = api.post(
        "/api/v1/accounts/consents/revoke/",
        {"organisation": employer_org.pk, "purpose": "view_profile"},
        format="json",
    )
    assert revoked.status_code == 200
    assert revoked.json()["is_active"] is False
    assert not can_view_resident(viewer=employer, resident=resident)
    assert api.get("/api/v1/accounts/consents/", {"active": "true"}).json() == []


def test_bad_purpose_is_400_with_fields(api, employer_org):
    response = api.post(
        "/api/v1/accounts/consents/", {"organisation": employer_org.pk, "purpose": "verkopen"}, format="json"
    )
    assert response.status_code == 400
    assert "purpose" in response.json()["fields"]


def test_unknown_organisation_is_404_in_dutch(api):
    response = api.post(
        "/api/v1/accounts/consents/", {"organisation": 999999, "purpose": "view_profile"}, format="json"
    )
    assert response.status_code == 404
    assert response.json()["code"] == "organisation_unknown"


def test_revoke_what_was_not_given_is_404(api, employer_org):
    response = api.post(
        "/api/v1/accounts/consents/revoke/",
        {"organisation": employer_org.pk, "purpose": "contact"},
        format="json",
    )
    assert response.status_code == 404
    assert response.json()["code"] == "consent_not_found"


def test_non_residents_get_403(employer, employer_org):
    client = APIClient()
    client.force_authenticate(employer)
    assert client.get("/api/v1/accounts/consents/").status_code == 403
    response = client.post(
        "/api/v1/accounts/consents/", {"organisation": employer_org.pk, "purpose": "contact"}, format="json"
    )
    assert response.status_code == 403
    assert response.json()["code"] == "not_resident"


def test_anonymous_gets_403():
    assert APIClient().get("/api/v1/accounts/consents/").status_code == 403


def test_a_resident_sees_only_own_consents(api, employer_org):
    from doorleren.accounts.tests.factories import ConsentFactory

    ConsentFactory(organisation=employer_org)  # another resident's
    assert api.get("/api/v1/accounts/consents/").json() == []


def test_post_with_broken_json_is_400(api):
    response = api.generic("POST", "/api/v1/accounts/consents/", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
