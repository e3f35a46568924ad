import pytest
from django.contrib.auth.hashers import identify_hasher
from django.test import override_settings
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ARGON2 = ["django.contrib.auth.hashers.Argon2PasswordHasher"]


@override_settings(PASSWORD_HASHERS=ARGON2)
def test_login_works_with_argon2_hashes(client):
    user = UserFactory(username="sanne")
    user.set_password("een-lang-wachtwoord-42")
    user.save()
    assert identify_hasher(user.password).algorithm == "argon2"

    response = client.post(reverse("login"), {"username": "sanne", "password": "een-lang-wachtwoord-42"})
    assert response.status_code == 302
    assert response.url == reverse("web:start")
    assert int(client.session["_auth_user_id"]) == user.pk


def test_wrong_password_shows_plain_dutch_error_summary(client):
    UserFactory(username="sanne")
    response = client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert "Deze gebruikersnaam of dit wachtwoord klopt niet." in html
    assert "_auth_user_id" not in client.session


def test_empty_login_form_links_errors_to_fields(client):
    html = client.post(reverse("login"), {}).content.decode()
    assert 'href="#id_username"' in html
    assert "Vul uw gebruikersnaam in." in html
    assert 'aria-invalid="true"' in html


def test_login_page_has_labels_and_autocomplete(client):
    html = client.get(reverse("login")).content.decode()
    assert '<label class="utrecht-form-label" for="id_username">' in html
    assert '<label class="utrecht-form-label" for="id_password">' in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html
    assert "utrecht-button utrecht-button--primary-action" in html


def test_logout_needs_post_and_logs_out(client):
    client.force_login(UserFactory())
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
