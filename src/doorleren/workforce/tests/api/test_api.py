"""``/api/v1/workforce/``: the scan and plans for the employer, the employee's own plans and decision."""

import json

from django.test import Client

from doorleren.workforce.models import PlanState

from ..factories import proposed_plan, revoke_share


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_employer_reads_the_scan_with_the_shared_gap(world):
    proposed_plan(world)
    data = _client(world.henk).get("/api/v1/workforce/scan/").json()
    role = data["roles"][0]
    assert role["title"] == "Sorteerder" and len(role["competencies"]) == 5
    holder = role["holders"][0]
    assert holder["shared"] and {row["code"] for row in holder["gap"]} >= {"afval-digitaal-volgen"}
    revoke_share(world)
    holder = _client(world.henk).get("/api/v1/workforce/scan/").json()["roles"][0]["holders"][0]
    assert holder["gap"] is None and holder["reason"]


def test_the_firm_plan_hides_figures_that_are_not_shared(world):
    _role, _holder, plan = proposed_plan(world)
    data = _client(world.henk).get("/api/v1/workforce/plans/").json()
    assert data["total_cents"] == data["covered_cents"] + data["own_contribution_cents"] == plan.total_cents
    revoke_share(world)
    data = _client(world.henk).get("/api/v1/workforce/plans/").json()
    assert data["plans"][0]["total_cents"] is None and data["plans"][0]["items"] == []
    detail = _client(world.henk).get(f"/api/v1/workforce/plans/{plan.pk}/").json()
    assert detail["items"] == [] and detail["shared"] is False


def test_roles_that_may_not_read(world):
    _role, _holder, plan = proposed_plan(world)
    assert _client(world.anne).get("/api/v1/workforce/scan/").status_code == 403
    assert _client(world.other_employer).get(f"/api/v1/workforce/plans/{plan.pk}/").status_code == 404
    assert _client(world.stranger).get(f"/api/v1/workforce/plans/{plan.pk}/").status_code == 404
    assert Client().get("/api/v1/workforce/scan/").status_code in (401, 403)


def test_the_employee_agrees_through_the_api(world):
    _role, _holder, plan = proposed_plan(world)
    client = _client(world.anne)
    mine = client.get("/api/v1/workforce/my-plans/").json()
    assert [row["id"] for row in mine] == [plan.pk]
    body = json.dumps({"plan": plan.pk, "decision": "agree"})
    response = client.post("/api/v1/workforce/my-plans/decisions/", body, content_type="application/json")
    assert response.status_code == 200 and response.json()["state"] == PlanState.AGREED
    again = client.post("/api/v1/workforce/my-plans/decisions/", body, content_type="application/json")
    assert again.status_code == 409 and again.json()["detail"]


def test_bad_decisions_are_refused_in_dutch(world):
    _role, _holder, plan = proposed_plan(world)
    for body, client, status in (
        ({"plan": plan.pk, "decision": "agree"}, _client(world.stranger), 404),
        ({"plan": plan.pk, "decision": "agree"}, _client(world.henk), 403),
        ({"plan": plan.pk, "decision": "ja"}, _client(world.anne), 400),
        ({"plan": 10**20, "decision": "agree"}, _client(world.anne), 400),
        ({"plan": plan.pk, "decision": "decline", "reason": "x" * 501}, _client(world.anne), 400),
    ):
        response = client.post(
            "/api/v1/workforce/my-plans/decisions/", json.dumps(body), content_type="application/json"
        )
        assert response.status_code == status and response.json()["detail"]
    plan.refresh_from_db()
    assert plan.state == PlanState.PROPOSED
