"""GET /api/v1/budgets/ledger/: the ledger overview as JSON, for coaches, the programme office and
administrators. The figures are ``funder_overview``'s; a funder with fewer than 10 residents with a
budget shows no count and no amounts about those budgets (null, state "small"); no names."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors
from doorleren.budgets.models import LedgerAccount

from ..factories import funder
from ..report_factories import report_world

pytestmark = pytest.mark.django_db

URL = "/api/v1/budgets/ledger/"


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
    funder(name="Regionaal LLO-budget")
    response = _client(role).get(URL)
    assert response.status_code == status
    if status == 403:
        assert response.json()["code"] == "permission_denied"
    else:
        assert [row["funder"]["name"] for row in response.json()["rows"]] == ["Regionaal LLO-budget"]


def test_anonymous_gets_403():
    assert Client().get(URL).status_code == 403


def test_the_rows_are_the_pages_figures_and_small_cells_are_null():
    world = report_world()
    body = _client("coach").get(URL).json()
    today = timezone.localdate()
    assert (body["date"], body["small_cell"]) == (today.isoformat(), selectors.SMALL_CELL)
    expected = selectors.funder_overview(today=today)
    assert [row["funder"]["id"] for row in body["rows"]] == [row.funder.pk for row in expected]
    for item, row in zip(body["rows"], expected, strict=True):
        assert item["state"] == ("small" if row.small else "shown")
        assert item["residents"] == (None if row.budgets.suppressed else row.budgets.value)
        assert (item["funded_cents"], item["pool_cents"], item["rules"]) == (
            row.funded_cents,
            row.pool_cents,
            row.rules,
        )
        assert (item["granted_cents"], item["in_budgets_cents"]) == (row.granted_cents, row.in_budgets_cents)
    rows = {row["funder"]["name"]: row for row in body["rows"]}
    regional = rows[world.regional.name]
    assert regional["state"] == "shown"
    assert (regional["residents"], regional["granted_cents"], regional["funded_cents"]) == (
        12,
        6_000_00,
        10_000_00,
    )
    uwv = rows[world.uwv.name]
    assert uwv["state"] == "small"
    assert (uwv["residents"], uwv["granted_cents"], uwv["in_budgets_cents"]) == (None, None, None)
    assert uwv["funded_cents"] == 1_000_00 and uwv["pool_cents"] == 700_00


def test_the_reconciliation_gives_counts_not_accounts():
    world = report_world()
    body = _client("administrator").get(URL).json()
    check = selectors.ledger_reconciliation()
    assert body["reconciliation"] == {
        "ok": True,
        "total_cents": 0,
        "accounts": check.accounts,
        "transactions": check.transactions,
        "mismatches": 0,
        "unbalanced": 0,
        "negative": 0,
    }
    text = json.dumps(body)
    for budget in world.budgets:
        assert budget.resident.last_name not in text
    for name in LedgerAccount.objects.filter(resident__isnull=False).values_list("name", flat=True):
        assert name not in text


def test_a_ledger_that_does_not_add_up_says_so():
    funder(name="Regionaal LLO-budget")
    account = LedgerAccount.objects.filter(kind="funder_pool").first()
    LedgerAccount.objects.filter(pk=account.pk).update(balance_cents=account.balance_cents + 1)
    body = _client().get(URL).json()
    assert body["reconciliation"]["ok"] is False
    assert body["reconciliation"]["mismatches"] == 1
