import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_me_needs_login():
    response = APIClient().get("/api/v1/accounts/me/")
    assert response.status_code == 403
    assert response.json()["code"] == "not_authenticated"


def test_me_shows_own_user_and_organisations(employer, employer_org):
    employer.first_name, employer.last_name = "Jan", "Bos"
    employer.save()
    api = APIClient()
    api.force_authenticate(employer)
    body = api.get("/api/v1/accounts/me/").json()
    assert body["username"] == "werkgever"
    assert body["name"] == "Jan Bos"
    assert body["role"] == "employer"
    assert body["role_label"] == "Werkgever"
    assert body["organisations"] == [
        {"id": employer_org.pk, "name": employer_org.name, "kind": "employer", "role": "member"}
    ]
    assert "password" not in body
