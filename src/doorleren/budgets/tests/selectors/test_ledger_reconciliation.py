"""account_balance and ledger_reconciliation: derived from the entries, and they catch a broken ledger."""

import pytest
from django.db import connection

from doorleren.budgets import selectors, services
from doorleren.budgets.models import LedgerEntry

from ..factories import TODAY, external, funder, grant, pool, resident, rule

pytestmark = pytest.mark.django_db


def _some_activity():
    money = funder(funded_cents=100_000)
    regulation = rule(funder_=money, amount_cents=30_000)
    budget = grant(rule_=regulation, resident_=resident())
    services.ledger_reverse(
        transaction=grant(rule_=regulation, resident_=resident()).grant_transaction, reason="Fout", actor=None
    )
    return money, budget


def test_a_sound_ledger_reconciles():
    money, budget = _some_activity()
    result = selectors.ledger_reconciliation()
    assert result.ok
    assert result.total_cents == 0
    assert result.mismatches == () == result.unbalanced == result.negative
    assert result.transactions == 4
    assert selectors.account_balance(account=pool(money)) == 70_000
    assert selectors.account_balance(account=external(money)) == -100_000
    assert selectors.account_balance(account=budget.account) == 30_000


def test_an_empty_ledger_reconciles():
    assert selectors.ledger_reconciliation().ok


def _raw(sql: str, params) -> None:
    """Break the ledger behind the services' back, as a bug or a manual edit would."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_stored_balance_that_differs_from_the_entries_is_reported():
    money, _budget = _some_activity()
    target = pool(money)
    _raw(
        "UPDATE budgets_ledgeraccount SET balance_cents = balance_cents + 1 WHERE id = %s",
        [target.pk],
    )
    result = selectors.ledger_reconciliation()
    assert not result.ok
    assert [(m.account.pk, m.stored_cents, m.derived_cents) for m in result.mismatches] == [
        (target.pk, 70_001, 70_000)
    ]


def test_an_entry_that_breaks_the_zero_sum_is_reported():
    _money, budget = _some_activity()
    entry = LedgerEntry.objects.filter(account=budget.account).first()
    _raw("UPDATE budgets_ledgerentry SET amount_cents = amount_cents + 5 WHERE id = %s", [entry.pk])
    result = selectors.ledger_reconciliation()
    assert not result.ok
    assert result.total_cents == 5
    assert [t.pk for t in result.unbalanced] == [entry.transaction_id]
    assert [m.account.pk for m in result.mismatches] == [budget.account.pk]


def test_the_overview_per_funder_hides_figures_about_few_residents():
    money, _budget = _some_activity()
    row = next(row for row in selectors.funder_overview(today=TODAY) if row.funder == money)
    assert row.funded_cents == 100_000
    assert row.pool_cents == 70_000
    assert row.budgets.value == 1 and row.budgets.suppressed
    assert row.granted_cents is None and row.in_budgets_cents is None
    assert row.rules == 1


def test_the_overview_shows_figures_from_ten_residents_on():
    money = funder(funded_cents=1_000_000)
    regulation = rule(funder_=money, amount_cents=10_000)
    for _ in range(selectors.SMALL_CELL):
        grant(rule_=regulation, resident_=resident())
    row = next(row for row in selectors.funder_overview(today=TODAY) if row.funder == money)
    assert not row.budgets.suppressed
    assert row.granted_cents == 100_000 == row.in_budgets_cents
    assert row.pool_cents == 900_000
