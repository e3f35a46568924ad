import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from rest_framework.test import APIClient

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.models import Module
from doorleren.organisations.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db

URL = reverse("api-v1:learning-module-import")
HEADER = "code,titel,uren,prijs_euro,vorm"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("modules.csv", text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def api(school_user):
    client = APIClient()
    client.force_authenticate(school_user)
    return client


def test_import_returns_counts(api, school):
    response = api.post(URL, {"file": upload(f'{HEADER}\nA1,Een,4,"0,1",online\n')}, format="multipart")
    assert response.status_code == 200
    assert response.json() == {"created": 1, "updated": 0, "unchanged": 0, "rows": 1}
    assert Module.objects.get(provider=school, code="A1").price_cents == 10
    again = api.post(URL, {"file": upload(f'{HEADER}\nA1,Een,4,"0,1",online\n')}, format="multipart")
    assert again.json() == {"created": 0, "updated": 0, "unchanged": 1, "rows": 1}


def test_bad_rows_are_a_400_with_dutch_messages_per_row(api):
    response = api.post(URL, {"file": upload(f"{HEADER}\nA1,Een,4,twaalf,online\n")}, format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "import_invalid"
    assert body["errors"] == [
        {
            "line": 2,
            "message": "Regel 2: het bedrag 'twaalf' is geen geldig bedrag. Schrijf bijvoorbeeld 450 of 12,35 (zonder punt voor duizendtallen).",
        }
    ]
    assert not Module.objects.exists()


def test_anonymous_is_401_or_403(school):
    response = APIClient().post(URL, {"file": upload(f"{HEADER}\nA1,Een,4,1,online\n")}, format="multipart")
    assert response.status_code in (401, 403)
    assert response.json()["code"] == "not_authenticated"


def test_resident_gets_403(school):
    client = APIClient()
    client.force_authenticate(
        MembershipFactory(user=UserFactory(role=Role.RESIDENT), organisation=school).user
    )
    response = client.post(URL, {"file": upload(f"{HEADER}\nA1,Een,4,1,online\n")}, format="multipart")
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"


def test_provider_one_is_not_a_member_of_is_403(api):
    other = SchoolFactory()
    response = api.post(
        URL, {"provider": other.pk, "file": upload(f"{HEADER}\nA1,Een,4,1,online\n")}, format="multipart"
    )
    assert response.status_code == 403
    assert not Module.objects.exists()


def test_member_of_two_providers_must_choose(api, school_user, company):
    MembershipFactory(user=school_user, organisation=company)
    response = api.post(URL, {"file": upload(f"{HEADER}\nA1,Een,4,1,online\n")}, format="multipart")
    assert response.status_code == 400
    assert response.json()["code"] == "provider_required"
    chosen = api.post(
        URL, {"provider": company.pk, "file": upload(f"{HEADER}\nA1,Een,4,1,online\n")}, format="multipart"
    )
    assert chosen.status_code == 200
    assert Module.objects.get().provider == company


def test_missing_file_is_a_dutch_400(api):
    response = api.post(URL, {}, format="multipart")
    assert response.status_code == 400
    assert response.json()["fields"]["file"] == ["Stuur een CSV-bestand mee in het veld 'file'."]


def test_json_body_is_refused_with_415(api):
    response = api.post(URL, {"file": "x"}, format="json")
    assert response.status_code == 415
