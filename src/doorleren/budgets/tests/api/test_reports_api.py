"""GET /api/v1/budgets/reports/?per=...: the money report as JSON, for coaches, the programme office
and administrators; small cells are null; a bad ``per`` is a Dutch 400."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors

from ..report_factories import report_world

pytestmark = pytest.mark.django_db

URL = "/api/v1/budgets/reports/"
MONEY = (
    "granted_cents",
    "spent_cents",
    "committed_cents",
    "released_cents",
    "remaining_cents",
    "expired_cents",
)


def _client(role: str = "programme_office") -> Client:
    client = Client()
    client.force_login(UserFactory(role=role))
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("coach", 200),
        ("programme_office", 200),
        ("administrator", 200),
        ("resident", 403),
        ("employer", 403),
        ("school", 403),
    ],
)
def test_only_coaches_the_programme_office_and_administrators(role, status):
    response = _client(role).get(URL)
    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "permission_denied"


def test_anonymous_gets_403():
    assert Client().get(URL).status_code == 403


@pytest.mark.parametrize("value", ["gemeente", "", "FUNDER", "x" * 3000])
def test_a_bad_breakdown_is_a_dutch_400(value):
    response = _client().get(URL, {"per": value})
    assert response.status_code == 400
    assert response.json() == {
        "code": "report_per_invalid",
        "detail": "Kies hoe u het rapport wilt zien: per financier, programmalijn, gemeente of doelgroep.",
    }


def test_per_funder_by_default_with_the_reconciliation():
    world = report_world()
    body = _client().get(URL).json()
    assert (body["per"], body["per_label"], body["small_cell"]) == ("funder", "financier", 10)
    assert body["date"] == timezone.localdate().isoformat()
    rows = {row["label"]: row for row in body["rows"]}
    regional = rows[world.regional.name]
    assert regional["state"] == "shown"
    assert (regional["residents"], regional["granted_cents"], regional["spent_cents"]) == (
        12,
        6_000_00,
        200_00,
    )
    assert regional["committed_cents"] == 150_00
    assert regional["funded_cents"] == 10_000_00
    small = rows[world.uwv.name]
    assert small["state"] == "small"
    assert small["residents"] is None and all(small[name] is None for name in MONEY)
    assert small["pool_cents"] == 700_00
    assert rows[world.own.name]["state"] == "hidden"
    assert body["extra_hidden"] is True
    assert body["total"]["residents"] == 26
    assert body["total"]["granted_cents"] == 9_050_00
    assert body["reconciliation"] == {
        "ok": True,
        "total_cents": 0,
        "accounts": body["reconciliation"]["accounts"],
        "transactions": body["reconciliation"]["transactions"],
        "mismatches": 0,
        "unbalanced": 0,
        "negative": 0,
    }


@pytest.mark.parametrize("per", ["funder", "programme_line", "municipality", "target_group"])
def test_the_json_is_the_report(per):
    report_world()
    body = _client("coach").get(URL, {"per": per}).json()
    report = selectors.money_report(by=per, today=timezone.localdate())
    assert [row["key"] for row in body["rows"]] == [row.key for row in report.rows]
    for item, row in zip(body["rows"] + [body["total"]], [*report.rows, report.total], strict=True):
        assert item["state"] == row.state
        assert [item[name] for name in MONEY] == [getattr(row, name) for name in MONEY]


def test_per_programme_line_uses_the_lines_codes():
    report_world()
    body = _client().get(URL, {"per": "programme_line"}).json()
    rows = {row["key"]: row for row in body["rows"]}
    assert rows["kwalificerend-onderwijs"]["granted_cents"] == 6_000_00
    assert rows["onbekend"]["label"] == "Geen programmalijn"
    assert rows["onbekend"]["residents"] == 14
    assert rows["kwalificerend-onderwijs"]["fund_granted_cents"] == 0
