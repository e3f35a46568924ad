"""The API: choices (GET/PUT), result, host ranking (PUT), allocate (POST); bad input is a Dutch 4xx."""

import pytest
from rest_framework.test import APIClient

from doorleren.placement.models import LearnerChoice

pytestmark = pytest.mark.django_db
API = "/api/v1/placement/rounds/"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_choose_rank_allocate_and_read_why(small, new_learner):
    person = new_learner("student")
    learner = _client(person)
    url = f"{API}{small.round.pk}/my-choices/"
    response = learner.put(url, {"assignments": [small.a[1].pk, small.a[0].pk]}, format="json")
    assert response.status_code == 200, response.json()
    assert [c["assignment"] for c in response.json()["choices"]] == [small.a[1].pk, small.a[0].pk]

    host = _client(small.host)
    ranking = f"{API}{small.round.pk}/assignments/{small.a[1].pk}/ranking/"
    assert host.get(ranking).json()[0]["label"] == str(person)
    assert host.put(ranking, {"scores": {str(person.pk): 8}}, format="json").status_code == 200

    organiser = _client(small.organiser)
    small.close()
    response = organiser.post(f"{API}{small.round.pk}/allocate/")
    assert response.status_code == 200
    assert response.json()["counts"]["blocking_pairs"] == 0
    assert organiser.post(f"{API}{small.round.pk}/allocate/").status_code == 409

    result = learner.get(f"{API}{small.round.pk}/my-result/").json()
    assert result["placed"] and result["code"] == "first_choice"
    assert result["text"] == "U bent geplaatst bij Digitaal wegen. Dat was uw eerste keus."


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"assignments": [987654]}, "assignment_unknown"),
        ({"assignments": list(range(1, 12))}, "too_many_choices"),
        ({"assignments": [1, 1]}, "duplicate_in_list"),
        ({"assignments": "1,2"}, "invalid"),
        ([1, 2], "parse_error"),
    ],
)
def test_bad_choices_are_a_dutch_400(small, new_learner, body, code):
    response = _client(new_learner("student")).put(f"{API}{small.round.pk}/my-choices/", body, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert response.json()["detail"]
    assert not LearnerChoice.objects.exists()


def test_forged_round_and_wrong_people_are_refused(small, make_small, new_learner):
    other = make_small()
    person = new_learner("student")
    assert (
        _client(person).put(f"{API}987654321/my-choices/", {"assignments": []}, format="json").status_code
        == 404
    )
    forged = f"{API}{small.round.pk}/assignments/{other.a[0].pk}/ranking/"
    assert _client(small.host).put(forged, {"ranking": []}, format="json").status_code == 404
    own = f"{API}{small.round.pk}/assignments/{small.a[0].pk}/ranking/"
    assert _client(person).put(own, {"ranking": []}, format="json").status_code == 403
    assert _client(small.host).post(f"{API}{small.round.pk}/allocate/").status_code == 403
    assert _client(small.host).get(f"{API}{small.round.pk}/my-choices/").status_code == 403
    assert APIClient().get(f"{API}{small.round.pk}/").status_code == 200
