"""Concurrent allocation on PostgreSQL: a double click on "Verdeel het geld" allocates once, and a
resident who applies in several tabs at once gets one application.

SQLite runs one writer at a time, so these only run on PostgreSQL (``DATABASE_URL``).
"""

import threading

import pytest
from django.db import connection, connections

from doorleren.audit.selectors import audit_events
from doorleren.budgets import selectors, services
from doorleren.budgets.models import AllocationRound, Budget, BudgetApplication
from doorleren.core.errors import ApplicationError

from ..allocation_factories import AFTER, allocation_round, apply
from ..factories import TODAY, resident

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
CLIENTS = 6


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


def test_concurrent_allocations_allocate_once():
    made = allocation_round(money_cents=100_000, amount_cents=30_000)
    for _ in range(5):
        apply(made, resident())

    def work(n):
        return services.allocation_round_allocate(
            round=AllocationRound.objects.get(pk=made.pk), actor=None, today=AFTER
        )

    results = _run_together(work)
    assert all(isinstance(result, AllocationRound) for result in results)
    assert Budget.objects.count() == 3
    assert audit_events(action_prefix="budgets.allocation_round_allocate").count() == 1
    assert selectors.ledger_reconciliation().ok


def test_concurrent_applications_of_one_resident_give_one_application():
    made = allocation_round()
    anne = resident()

    def work(n):
        return services.budget_application_submit(round=made, resident=anne, actor=anne, today=TODAY)

    results = _run_together(work)
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert len(refused) == CLIENTS - 1
    assert {r.code for r in refused} == {"budget_application_exists"}
    assert BudgetApplication.objects.filter(round=made, resident=anne).count() == 1
