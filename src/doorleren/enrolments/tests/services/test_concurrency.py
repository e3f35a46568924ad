"""32 clients at once on PostgreSQL: never overspent, no entry lost, one enrolment per key.

SQLite runs one writer at a time, so these only run on PostgreSQL (``DATABASE_URL``), each client in
its own thread with its own database connection, all released together by a barrier.
"""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.db.models import Sum

from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets import services as budgets_services
from doorleren.budgets.models import (
    AccountKind,
    Budget,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import services
from doorleren.enrolments.models import Enrolment, EnrolmentFunding, EnrolmentState

from ..factories import enrol, module, provider_member, resident_with_budgets

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL"),
]
CLIENTS = 32


def _run_together(work) -> list:
    """``work(n)`` for n in 0..31, in 32 threads released at the same moment. An ``ApplicationError``
    is a result; any other error fails the test (a deadlock or a lost update would show here)."""
    barrier = threading.Barrier(CLIENTS)
    results: list = [None] * CLIENTS
    crashes: list = []

    def run(n: int) -> None:
        try:
            barrier.wait()
            results[n] = work(n)
        except ApplicationError as error:
            results[n] = error
        except Exception as error:  # noqa: BLE001 - reported below
            crashes.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not crashes, crashes
    return results


def _reserved_total(budget) -> int:
    return -(
        LedgerEntry.objects.filter(
            account_id=budget.account_id, transaction__kind=TransactionKind.RESERVATION
        ).aggregate(total=Sum("amount_cents"))["total"]
        or 0
    )


def _balance(account_id) -> int:
    return LedgerAccount.objects.get(pk=account_id).balance_cents


def _clean_ledger():
    result = budgets_selectors.ledger_reconciliation()
    assert result.ok, result
    assert not LedgerAccount.objects.filter(may_go_negative=False, balance_cents__lt=0).exists()


def test_32_clients_reserving_from_one_budget_never_overspend_it():
    setting = resident_with_budgets(50_000)
    budget_id = setting.budgets[0].pk

    def work(n):
        budget = Budget.objects.select_related("account", "rule__funder").get(pk=budget_id)
        return budgets_services.reservation_create(
            budget=budget, amount_cents=3_000, idempotency_key=f"een-budget-{n}", reason="Tegelijk"
        )

    results = _run_together(work)
    made = [r for r in results if isinstance(r, LedgerTransaction)]
    refused = [r for r in results if isinstance(r, ApplicationError)]
    assert (len(made), len(refused)) == (16, 16)  # 16 × 3,000 fits in 50,000; the 17th does not
    assert {r.code for r in refused} == {"ledger_insufficient_balance"}
    budget = setting.budgets[0]
    assert _balance(budget.account_id) == 2_000
    assert _reserved_total(budget) == 48_000
    # no entry lost: every committed reservation has both its entries, and nothing else was written
    assert LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).count() == 16
    assert LedgerEntry.objects.filter(transaction__in=[r.pk for r in made]).count() == 32
    assert LedgerAccount.objects.get(kind=AccountKind.RESERVATION).balance_cents == 48_000
    _clean_ledger()


def test_32_clients_reserving_from_32_budgets_all_succeed_exactly():
    settings_ = [resident_with_budgets(10_000) for _ in range(CLIENTS)]
    budget_ids = [s.budgets[0].pk for s in settings_]

    def work(n):
        budget = Budget.objects.select_related("account", "rule__funder").get(pk=budget_ids[n])
        return budgets_services.reservation_create(
            budget=budget, amount_cents=1_000 + n, idempotency_key=f"eigen-budget-{n}", reason="Tegelijk"
        )

    results = _run_together(work)
    assert all(isinstance(r, LedgerTransaction) for r in results)
    for n, setting in enumerate(settings_):
        assert _balance(setting.budgets[0].account_id) == 10_000 - (1_000 + n)
    assert LedgerEntry.objects.filter(transaction__kind=TransactionKind.RESERVATION).count() == 2 * CLIENTS
    _clean_ledger()


