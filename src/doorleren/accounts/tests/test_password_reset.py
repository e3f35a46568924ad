import re

import pytest
from django.core import mail
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_password_reset_sends_a_mail_with_a_working_link(client):
    user = UserFactory(username="sanne", email="sanne@voorbeeld.nl")
    response = client.post(reverse("password_reset"), {"email": "sanne@voorbeeld.nl"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["sanne@voorbeeld.nl"]
    assert message.subject == "Nieuw wachtwoord voor doorleren"
    assert "Uw gebruikersnaam is: sanne" in message.body
    link = re.search(r"https?://[^/\s]+(/\S+)", message.body).group(1)

    response = client.get(link, follow=True)  # Django moves the token into the session, then shows the form
    assert response.status_code == 200
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    html = response.content.decode()
    assert 'autocomplete="new-password"' in html

    response = client.post(
        form_url, {"new_password1": "Veilig-nieuw-wachtwoord-9", "new_password2": "Veilig-nieuw-wachtwoord-9"}
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password("Veilig-nieuw-wachtwoord-9")


def test_used_link_no_longer_works(client):
    UserFactory(username="sanne", email="sanne@voorbeeld.nl")
    client.post(reverse("password_reset"), {"email": "sanne@voorbeeld.nl"})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0]
    client.post(
        form_url, {"new_password1": "Veilig-nieuw-wachtwoord-9", "new_password2": "Veilig-nieuw-wachtwoord-9"}
    )
    response = client.get(link, follow=True)
    assert not response.context["validlink"]
    assert "Deze link werkt niet meer" in response.content.decode()


def test_unknown_email_sends_nothing_and_says_the_same(client):
    response = client.post(reverse("password_reset"), {"email": "niemand@voorbeeld.nl"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_bad_email_gives_a_dutch_error(client):
    html = client.post(reverse("password_reset"), {"email": "geen-adres"}).content.decode()
    assert "Vul een geldig e-mailadres in" in html
    assert 'href="#id_email"' in html


def test_mismatched_new_passwords_give_a_dutch_error(client):
    UserFactory(username="sanne", email="sanne@voorbeeld.nl")
    client.post(reverse("password_reset"), {"email": "sanne@voorbeeld.nl"})
    link = re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "Veilig-nieuw-wachtwoord-9", "new_password2": "anders-123456"}
    )
    assert response.status_code == 200
    assert "De twee wachtwoorden zijn niet gelijk." in response.content.decode()
