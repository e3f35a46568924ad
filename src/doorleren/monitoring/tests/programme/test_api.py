"""The programme API: the programme office and administrators read and change measures; others get
403, anonymous callers 401/403; PATCH needs version and reason (409 when stale); bad input gives a
Dutch 4xx and changes nothing."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from doorleren.accounts.tests.factories import UserFactory
from doorleren.monitoring.models import Activity, Measure, MeasureJudgement, MeasureTarget
from doorleren.monitoring.services import programme as services

pytestmark = pytest.mark.django_db

GOOD = {
    "programme_line": "inclusieve-arbeidsmarkt",
    "code": "basisbanen",
    "name": "Experiment basisbanen",
    "responsible_name": "Gemeente Groningen",
    "budget_cents": 320_000_000,
    "starts_on": "2021-01-01",
    "ends_on": "2025-12-31",
    "target_groups": ["job_seeker"],
    "municipalities": ["GM0014", "GM0106"],
    "status": "running",
}


def _client(user=None) -> Client:
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def _send(client, method: str, url: str, body=None):
    return getattr(client, method)(url, data=json.dumps(body or {}), content_type="application/json")


def test_the_office_creates_reads_and_lists_measures(office):
    client = _client(office)
    response = _send(client, "post", reverse("api-v1:monitoring-measures"), GOOD)
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["code"] == "basisbanen"
    assert body["version"] == 1
    assert body["programme_line"]["code"] == "inclusieve-arbeidsmarkt"
    assert [m["code"] for m in body["municipalities"]] == ["GM0106", "GM0014"]
    listed = client.get(reverse("api-v1:monitoring-measures")).json()
    assert listed["count"] == 1
    assert listed["results"][0]["latest_verdict"] is None
    detail = client.get(reverse("api-v1:monitoring-measure", args=[body["id"]])).json()
    assert detail["budget_cents"] == 320_000_000
    assert detail["targets"] == [] and detail["activities"] == []


def test_patch_changes_the_fields_sent_and_the_versions_show_it(office, measure):
    client = _client(office)
    url = reverse("api-v1:monitoring-measure", args=[measure.pk])
    response = _send(client, "patch", url, {"version": 1, "reason": "Meer geld", "budget_cents": 12_000_000})
    assert response.status_code == 200, response.json()
    assert response.json()["version"] == 2
    assert response.json()["name"] == "Onderzoek naar wat werkt"
    versions = client.get(reverse("api-v1:monitoring-measure-versions", args=[measure.pk])).json()
    assert [v["version"] for v in versions] == [2, 1]
    assert versions[0]["changes"] == ["Budget: € 100.000,00 → € 120.000,00"]
    assert versions[0]["changed_fields"] == ["budget_cents"]
    assert versions[0]["snapshot"]["budget_cents"] == 12_000_000
    assert versions[0]["changed_by"] == "Pim Bureau"


def test_patch_with_a_stale_version_gives_409_and_changes_nothing(office, measure):
    client = _client(office)
    url = reverse("api-v1:monitoring-measure", args=[measure.pk])
    _send(client, "patch", url, {"version": 1, "reason": "Eerst", "name": "Ander"})
    response = _send(client, "patch", url, {"version": 1, "reason": "Later", "budget_cents": 5})
    assert response.status_code == 409
    assert response.json()["code"] == "measure_version_stale"
    assert (
        response.json()["detail"]
        == "Iemand anders heeft deze maatregel net gewijzigd. Laad de pagina opnieuw."
    )
    measure.refresh_from_db()
    assert measure.budget_cents == 100_000_00 and measure.version == 2


@pytest.mark.parametrize(
    "body",
    [
        {"reason": "x", "name": "y"},
        {"version": 1, "name": "y"},
        {"version": "een", "reason": "x"},
        {"version": 1, "reason": "x", "municipalities": ["GM9999"]},
        {"version": 1, "reason": "x", "programme_line": "bestaat-niet"},
        {"version": 1, "reason": "x", "partners": [987654]},
        {"version": 1, "reason": "x", "budget_cents": -1},
        {"version": 1, "reason": "x", "ends_on": "2000-01-01"},
        {"version": 1, "reason": "x", "code": "Geen Slug"},
        {"version": 1, "reason": "x", "municipalities": ["GM0009"]},  # Ten Boer: merged into Groningen
    ],
)
def test_bad_patches_are_refused_in_dutch(office, measure, body):
    response = _send(_client(office), "patch", reverse("api-v1:monitoring-measure", args=[measure.pk]), body)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert response.json()["code"]
    measure.refresh_from_db()
    assert measure.version == 1


@pytest.mark.parametrize("role", ["resident", "coach", "employer"])
def test_other_roles_get_403(role, measure):
    client = _client(UserFactory(role=role))
    assert client.get(reverse("api-v1:monitoring-measures")).status_code == 403
    assert client.get(reverse("api-v1:monitoring-measure", args=[measure.pk])).status_code == 403
    assert _send(client, "post", reverse("api-v1:monitoring-measures"), GOOD).status_code == 403
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-measure-judgements", args=[measure.pk]),
        {"verdict": "stop", "reason": "x"},
    )
    assert response.status_code == 403
    assert response.json()["detail"]
    assert Measure.objects.count() == 1 and not MeasureJudgement.objects.exists()


def test_anonymous_callers_are_refused(measure):
    for url in (
        reverse("api-v1:monitoring-measures"),
        reverse("api-v1:monitoring-measure", args=[measure.pk]),
    ):
        response = _client().get(url)
        assert response.status_code in (401, 403)
        assert response.json()["code"] in ("not_authenticated", "permission_denied")


def test_unknown_ids_give_404(office, measure):
    client = _client(office)
    assert client.get(reverse("api-v1:monitoring-measure", args=[measure.pk + 50])).status_code == 404
    assert client.get(reverse("api-v1:monitoring-measure", args=[99999999999999999999])).status_code == 404
    response = client.delete(reverse("api-v1:monitoring-measure-target", args=[measure.pk, 4242]))
    assert response.status_code == 404
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-activity-results", args=[measure.pk, 4242]),
        {"year": 2023, "description": "x", "value": 1, "unit": "x"},
    )
    assert response.status_code == 404


def test_targets_activities_results_and_judgements(office, measure, indicators):
    client = _client(office)
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-measure-targets", args=[measure.pk]),
        {"indicator": "netto-arbeidsparticipatie", "target_value": "66.5", "target_year": 2026},
    )
    assert response.status_code == 201, response.json()
    assert response.json()["targets"][0]["target_value"] == "66.5000"
    target_id = response.json()["targets"][0]["id"]
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-measure-targets", args=[measure.pk]),
        {"indicator": "bestaat-niet", "target_value": "1", "target_year": 2026},
    )
    assert response.status_code == 400
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-measure-activities", args=[measure.pk]),
        {"name": "Meten", "starts_on": "2022-01-01", "cost_cents": 500_000},
    )
    assert response.status_code == 201
    activity_id = response.json()["activities"][0]["id"]
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-activity-results", args=[measure.pk, activity_id]),
        {"year": 2023, "description": "Metingen", "value": 4, "unit": "metingen"},
    )
    assert response.status_code == 201
    assert response.json()["activities"][0]["results"][0]["value"] == 4
    response = _send(
        client,
        "post",
        reverse("api-v1:monitoring-measure-judgements", args=[measure.pk]),
        {"verdict": "continue", "reason": "Het werkt."},
    )
    assert response.status_code == 201
    assert response.json()["verdict"] == "continue" and response.json()["estimate"] is None
    response = client.delete(reverse("api-v1:monitoring-measure-target", args=[measure.pk, target_id]))
    assert response.status_code == 200
    assert response.json()["targets"] == []
    assert response.json()["version"] == 5
    assert not MeasureTarget.objects.exists()
    assert Activity.objects.count() == 1


def test_a_measure_of_another_measure_cannot_be_reached(office, measure):
    from .conftest import make_measure

    other = make_measure(office, code="ander")
    activity = services.activity_create(actor=office, measure=other, name="A", starts_on=measure.starts_on)
    response = _send(
        _client(office),
        "post",
        reverse("api-v1:monitoring-activity-results", args=[measure.pk, activity.pk]),
        {"year": 2023, "description": "x", "value": 1, "unit": "x"},
    )
    assert response.status_code == 404
    assert not activity.results.exists()
