"""Decisions and payments at the same time, on PostgreSQL: row locks keep the ceiling and pay once.

SQLite runs one writer at a time, so these only run on PostgreSQL (``DATABASE_URL``).
"""

import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum

from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets.models import LedgerTransaction
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import FundApplication

from ..factories import call, fund, granted, office, reviewed

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


def test_decisions_at_the_same_time_never_exceed_the_ceiling():
    ceiling = call(ceiling_cents=50_000_00, max_per_application_cents=20_000_00)
    applications = [reviewed(call_=ceiling, requested_cents=20_000_00)[0] for _n in range(CLIENTS)]
    deciders = [office() for _n in range(CLIENTS)]

    def work(n):
        return services.fund_application_decide(
            actor=deciders[n],
            application=FundApplication.objects.get(pk=applications[n].pk),
            grant=True,
            amount_cents=20_000_00,
            reason="Tegelijk",
        )

    results = _run_together(work)
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == CLIENTS - 2
    assert {r.code for r in refused} == {"fund_call_ceiling_exceeded"}
    total = FundApplication.objects.filter(call=ceiling, state="granted").aggregate(t=Sum("granted_cents"))[
        "t"
    ]
    assert total == 40_000_00 <= ceiling.ceiling_cents


def test_decisions_on_two_calls_of_one_fund_never_promise_more_than_the_pool():
    money = fund(funded_cents=60_000_00)
    calls = [
        call(funder_=money, ceiling_cents=100_000_00, max_per_application_cents=20_000_00) for _n in range(2)
    ]
    applications = [reviewed(call_=calls[n % 2], requested_cents=20_000_00)[0] for n in range(CLIENTS)]
    deciders = [office() for _n in range(CLIENTS)]

    def work(n):
        return services.fund_application_decide(
            actor=deciders[n],
            application=FundApplication.objects.get(pk=applications[n].pk),
            grant=True,
            amount_cents=20_000_00,
            reason="Tegelijk",
        )

    results = _run_together(work)
    assert sum(not isinstance(r, ApplicationError) for r in results) == 3
    assert {r.code for r in results if isinstance(r, ApplicationError)} == {"fund_pool_short"}


def test_paying_at_the_same_time_pays_once():
    application, _ = granted()
    payers = [office() for _n in range(CLIENTS)]

    def work(n):
        return services.fund_application_pay(
            actor=payers[n], application=FundApplication.objects.get(pk=application.pk)
        )

    results = _run_together(work)
    assert not [r for r in results if isinstance(r, ApplicationError)]
    assert LedgerTransaction.objects.filter(kind="payment").count() == 1
    assert len({r.payment_transaction_id for r in results}) == 1
    assert budgets_selectors.ledger_reconciliation().ok
