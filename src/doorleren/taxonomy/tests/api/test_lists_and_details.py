"""The public taxonomy API: lists, filters, details, and bad input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from doorleren.taxonomy.selectors import esco_id

pytestmark = pytest.mark.django_db
API = "/api/v1/taxonomy"


@pytest.fixture
def client():
    return APIClient()


def test_sectors_are_public(client, small_taxonomy):
    response = client.get(f"{API}/sectors/")

    assert response.status_code == 200
    assert [s["code"] for s in response.json()] == ["techniek", "zorg-welzijn"]  # by label


def test_competencies_list_the_map_and_filter_by_sector(client, small_taxonomy):
    everything = client.get(f"{API}/competencies/").json()
    care = client.get(f"{API}/competencies/", {"sector": "zorg-welzijn"}).json()

    assert everything["count"] == 4
    assert [c["code"] for c in care["results"]] == ["samenwerken", "zorg-wondzorg"]
    samen = care["results"][0]
    assert samen["uri"] == "https://doorleren.nl/competentie/samenwerken"
    assert samen["kind"] == "transversal"
    assert sorted(samen["sectors"]) == ["techniek", "zorg-welzijn"]
    assert {(d["sector"], d["trend"]) for d in samen["demand"]} == {
        ("zorg-welzijn", "stable"),
        ("techniek", "shrinks"),
    }


def test_competencies_filter_by_kind_and_refuse_an_unknown_kind(client, small_taxonomy):
    assert [c["code"] for c in client.get(f"{API}/competencies/", {"kind": "basic"}).json()["results"]] == [
        "taal-lezen"
    ]

    response = client.get(f"{API}/competencies/", {"kind": "soft"})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert "kind" in response.json()["fields"]


def test_competency_detail_has_esco_skills_and_regional_occupations(client, small_taxonomy):
    data = client.get(f"{API}/competencies/zorg-wondzorg/").json()

    assert data["label"] == "Wonden verzorgen"
    assert data["esco_skills"] == [{"uri": small_taxonomy.skills["wound"].uri, "label": "wonden verzorgen"}]
    assert data["regional_occupations"] == [
        {"code": "verpleegkundige", "label": "Verpleegkundige", "level": 3, "essential": True}
    ]


def test_unknown_competency_is_404_in_dutch(client, small_taxonomy):
    response = client.get(f"{API}/competencies/bestaat-niet/")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "Dit bestaat niet (meer)."}


def test_occupations_list_is_paginated_and_filters_by_isco(client, small_taxonomy):
    nurse = small_taxonomy.occupations["nurse"]

    page = client.get(f"{API}/occupations/", {"limit": 2}).json()
    filtered = client.get(f"{API}/occupations/", {"isco": nurse.isco_group.code}).json()

    assert page["count"] == 3
    assert [o["label"] for o in page["results"]] == ["bakker", "lasser"]
    assert filtered["results"] == [
        {
            "uri": nurse.uri,
            "code": "2221.1",
            "label": "verpleegkundige",
            "isco_code": nurse.isco_group.code,
            "status": "released",
        }
    ]


def test_occupations_refuse_a_bad_isco_code(client, small_taxonomy):
    assert client.get(f"{API}/occupations/", {"isco": "22x"}).status_code == 400


def test_occupation_detail_by_the_last_part_of_its_uri(client, small_taxonomy):
    nurse = small_taxonomy.occupations["nurse"]

    data = client.get(f"{API}/occupations/{esco_id(nurse.uri)}/").json()

    assert data["uri"] == nurse.uri
    assert {"lang": "nl", "kind": "alternative", "text": "zuster"} in data["labels"]
    assert data["regional_occupations"] == [{"code": "verpleegkundige", "label": "Verpleegkundige"}]
    assert data["skills"] == []


def test_unknown_occupation_uri_is_404(client, small_taxonomy):
    response = client.get(f"{API}/occupations/00000000-dead-beef-0000-000000000000/")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_skills_filter_by_type(client, small_taxonomy):
    knowledge = client.get(f"{API}/skills/", {"type": "knowledge"}).json()
    transversal = client.get(f"{API}/skills/", {"reuse_level": "transversal"}).json()

    assert [s["label"] for s in knowledge["results"]] == ["arbeidsrecht"]
    assert [s["label"] for s in transversal["results"]] == ["samenwerken in een team"]
    assert client.get(f"{API}/skills/", {"type": "competence"}).status_code == 400


def test_skill_detail_lists_the_competencies_using_it(client, small_taxonomy):
    team = small_taxonomy.skills["team"]

    data = client.get(f"{API}/skills/{esco_id(team.uri)}/").json()

    assert data["competencies"] == [{"code": "samenwerken", "label": "Samenwerken"}]
    assert data["skill_type"] == "skill"
    assert client.get(f"{API}/skills/nope/").status_code == 404


def test_regional_occupations_with_their_competencies(client, small_taxonomy):
    listed = client.get(f"{API}/regional-occupations/", {"sector": "techniek"}).json()
    detail = client.get(f"{API}/regional-occupations/verpleegkundige/").json()

    assert [o["code"] for o in listed["results"]] == ["lasser"]
    assert listed["results"][0]["occupation"] == {
        "uri": small_taxonomy.occupations["welder"].uri,
        "label": "lasser",
    }
    assert detail["sector"] == {"code": "zorg-welzijn", "label": "Zorg en welzijn"}
    assert detail["competencies"] == [
        {"code": "zorg-wondzorg", "label": "Wonden verzorgen", "level": 3, "essential": True},
        {"code": "samenwerken", "label": "Samenwerken", "level": 2, "essential": False},
    ]
    assert client.get(f"{API}/regional-occupations/piloot/").status_code == 404


def test_the_api_is_read_only(client, small_taxonomy):
    response = client.post(f"{API}/competencies/", {"code": "x"})

    assert response.status_code == 405
    assert response.json()["code"] == "method_not_allowed"
