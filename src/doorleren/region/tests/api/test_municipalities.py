import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_list_shows_the_14_current_municipalities_without_login(api):
    response = api.get("/api/v1/region/municipalities/")
    assert response.status_code == 200
    assert len(response.json()) == 14
    groningen = next(m for m in response.json() if m["code"] == "GM0014")
    assert groningen["subregion"] == {"code": "centraal", "name": "Centraal"}
    assert groningen["is_current"] is True


def test_list_with_former_municipalities(api):
    response = api.get("/api/v1/region/municipalities/", {"include_former": "true"})
    assert len(response.json()) == 35
    appingedam = next(m for m in response.json() if m["code"] == "GM0003")
    assert appingedam["successor_code"] == "GM1979"
    assert appingedam["dissolved_on"] == "2021-01-01"


def test_detail_of_current_municipality_lists_former_ones(api):
    response = api.get("/api/v1/region/municipalities/GM1979/")
    assert response.status_code == 200
    body = response.json()
    assert body["name"] == "Eemsdelta"
    assert body["current"]["code"] == "GM1979"
    assert {m["name"] for m in body["former_municipalities"]} == {"Appingedam", "Delfzijl", "Loppersum"}


def test_detail_of_former_municipality_points_to_current(api):
    body = api.get("/api/v1/region/municipalities/gm0017/").json()
    assert body["name"] == "Haren"
    assert body["is_current"] is False
    assert body["current"]["name"] == "Groningen"


def test_detail_of_unknown_code_is_a_dutch_404(api):
    response = api.get("/api/v1/region/municipalities/GM0344/")
    assert response.status_code == 404
    assert response.json()["code"] == "municipality_unknown"
    assert "geen gemeente" in response.json()["detail"]


@pytest.mark.parametrize(
    ("q", "current", "matched"),
    [("GM0003", "GM1979", "GM0003"), ("winsum", "GM1966", "GM0053"), ("106", "GM0106", "GM0106")],
)
def test_resolve(api, q, current, matched):
    response = api.get("/api/v1/region/municipalities/resolve/", {"q": q})
    assert response.status_code == 200
    assert response.json()["municipality"]["code"] == current
    assert response.json()["matched"]["code"] == matched


def test_resolve_unknown_is_404_in_dutch(api):
    response = api.get("/api/v1/region/municipalities/resolve/", {"q": "Amsterdam"})
    assert response.status_code == 404
    assert response.json() == {
        "code": "municipality_unknown",
        "detail": response.json()["detail"],
    }
    assert "Amsterdam" in response.json()["detail"]


def test_resolve_without_q_is_400(api):
    response = api.get("/api/v1/region/municipalities/resolve/")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "q" in response.json()["fields"]
