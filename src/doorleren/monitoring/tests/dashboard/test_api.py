"""The outcomes API: the figures of one cell and one figure per municipality, small cells without value."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

CELL = "/api/v1/monitoring/outcomes/"
BY_MUNICIPALITY = "/api/v1/monitoring/outcomes/by-municipality/"


def _get(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def test_the_office_gets_every_figure_of_a_cell_with_its_state(client, office, figures):
    response = _get(client, office, CELL, period="2025", measure=figures["first"].pk)
    assert response.status_code == 200
    body = response.json()
    assert (
        body["period"] == "2025" and body["measure"] == figures["first"].pk and body["municipality"] is None
    )
    by_metric = {row["metric"]: row for row in body["figures"]}
    assert by_metric["reached"] == {
        "metric": "reached",
        "label": "Inwoners bereikt",
        "state": "shown",
        "value": 38,
    }
    assert by_metric["routes_started"]["state"] == "none" and by_metric["routes_started"]["value"] is None
    assert by_metric["work_rate_6m"]["state"] == "shown"
    assert by_metric["work_rate_6m"]["value"] == pytest.approx(12 / 38)


def test_a_small_cell_has_no_value_in_the_api(client, office, figures):
    body = _get(client, office, CELL, period="2025", municipality="GM0106").json()
    reached = next(row for row in body["figures"] if row["metric"] == "reached")
    assert reached["state"] == "small" and reached["value"] is None
    assert body["municipality"] == "GM0106"


def test_an_old_municipality_code_gives_the_figures_of_its_successor(client, office, figures):
    body = _get(client, office, CELL, period="2025", municipality="GM0017").json()  # Haren → Groningen
    assert body["municipality"] == "GM0014"


def test_by_municipality_hides_small_cells_and_their_neighbour(client, office, figures):
    response = _get(
        client, office, BY_MUNICIPALITY, period="2025", metric="reached", measure=figures["first"].pk
    )
    assert response.status_code == 200
    body = response.json()
    rows = {row["code"]: row for row in body["municipalities"]}
    assert rows["GM0106"] == {"code": "GM0106", "name": "Assen", "state": "small", "value": None}
    assert rows["GM1680"]["state"] == "hidden" and rows["GM1680"]["value"] is None
    assert rows["GM0014"]["value"] == 20
    assert body["total"] == {"state": "shown", "value": 38}
    assert body["label"] == "Inwoners bereikt"


def test_a_resident_gets_403_and_anonymous_is_refused(client, resident, figures):
    assert client.get(CELL).status_code in (401, 403)
    response = _get(client, resident, CELL)
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"
    assert _get(client, resident, BY_MUNICIPALITY).status_code == 403


@pytest.mark.parametrize(
    ("url", "params", "status", "code"),
    [
        (CELL, {"period": "2025-K7"}, 400, "monitoring_period_invalid"),
        (CELL, {"target_group": "kinderen"}, 400, "monitoring_target_group_invalid"),
        (CELL, {"measure": "abc"}, 400, "invalid"),
        (CELL, {"measure": "999999"}, 404, "not_found"),
        (CELL, {"municipality": "GM9999"}, 404, "municipality_unknown"),
        (BY_MUNICIPALITY, {"metric": "salaris"}, 400, "monitoring_metric_invalid"),
        (BY_MUNICIPALITY, {"period": "x" * 500}, 400, "invalid"),
    ],
)
def test_bad_input_gives_a_dutch_error(client, office, figures, url, params, status, code):
    response = _get(client, office, url, **params)
    assert response.status_code == status
    assert response.json()["code"] == code
    assert response.json()["detail"]
