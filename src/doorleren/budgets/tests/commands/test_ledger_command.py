"""``doorleren ledger check``: one JSON line about the books; exit code 1 when they do not reconcile."""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from doorleren.budgets import services
from doorleren.budgets.models import LedgerEntry

from ..factories import funder, grant, resident, rule

pytestmark = pytest.mark.django_db


def _small_ledger():
    """Pool funding, two grants and one reversal: 4 transactions, 8 entries, 4 accounts."""
    money = funder(funded_cents=100_000)
    regulation = rule(funder_=money, amount_cents=30_000)
    budget = grant(rule_=regulation, resident_=resident())
    services.ledger_reverse(
        transaction=grant(rule_=regulation, resident_=resident()).grant_transaction, reason="Fout", actor=None
    )
    return budget


def _check(capsys) -> tuple[dict, str, int]:
    code = 0
    try:
        call_command("ledger", "check")
    except SystemExit as exit_:
        code = exit_.code
    captured = capsys.readouterr()
    lines = captured.out.strip().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0]), captured.err, code


def test_sound_books_print_ok_with_the_counts_and_totals_per_kind(capsys):
    _small_ledger()
    result, err, code = _check(capsys)
    assert code == 0
    assert err == ""
    assert result["ok"] is True
    assert (result["accounts"], result["transactions"], result["entries"]) == (4, 4, 8)
    assert result["total_cents"] == 0
    assert result["problems"] == 0
    assert result["per_kind_cents"] == {
        "external": -100_000,
        "funder_pool": 70_000,
        "resident_budget": 30_000,
        "reservation": 0,
        "provider_payable": 0,
    }


def test_an_empty_ledger_is_ok(capsys):
    result, _err, code = _check(capsys)
    assert code == 0
    assert result["ok"] is True
    assert (result["accounts"], result["transactions"], result["entries"]) == (0, 0, 0)


def test_an_entry_changed_in_the_database_exits_with_code_1_and_a_dutch_line(capsys):
    budget = _small_ledger()
    entry = LedgerEntry.objects.filter(account=budget.account).first()
    # Bypass the append-only guard (the model refuses save()), as a manual edit in the database would.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE budgets_ledgerentry SET amount_cents = amount_cents + 5 WHERE id = %s", [entry.pk]
        )
    result, err, code = _check(capsys)
    assert code == 1
    assert result["ok"] is False
    assert result["total_cents"] == 5
    assert result["unbalanced_transactions"] == [entry.transaction_id]
    assert result["mismatched_accounts"] == [budget.account.pk]
    assert result["per_kind_cents"]["resident_budget"] == 30_005
    assert len(err.strip().splitlines()) == 1
    assert err.strip() == (
        "De boeken kloppen niet. Rekeningen met een verkeerd saldo: 1. Boekingen die niet op nul uitkomen: 1. "
        "Rekeningen onder nul: 0. Alle regels samen: 5 cent (dat moet 0 zijn)."
    )
