"""GET /api/v1/taxonomy/search/<kind>/?q=&top= and the ?q= filter of the lists."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db
API = "/api/v1/taxonomy"


@pytest.fixture
def client():
    return APIClient()


def test_search_returns_the_same_shape_as_the_command(client, search_indexes):
    response = client.get(f"{API}/search/occupations/", {"q": "zuster", "top": 2})

    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "zuster"
    assert data["results"][0]["uri"] == search_indexes.occupations["nurse"].uri
    assert set(data["results"][0]) == {"uri", "label", "score"}
    assert len(data["results"]) <= 2


def test_search_competencies(client, search_indexes):
    data = client.get(f"{API}/search/competencies/", {"q": "teamwork", "top": 1}).json()

    assert data["results"][0]["uri"] == "https://doorleren.nl/competentie/samenwerken"
    assert data["results"][0]["label"] == "Samenwerken"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "q"),
        ({"q": ""}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "a", "top": 0}, "top"),
        ({"q": "a", "top": 51}, "top"),
        ({"q": "a", "top": "veel"}, "top"),
    ],
)
def test_bad_search_input_is_400_in_dutch(client, db, linking_dir, params, field):
    response = client.get(f"{API}/search/skills/", params)

    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["detail"].startswith("Niet alle gegevens kloppen")
    assert field in body["fields"]


def test_whitespace_only_query_is_400(client, db, linking_dir):
    response = client.get(f"{API}/search/skills/", {"q": "   "})
    assert response.status_code == 400


def test_unknown_kind_is_404_in_dutch(client, db):
    response = client.get(f"{API}/search/diplomas/", {"q": "a"})

    assert response.status_code == 404
    assert response.json()["code"] == "unknown_kind"


def test_skill_list_q_returns_the_best_hits_first_within_the_type_filter(client, search_indexes):
    data = client.get(f"{API}/skills/", {"q": "lassen"}).json()
    knowledge = client.get(f"{API}/skills/", {"q": "lassen", "type": "knowledge"}).json()

    assert data["results"][0]["uri"] == search_indexes.skills["weld"].uri
    assert search_indexes.skills["weld"].uri not in [s["uri"] for s in knowledge["results"]]


def test_occupation_list_q(client, search_indexes):
    data = client.get(f"{API}/occupations/", {"q": "broodbakker"}).json()

    assert data["results"][0]["label"] == "bakker"
    assert client.get(f"{API}/occupations/", {"q": "x" * 201}).status_code == 400


def test_search_before_the_index_is_built_is_503_in_dutch(client, small_taxonomy, linking_dir):
    response = client.get(f"{API}/search/occupations/", {"q": "zuster"})

    assert response.status_code == 503
    assert response.json()["code"] == "search_index_missing"
    assert response.json()["detail"].startswith("Zoeken kan nog niet")
