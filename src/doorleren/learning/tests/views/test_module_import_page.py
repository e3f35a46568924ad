import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from doorleren.accounts.models import Role
from doorleren.accounts.tests.factories import UserFactory
from doorleren.learning.models import Module
from doorleren.organisations.tests.factories import MembershipFactory, SchoolFactory

pytestmark = pytest.mark.django_db

URL = reverse("learning:import")
HEADER = "code,titel,uren,prijs_euro,vorm"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("modules.csv", text.encode("utf-8"), content_type="text/csv")


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_residents_get_403(client, school):
    user = MembershipFactory(user=UserFactory(role=Role.RESIDENT), organisation=school).user
    client.force_login(user)
    assert client.get(URL).status_code == 403


def test_school_user_sees_the_form_and_the_format(client, school_user):
    client.force_login(school_user)
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert "U leest modules in voor Noorderpoort." in html
    assert "prijs_euro" in html and reverse("learning:import_example") in html


def test_good_file_is_imported_and_reported(client, school_user, school):
    client.force_login(school_user)
    response = client.post(
        URL, {"provider": school.pk, "file": upload(f'{HEADER}\nA1,Een,4,"12,35",online\n')}, follow=True
    )
    assert response.redirect_chain == [(URL, 302)]
    assert (
        "Het bestand is ingelezen: 1 nieuw, 0 gewijzigd, 0 hetzelfde gebleven." in response.content.decode()
    )
    assert Module.objects.get(provider=school, code="A1").price_cents == 1235


def test_bad_file_shows_an_error_per_row_and_stores_nothing(client, school_user, school):
    client.force_login(school_user)
    response = client.post(
        URL,
        {"provider": school.pk, "file": upload(f"{HEADER}\nA1,Een,4,12,online\nA2,Twee,4,twaalf,online\n")},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Regel 3: het bedrag &#x27;twaalf&#x27; is geen geldig bedrag." in html
    assert "er is 1 fout in het bestand" in html
    assert not Module.objects.exists()


def test_cannot_import_for_an_organisation_one_is_not_a_member_of(client, school_user):
    other = SchoolFactory()
    client.force_login(school_user)
    response = client.post(URL, {"provider": other.pk, "file": upload(f"{HEADER}\nA1,Een,4,12,online\n")})
    assert response.status_code == 200
    assert "Kies een waarde uit de lijst." in response.content.decode()
    assert not Module.objects.exists()


def test_missing_file_is_a_form_error(client, school_user, school):
    client.force_login(school_user)
    response = client.post(URL, {"provider": school.pk})
    assert "Kies een bestand." in response.content.decode()


def test_example_file_download(client):
    response = client.get(reverse("learning:import_example"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode().startswith("code,titel,omschrijving,uren,prijs_euro")


def test_empty_post_shows_the_required_errors(client, school_user):
    client.force_login(school_user)
    html = client.post(URL, {}).content.decode()
    assert "Kies een bestand." in html
