"""Concurrent transfers on PostgreSQL: row locks keep a pool from being spent twice.

SQLite runs one writer at a time, so these only run on PostgreSQL (``DATABASE_URL``).
"""

import threading

import pytest
from django.db import connection, connections

from doorleren.accounts.tests.factories import UserFactory
from doorleren.budgets import selectors, services
from doorleren.budgets.models import AccountKind, Budget, LedgerAccount, LedgerTransaction, TransactionKind
from doorleren.core.errors import ApplicationError

from ..factories import funder, pool

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
CLIENTS = 8


def _run_together(work) -> list:
    barrier = threading.Barrier(CLIENTS)
    results: list = [None] * CLIENTS

    def run(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work(n)
        except ApplicationError as error:
            results[n] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _accounts(money):
    return [
        LedgerAccount.objects.create(
            funder=money, kind=AccountKind.RESIDENT_BUDGET, resident=UserFactory(), name=f"Budget {n}"
        )
        for n in range(CLIENTS)
    ]


def test_concurrent_transfers_never_overspend_a_pool():
    money = funder(funded_cents=300)
    source, targets = pool(money), _accounts(money)

    def work(n):
        return services.ledger_transfer(
            from_account=LedgerAccount.objects.get(pk=source.pk),
            to_account=targets[n],
            amount_cents=60,
            kind=TransactionKind.GRANT,
            reason="Tegelijk",
        )

    results = _run_together(work)
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == CLIENTS - 5
    assert {r.code for r in refused} == {"ledger_insufficient_balance"}
    assert pool(money).balance_cents == 0
    assert selectors.ledger_reconciliation().ok


def test_concurrent_retries_with_one_idempotency_key_transfer_once():
    money = funder(funded_cents=1_000)
    source, target = pool(money), _accounts(money)[0]

    def work(n):
        return services.ledger_transfer(
            from_account=LedgerAccount.objects.get(pk=source.pk),
            to_account=LedgerAccount.objects.get(pk=target.pk),
            amount_cents=100,
            kind=TransactionKind.RESERVATION,
            reason="Tegelijk",
            idempotency_key="een-sleutel",
        )

    results = _run_together(work)
    assert len({r.pk for r in results}) == 1
    assert LedgerTransaction.objects.filter(idempotency_key="een-sleutel").count() == 1
    assert pool(money).balance_cents == 900
    assert selectors.ledger_reconciliation().ok


def test_one_reservation_key_for_budgets_of_different_residents_at_once_reserves_once():
    """The resident's lock does not cover another resident: the database's unique key decides, and
    every other request gets the clear 409 (not a database error), with nothing written for it."""
    from ..factories import grant, resident, rule

    shared_rule = rule(funder_=funder(funded_cents=100_000), amount_cents=1_000)
    budget_ids = [grant(rule_=shared_rule, resident_=resident()).pk for _n in range(CLIENTS)]

    def work(n):
        budget = Budget.objects.select_related("account", "rule__funder").get(pk=budget_ids[n])
        return services.reservation_create(
            budget=budget, amount_cents=500, idempotency_key="gedeelde-sleutel", reason="Tegelijk"
        )

    results = _run_together(work)
    made = [r for r in results if isinstance(r, LedgerTransaction)]
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(made) == 1
    assert len(refused) == CLIENTS - 1
    assert {(r.code, r.status) for r in refused} == {("ledger_idempotency_key_reused", 409)}
    assert LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).count() == 1
    assert selectors.ledger_reconciliation().ok
