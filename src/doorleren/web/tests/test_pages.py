"""The web layer's own pages render in the layout, in Dutch by default and in English under /en/."""

import json

import pytest
from django.test import RequestFactory
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.web import views

pytestmark = pytest.mark.django_db


def _assert_layout(html: str) -> None:
    assert '<html lang="nl"' in html
    assert 'href="#main"' in html and ">Naar de inhoud</a>" in html
    assert html.index('href="#main"') < html.index("<header")
    assert '<nav class="dl-nav" aria-label="Hoofdmenu">' in html
    assert '<main id="main"' in html and "<footer" in html
    assert "<script>" not in html and "style=" not in html  # no inline script or style (CSP)


@pytest.mark.parametrize("name", ["web:home", "web:about", "web:privacy", "web:accessibility"])
def test_public_page_renders_in_the_layout(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    _assert_layout(response.content.decode())


def test_english_pages_live_under_en(client):
    response = client.get("/en/over/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en"' in html
    assert 'lang="nl">Nederlands</button>' in html


def test_about_page_lists_the_four_competency_levels_of_the_one_scale(client):
    html = client.get(reverse("web:about")).content.decode()
    levels = [
        "Basis: met hulp",
        "Zelfstandig bij gewone taken",
        "Zelfstandig, ook bij lastige taken",
        "Expert: kan het anderen leren",
    ]
    positions = [html.index(f"<li>{level}</li>") for level in levels]
    assert positions == sorted(positions)


def test_language_button_names_the_other_language_in_that_language(client):
    html = client.get(reverse("web:home")).content.decode()
    assert 'lang="en">English</button>' in html


def test_start_page_needs_a_login(client):
    response = client.get(reverse("web:start"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_start_page_of_an_unknown_role_is_refused(client):
    user = UserFactory(role="resident")
    user.role = "astronaut"
    user.save()
    client.force_login(user)
    response = client.get(reverse("web:start"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_unknown_address_gives_the_dutch_404_page_in_the_layout(client):
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Pagina niet gevonden" in html
    _assert_layout(html)


@pytest.mark.parametrize(
    ("handler", "status", "title"),
    [
        (views.bad_request, 400, "Dit verzoek klopt niet"),
        (views.permission_denied, 403, "Geen toegang"),
        (views.page_not_found, 404, "Pagina niet gevonden"),
        (views.server_error, 500, "Er ging iets mis"),
    ],
)
def test_error_handlers_render_dutch_pages_in_the_layout(rf: RequestFactory, handler, status, title):
    request = rf.get("/ergens/")
    request.user = UserFactory.build()
    request.session = {}
    response = handler(request) if handler is views.server_error else handler(request, Exception())
    assert response.status_code == status
    html = response.content.decode()
    assert f'<h1 class="utrecht-heading-1">{title}</h1>' in html
    assert '<main id="main"' in html


@pytest.mark.parametrize(
    ("handler", "status", "code"),
    [
        (views.bad_request, 400, "bad_request"),
        (views.permission_denied, 403, "permission_denied"),
        (views.page_not_found, 404, "not_found"),
        (views.server_error, 500, "server_error"),
    ],
)
def test_error_handlers_answer_the_api_with_json(rf: RequestFactory, handler, status, code):
    request = rf.get("/api/v1/ergens/")
    request.user = UserFactory.build()
    request.session = {}
    response = handler(request) if handler is views.server_error else handler(request, Exception())
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["code"] == code
    assert body["detail"]


def test_unknown_api_address_gives_json_not_a_page(client):
    response = client.get("/api/v1/leren/bestaat-niet/")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Dit bestaat niet (meer)."}


def test_language_switch_on_an_english_page_goes_back_to_the_dutch_address(client):
    html = client.get("/en/over/?a=1").content.decode()
    assert '<input name="next" type="hidden" value="/over/?a=1">' in html
    response = client.post(reverse("set_language"), {"language": "nl", "next": "/over/?a=1"})
    assert response.status_code == 302
    assert response["Location"] == "/over/?a=1"


def test_language_switch_on_a_dutch_page_goes_to_the_english_address(client):
    html = client.get(reverse("web:privacy")).content.decode()
    assert '<input name="next" type="hidden" value="/en/privacy/">' in html
