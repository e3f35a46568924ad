"""POST /api/v1/taxonomy/text-competencies/: free text to suggested competencies."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from doorleren.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/taxonomy/text-competencies/"


@pytest.fixture
def client():
    api = APIClient()
    api.force_authenticate(UserFactory())
    return api


def test_returns_suggestions_with_words(client, search_indexes):
    response = client.post(URL, {"text": "Ik las metaal en werk samen in een team.", "top": 5}, format="json")

    assert response.status_code == 200
    data = response.json()
    assert data["chars"] == len("Ik las metaal en werk samen in een team.")
    codes = [row["code"] for row in data["competencies"]]
    assert "tech-lassen" in codes
    row = data["competencies"][codes.index("tech-lassen")]
    assert set(row) == {"code", "label", "explanation", "score", "phrase", "words", "spans"}
    assert all(len(span) == 2 for span in row["spans"])
    assert len(data["competencies"]) <= 5 and len(data["skills"]) <= 5


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"text": ""}, "text_empty"),
        ({"text": "   "}, "text_empty"),
        ({"text": "x" * 5001}, "text_too_long"),
        ({}, None),
        ({"text": ["a"]}, None),
        ({"text": "lassen", "top": 0}, None),
        ({"text": "lassen", "top": 31}, None),
        ({"text": "lassen", "top": "veel"}, None),
    ],
)
def test_bad_input_is_a_400_in_dutch(client, search_indexes, body, code):
    response = client.post(URL, body, format="json")

    assert response.status_code == 400
    data = response.json()
    if code:
        assert data["code"] == code
    assert data["detail"]


def test_only_for_signed_in_users(search_indexes):
    response = APIClient().post(URL, {"text": "lassen"}, format="json")
    assert response.status_code in (401, 403)


def test_without_index_503(client, small_taxonomy, linking_dir):
    response = client.post(URL, {"text": "lassen"}, format="json")
    assert response.status_code == 503
    assert response.json()["code"] == "search_index_missing"