def test_32_residents_enrolling_at_once_against_budgets_of_one_funder():
    """Different budgets, the same funder: its pool, and the provider's modules, are shared."""
    course = module(price_cents=7_000)
    settings_ = [resident_with_budgets(5_000) for _ in range(CLIENTS)]

    def work(n):
        return enrol(settings_[n], course, idempotency_key=f"k-{n}")

    results = _run_together(work)
    assert all(isinstance(r, Enrolment) for r in results), results
    assert {(r.covered_cents, r.left_to_pay_cents) for r in results} == {(5_000, 2_000)}
    assert EnrolmentFunding.objects.count() == CLIENTS
    assert all(_balance(s.budgets[0].account_id) == 0 for s in settings_)
    _clean_ledger()


def test_32_enrolments_of_one_resident_at_once_never_overspend_the_budget():
    setting = resident_with_budgets(50_000)
    courses = [module(price_cents=3_000) for _ in range(CLIENTS)]

    def work(n):
        return enrol(setting, courses[n], idempotency_key=f"module-{n}")

    results = _run_together(work)
    assert all(isinstance(r, Enrolment) for r in results), results
    # Every enrolment stands; the budget paid what it had, the resident pays the rest, nothing is lost.
    assert sum(r.covered_cents for r in results) == 50_000
    assert sum(r.left_to_pay_cents for r in results) == CLIENTS * 3_000 - 50_000
    assert all(r.covered_cents + r.left_to_pay_cents == 3_000 for r in results)
    budget = setting.budgets[0]
    assert _balance(budget.account_id) == 0
    assert _reserved_total(budget) == 50_000
    assert EnrolmentFunding.objects.aggregate(total=Sum("amount_cents"))["total"] == 50_000
    _clean_ledger()


def test_32_retries_with_one_key_make_exactly_one_enrolment_and_one_reservation():
    setting = resident_with_budgets(30_000, 10_000)
    course = module(price_cents=45_000)

    def work(n):
        return enrol(setting, course, idempotency_key="dezelfde-sleutel")

    results = _run_together(work)
    assert all(isinstance(r, Enrolment) for r in results), results
    assert len({r.pk for r in results}) == 1
    assert Enrolment.objects.count() == 1
    assert LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).count() == 2
    assert [_balance(b.account_id) for b in setting.budgets] == [0, 0]
    _clean_ledger()


def test_32_retries_of_one_reservation_key_reserve_once():
    setting = resident_with_budgets(50_000)
    budget_id = setting.budgets[0].pk

    def work(n):
        budget = Budget.objects.select_related("account", "rule__funder").get(pk=budget_id)
        return budgets_services.reservation_create(
            budget=budget, amount_cents=4_000, idempotency_key="een-reservering", reason="Opnieuw"
        )

    results = _run_together(work)
    assert len({r.pk for r in results}) == 1
    assert _balance(setting.budgets[0].account_id) == 46_000
    _clean_ledger()


def test_32_payments_and_cancellations_at_once_keep_the_books_exact():
    """Half of 32 residents get their provider paid, half cancel, all at once; one provider payable is shared."""
    course = module(price_cents=8_000, hours=10)
    staff = provider_member(course)
    settings_ = [resident_with_budgets(6_000) for _ in range(CLIENTS)]
    enrolments = []
    for n, setting in enumerate(settings_):
        enrolment = enrol(setting, course, idempotency_key=f"p-{n}")
        if n % 2 == 0:
            enrolment = services.enrolment_confirm_start(enrolment=enrolment, actor=staff)
            enrolment = services.enrolment_confirm_attendance(
                enrolment=enrolment, actor=staff, attended_hours=10
            )
        enrolments.append(enrolment)

    def work(n):
        enrolment = Enrolment.objects.get(pk=enrolments[n].pk)
        if n % 2 == 0:
            return services.enrolment_pay(enrolment=enrolment, actor=None)
        return services.enrolment_cancel(enrolment=enrolment, actor=None)

    results = _run_together(work)
    assert [r.state for r in results] == [
        EnrolmentState.PAID if n % 2 == 0 else EnrolmentState.CANCELLED for n in range(CLIENTS)
    ]
    payables = LedgerAccount.objects.filter(kind=AccountKind.PROVIDER_PAYABLE, provider=course.provider)
    assert sum(p.balance_cents for p in payables) == 16 * 6_000
    assert [_balance(s.budgets[0].account_id) for s in settings_] == [
        0 if n % 2 == 0 else 6_000 for n in range(CLIENTS)
    ]
    assert not LedgerAccount.objects.filter(kind=AccountKind.RESERVATION).exclude(balance_cents=0).exists()
    _clean_ledger()
