import datetime

import pytest
from django.urls import reverse

from doorleren.learning.models import PublicationStatus
from doorleren.learning.tests.factories import (
    CertificateFactory,
    CompetencyFactory,
    DiplomaFactory,
    ModuleCompetencyFactory,
    ModuleFactory,
    ModuleStartFactory,
    OnlineModuleFactory,
    PracticalOfferCompetencyFactory,
    PracticalOfferFactory,
)

pytestmark = pytest.mark.django_db

LIST = reverse("learning:module_list")


@pytest.fixture
def module(school):
    module = ModuleFactory(provider=school, title="Zorg thuis", hours=40, price_cents=45000, nlqf_level=3)
    ModuleCompetencyFactory(
        module=module,
        competency=CompetencyFactory(code="zorg-observeren", label="Goed kijken naar mensen"),
        level=2,
    )
    ModuleStartFactory(module=module, start_date=datetime.date(2099, 9, 1))
    return module


def test_menu_entry_reverses_to_the_search_page():
    assert LIST == "/leren/"


def test_search_page_shows_cards_with_price_hours_level_place_start_and_competencies(client, module):
    response = client.get(LIST)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    for text in [
        "1 module gevonden",
        "Zorg thuis",
        "Noorderpoort",
        "€ 450,00",
        "40 uur",
        "NLQF-niveau 3",
        "Groningen (op locatie)",
        "start 1 september 2099",
        "Goed kijken naar mensen",
        "niveau 2 (Zelfstandig bij gewone taken)",
        reverse("learning:module_detail", args=[module.pk]),
    ]:
        assert text in html, text
    assert 'hx-get="/leren/"' in html and 'hx-target="#resultaten"' in html and 'hx-push-url="true"' in html
    assert 'method="get"' in html


def test_filters_in_the_plain_get_form_work(client, module):
    OnlineModuleFactory(title="Computer online", price_cents=0)
    response = client.get(LIST, {"mode": "online", "max_price": "10"})
    html = response.content.decode()
    assert "Computer online" in html
    assert "Zorg thuis" not in html
    response = client.get(
        LIST, {"competency": "zorg-observeren", "municipality": "GM0014", "nlqf": "3", "q": "zorg"}
    )
    assert "1 module gevonden" in response.content.decode()


