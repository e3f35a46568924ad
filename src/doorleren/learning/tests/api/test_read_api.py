import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from doorleren.learning.models import PublicationStatus
from doorleren.learning.tests.factories import (
    CertificateFactory,
    CompetencyFactory,
    DiplomaFactory,
    ModuleCompetencyFactory,
    ModuleFactory,
    ModuleStartFactory,
    OnlineModuleFactory,
    PracticalOfferFactory,
)

pytestmark = pytest.mark.django_db

MODULES = reverse("api-v1:learning-module-list")


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def module(school):
    module = ModuleFactory(provider=school, title="Zorg thuis", price_cents=45000)
    ModuleCompetencyFactory(
        module=module, competency=CompetencyFactory(code="zorg-observeren", sectors=["zorg-welzijn"]), level=3
    )
    ModuleStartFactory(module=module)
    return module


def test_module_list_is_public_and_paginated(api, module):
    response = api.get(MODULES)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["title"] == "Zorg thuis"
    assert item["price_cents"] == 45000
    assert item["provider"]["name"] == "Noorderpoort"
    assert item["municipality"] == {"code": "GM0014", "name": "Groningen"}
    assert item["competencies"] == [
        {
            "code": "zorg-observeren",
            "label": module.competencies.get().label,
            "level": 3,
            "level_label": "Zelfstandig, ook bij lastige taken",
        }
    ]
    assert len(item["upcoming_starts"]) == 1


def test_module_list_filters(api, module, school):
    OnlineModuleFactory(title="Online gratis", price_cents=0, nlqf_level=None)
    ModuleFactory(title="Concept", status=PublicationStatus.DRAFT)

    def found(**params):
        return [m["title"] for m in api.get(MODULES, params).json()["results"]]

    assert found() == ["Online gratis", "Zorg thuis"]
    assert found(q="zorg") == ["Zorg thuis"]
    assert found(competency="zorg-observeren") == ["Zorg thuis"]
    assert found(sector="zorg-welzijn") == ["Zorg thuis"]
    assert found(municipality="GM0014") == ["Zorg thuis"]
    assert found(municipality="groningen") == ["Zorg thuis"]
    assert found(mode="online") == ["Online gratis"]
    assert found(max_price="449,99") == ["Online gratis"]
    assert found(max_price="450") == ["Online gratis", "Zorg thuis"]
    assert found(nlqf=3) == ["Zorg thuis"]
    assert found(provider=school.pk) == ["Zorg thuis"]


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"max_price": "abc"}, "max_price", "'abc' is geen bedrag. Schrijf bijvoorbeeld 500 of 499,95."),
        ({"nlqf": "9"}, "nlqf", "Het NLQF-niveau is een getal van 1 tot en met 8."),
        ({"nlqf": "x"}, "nlqf", "Het NLQF-niveau is een getal van 1 tot en met 8."),
        ({"provider": "abc"}, "provider", "De aanbieder is een id: een heel getal."),
        ({"provider": "999999"}, "provider", "Deze aanbieder kennen wij niet."),
        ({"competency": "bestaat-niet"}, "competency", "Deze competentie kennen wij niet: bestaat-niet."),
        ({"sector": "ruimtevaart"}, "sector", "Deze sector kennen wij niet."),
        ({"mode": "thuis"}, "mode", "'thuis' is geen geldige keuze."),
    ],
)
def test_bad_filter_values_are_a_dutch_400(api, params, field, message):
    response = api.get(MODULES, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["fields"][field] == [message]


def test_unknown_municipality_is_a_400_with_the_region_message(api):
    response = api.get(MODULES, {"municipality": "Parijs"})
    assert response.status_code == 400
    assert "Wij kennen de gemeente" in response.json()["fields"]["municipality"][0]


def test_module_detail(api, module, school):
    required = ModuleFactory(provider=school, title="Basis")
    module.prerequisites.add(required)
    certificate = CertificateFactory(modules=[module])
    response = api.get(reverse("api-v1:learning-module-detail", args=[module.pk]))
    assert response.status_code == 200
    body = response.json()
    assert body["prerequisites"] == [{"id": required.pk, "code": required.code, "title": "Basis"}]
    assert body["certificates"] == [{"id": certificate.pk, "title": certificate.title}]
    assert len(body["starts"]) == 1


def test_unknown_or_draft_module_is_a_dutch_404(api):
    draft = ModuleFactory(status=PublicationStatus.DRAFT)
    for pk in [draft.pk, 999_999]:
        response = api.get(reverse("api-v1:learning-module-detail", args=[pk]))
        assert response.status_code == 404
        assert response.json() == {"code": "not_found", "detail": "Dit bestaat niet (meer)."}
    assert api.get("/api/v1/learning/modules/abc/").status_code == 404


def test_certificates_and_diplomas(api):
    a = ModuleFactory(hours=40, price_cents=45000)
    b = ModuleFactory(hours=24, price_cents=29550)
    certificate = CertificateFactory(modules=[a, b])
    diploma = DiplomaFactory(certificates=[certificate])
    body = api.get(reverse("api-v1:learning-certificate-list")).json()
    assert body["results"][0]["total_price_cents"] == 74550
    detail = api.get(reverse("api-v1:learning-certificate-detail", args=[certificate.pk])).json()
    assert (detail["total_hours"], len(detail["modules"])) == (64, 2)
    assert api.get(reverse("api-v1:learning-diploma-list")).json()["results"][0]["id"] == diploma.pk
    diploma_body = api.get(reverse("api-v1:learning-diploma-detail", args=[diploma.pk])).json()
    assert diploma_body["rules"][0] == "U heeft het certificaat van dit diploma nodig."
    assert diploma_body["required_certificate_ids"] == []
    for name in ["api-v1:learning-certificate-detail", "api-v1:learning-diploma-detail"]:
        assert api.get(reverse(name, args=[999_999])).status_code == 404


def test_practical_offers(api, assen):
    PracticalOfferFactory(title="Werkplaats")
    PracticalOfferFactory(title="Assen", municipality=assen, kind="staff")
    url = reverse("api-v1:learning-practical-offer-list")
    assert api.get(url).json()["count"] == 2
    assert [o["title"] for o in api.get(url, {"kind": "staff"}).json()["results"]] == ["Assen"]
    assert [o["title"] for o in api.get(url, {"municipality": "Assen"}).json()["results"]] == ["Assen"]
    assert api.get(url, {"kind": "geld"}).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/learning/modules/99999999999999999999999/",
        "/api/v1/learning/modules/?provider=99999999999999999999999",
        "/api/v1/learning/modules/?max_price=9999999999999999999999",
        "/api/v1/learning/modules/?q=%00",
        "/api/v1/learning/modules/?limit=abc&offset=-5",
    ],
)
def test_strange_input_never_gives_a_500(api, url):
    api.raise_request_exception = False
    assert api.get(url).status_code < 500