def test_bad_filter_value_shows_a_dutch_error_and_no_results(client, module):
    response = client.get(LIST, {"max_price": "veel"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Vul een bedrag in euro in, bijvoorbeeld 500 of 499,95." in html
    assert "0 modules gevonden" in html
    response = client.get(LIST, {"municipality": "GM9999", "nlqf": "x", "provider": "abc"})
    assert response.status_code == 200
    assert "Kies een waarde uit de lijst." in response.content.decode()


def test_a_competency_without_modules_is_a_valid_filter(client, module):
    CompetencyFactory(code="nog-niets", label="Nog niets")
    response = client.get(LIST, {"competency": "nog-niets"})
    html = response.content.decode()
    assert "0 modules gevonden" in html
    assert "Kies een waarde uit de lijst." not in html


def test_htmx_request_gets_only_the_results(client, module):
    response = client.get(LIST, {"q": "zorg"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "1 module gevonden" in html


def test_htmx_history_restore_gets_the_whole_page(client, module):
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    assert "<html" in client.get(LIST, {"q": "zorg"}, headers=headers).content.decode()


def test_pagination_keeps_the_filters(client, school):
    for i in range(25):
        OnlineModuleFactory(provider=school, title=f"Online {i:02d}")
    response = client.get(LIST, {"mode": "online"})
    html = response.content.decode()
    assert "Pagina 1 van 2" in html
    assert "?mode=online&amp;pagina=2" in html
    page_two = client.get(LIST, {"mode": "online", "pagina": "2"}).content.decode()
    assert "Online 24" in page_two and "Online 00" not in page_two
    assert client.get(LIST, {"pagina": "abc"}).status_code == 200


def test_practical_offers_appear_with_the_module_search(client, module):
    offer = PracticalOfferFactory(title="Meelopen in de thuiszorg")
    PracticalOfferCompetencyFactory(offer=offer, competency=module.competencies.get())
    html = client.get(LIST, {"competency": "zorg-observeren"}).content.decode()
    assert "Meelopen in de thuiszorg" in html
    assert reverse("learning:practical_list") + "?competency=zorg-observeren" in html


def test_module_detail_page(client, module, school):
    required = ModuleFactory(provider=school, title="Basis eerst")
    module.prerequisites.add(required)
    certificate = CertificateFactory(title="Zorg basis", modules=[module])
    response = client.get(reverse("learning:module_detail", args=[module.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Zorg thuis",
        "€ 450,00",
        "1 september 2099",
        "Basis eerst",
        "Zorg basis",
        reverse("learning:certificate_detail", args=[certificate.pk]),
    ]:
        assert text in html, text


def test_draft_and_unknown_modules_are_not_found(client):
    draft = ModuleFactory(status=PublicationStatus.DRAFT)
    assert client.get(reverse("learning:module_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("learning:module_detail", args=[999_999])).status_code == 404
    assert client.get("/leren/modules/abc/").status_code == 404


def test_certificate_list_and_detail_show_totals(client):
    a = ModuleFactory(title="Deel een", hours=40, price_cents=45000)
    b = ModuleFactory(title="Deel twee", hours=24, price_cents=29550)
    certificate = CertificateFactory(title="Zorg basis", modules=[a, b])
    diploma = DiplomaFactory(title="Verzorgende IG", certificates=[certificate])
    html = client.get(reverse("learning:certificate_list")).content.decode()
    assert "Zorg basis" in html and "€ 745,50" in html and ">64<" in html and "Verzorgende IG" in html
    detail = client.get(reverse("learning:certificate_detail", args=[certificate.pk]))
    html = detail.content.decode()
    assert "Deel een" in html and "Deel twee" in html and "€ 745,50" in html
    assert "U krijgt dit certificaat als u alle 2 modules heeft gehaald." in html
    assert reverse("learning:diploma_detail", args=[diploma.pk]) in html
    assert client.get(reverse("learning:certificate_detail", args=[999_999])).status_code == 404


def test_diploma_page_explains_the_rules(client):
    certificates = [CertificateFactory(title=t, modules=[ModuleFactory()]) for t in "ABC"]
    diploma = DiplomaFactory(
        certificates=certificates, required_certificates=certificates[:1], min_certificates=2
    )
    html = client.get(reverse("learning:diploma_detail", args=[diploma.pk])).content.decode()
    assert "U heeft 2 van de 3 certificaten van dit diploma nodig." in html
    assert "Dit certificaat moet erbij zijn: A." in html
    assert "nee, u kunt kiezen" in html
    assert client.get(reverse("learning:diploma_detail", args=[999_999])).status_code == 404


def test_practical_list_page(client, assen):
    PracticalOfferFactory(title="Werkplaats", capacity=3)
    PracticalOfferFactory(title="In Assen", municipality=assen)
    html = client.get(reverse("learning:practical_list")).content.decode()
    assert "2 plekken om te leren gevonden" in html and "3 plaatsen" in html
    html = client.get(reverse("learning:practical_list"), {"municipality": "GM0106"}).content.decode()
    assert "In Assen" in html and "Werkplaats" not in html
    bad = client.get(reverse("learning:practical_list"), {"kind": "geld"})
    assert bad.status_code == 200 and "Kies een waarde uit de lijst." in bad.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/leren/modules/99999999999999999999999/",
        "/leren/certificaten/99999999999999999999999/",
        "/leren/diplomas/99999999999999999999999/",
        "/leren/?provider=99999999999999999999999",
        "/leren/?q=%00",
        "/leren/praktijk/?q=%00&pagina=-1",
    ],
)
def test_strange_input_never_gives_a_500(client, url):
    client.raise_request_exception = False
    assert client.get(url).status_code < 500
