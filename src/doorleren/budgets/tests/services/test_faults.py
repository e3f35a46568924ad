"""A reservation whose database connection dies halfway: nothing of it stays, and a retry reserves once.

The test kills the reservation's own server process (``pg_terminate_backend``), as a crash of the
database server, a failover or a cut network would, while the reservation is inside its database
transaction. Afterwards the ledger must be exactly as before (no transaction without its two entries,
no balance moved, no reservation account or audit line left behind), ``ledger_reconciliation`` must be
clean, and a retry with the same idempotency key must reserve exactly once.

PostgreSQL only (``DATABASE_URL``): SQLite has no server process to kill and no row locks to wait on.
Each reservation runs in its own thread with its own connection; the test's connection watches it
(``pg_stat_activity``) and kills it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from django.db import InterfaceError, OperationalError, connection, connections

from doorleren.audit.models import AuditEvent
from doorleren.budgets import selectors, services
from doorleren.budgets.models import (
    AccountKind,
    Budget,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)

from ..factories import funder, grant, resident, rule

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="killing a database connection needs PostgreSQL (pg_terminate_backend)",
    ),
]
KEY = "inschrijving-42"
AMOUNT = 20_000
TIMEOUT = 10


class _Reservation(threading.Thread):
    """``reservation_create`` in its own thread and connection. With ``pause_after=n`` it stops right
    after its n-th SQL statement (still inside its transaction) until the test has killed it."""

    def __init__(self, budget_id: int, *, pause_after: int | None = None) -> None:
        super().__init__(daemon=True)
        self.budget_id = budget_id
        self.pause_after = pause_after
        self.connected = threading.Event()
        self.paused = threading.Event()
        self.killed = threading.Event()
        self.statements: list[str] = []
        self.inside: dict[str, int] = {}
        self.pid: int | None = None
        self.result: LedgerTransaction | None = None
        self.error: BaseException | None = None

    def _pause(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        self.statements.append(sql)
        if len(self.statements) == self.pause_after:
            self.inside = _seen_inside(self.budget_id)
            self.paused.set()
            self.killed.wait(TIMEOUT)
        return result

    def run(self) -> None:
        try:
            budget = Budget.objects.select_related("account", "rule__funder").get(pk=self.budget_id)
            self.pid = connection.connection.info.backend_pid
            self.connected.set()
            with connection.execute_wrapper(self._pause):
                self.result = services.reservation_create(
                    budget=budget, amount_cents=AMOUNT, idempotency_key=KEY, reason="Module lassen"
                )
        except BaseException as error:  # noqa: BLE001 - the test looks at it
            self.error = error
        finally:
            self.connected.set()
            connections.close_all()


def _seen_inside(budget_id: int) -> dict[str, int]:
    """What the reservation's own (uncommitted) transaction sees: plain psycopg on its connection, so
    the statement wrapper does not count it."""
    row = connection.connection.execute(
        "SELECT a.balance_cents,"
        " (SELECT count(*) FROM budgets_ledgeraccount r WHERE r.resident_id = b.resident_id AND r.kind = %s),"
        " (SELECT coalesce(sum(r.balance_cents), 0) FROM budgets_ledgeraccount r"
        "  WHERE r.resident_id = b.resident_id AND r.kind = %s),"
        " (SELECT count(*) FROM budgets_ledgertransaction WHERE idempotency_key = %s),"
        " (SELECT count(*) FROM budgets_ledgerentry)"
        " FROM budgets_budget b JOIN budgets_ledgeraccount a ON a.id = b.account_id WHERE b.id = %s",
        [AccountKind.RESERVATION, AccountKind.RESERVATION, KEY, budget_id],
    ).fetchone()
    names = ("budget_balance", "reservation_accounts", "reserved", "transactions", "entries")
    return dict(zip(names, row, strict=True))


def _wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {TIMEOUT} s for {what}")
        time.sleep(0.01)


def _waits_for_the_account_lock(pid: int) -> bool:
    # The test's connection is in autocommit: every query sees fresh statistics.
    with connection.cursor() as cursor:
        cursor.execute("SELECT wait_event_type, query FROM pg_stat_activity WHERE pid = %s", [pid])
        row = cursor.fetchone()
    return row is not None and row[0] == "Lock" and "FOR UPDATE" in row[1]


def _kill(pid: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s, %s)", [pid, TIMEOUT * 1000])  # waits until gone
        assert cursor.fetchone()[0] is True


def _ledger() -> dict[str, list]:
    """Every account with its stored balance, every transaction, every entry and the reservation audit
    lines: equal snapshots mean nothing was written."""
    return {
        "accounts": list(LedgerAccount.objects.order_by("pk").values_list("pk", "kind", "balance_cents")),
        "transactions": list(
            LedgerTransaction.objects.order_by("pk").values_list("pk", "kind", "idempotency_key")
        ),
        "entries": list(
            LedgerEntry.objects.order_by("pk").values_list("pk", "transaction_id", "amount_cents")
        ),
        "audit": list(AuditEvent.objects.filter(action__startswith="budgets.reservation").values_list("pk")),
    }


def _balance_in(ledger: dict[str, list], budget: Budget) -> int:
    return next(balance for pk, _kind, balance in ledger["accounts"] if pk == budget.account_id)


def _assert_killed_without_a_trace(reservation: _Reservation, before: dict) -> None:
    assert not reservation.is_alive()
    # Fails if the service swallowed the lost connection and reported success (or a business error).
    assert isinstance(reservation.error, OperationalError | InterfaceError), repr(reservation.error)
    assert reservation.result is None
    # Fails if any part (account, balance, transaction, entry, audit line) was committed on its own.
    assert _ledger() == before
    reconciliation = selectors.ledger_reconciliation()
    assert reconciliation.ok, reconciliation


def _assert_reserved_once(budget: Budget, before: dict, record: LedgerTransaction) -> None:
    again = services.reservation_create(
        budget=budget, amount_cents=AMOUNT, idempotency_key=KEY, reason="Opnieuw"
    )
    assert again.pk == record.pk
    assert LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).count() == 1
    assert sorted(record.entries.values_list("amount_cents", flat=True)) == [-AMOUNT, AMOUNT]
    assert (
        LedgerAccount.objects.get(pk=budget.account_id).balance_cents == _balance_in(before, budget) - AMOUNT
    )
    assert (
        LedgerAccount.objects.get(kind=AccountKind.RESERVATION, resident=budget.resident).balance_cents
        == AMOUNT
    )
    assert AuditEvent.objects.filter(action="budgets.reservation_create").count() == 1
    reconciliation = selectors.ledger_reconciliation()
    assert reconciliation.ok, reconciliation


@pytest.fixture
def budget() -> Budget:
    """A fresh budget of 50,000 cents; the resident has no reservation account yet, so the reservation
    also creates one (one more write that must not survive a kill)."""
    return grant(rule_=rule(funder_=funder(funded_cents=100_000), amount_cents=50_000), resident_=resident())


def test_a_reservation_killed_while_it_waits_for_the_budget_lock_leaves_nothing_and_a_retry_reserves_once(
    budget,
):
    before = _ledger()
    locker = connections.create_connection("default")
    try:
        locker.set_autocommit(False)
        with locker.cursor() as cursor:  # another request holds the resident's budget account
            cursor.execute(
                "SELECT id FROM budgets_ledgeraccount WHERE id = %s FOR UPDATE", [budget.account_id]
            )
        reservation = _Reservation(budget.pk)
        reservation.start()
        assert reservation.connected.wait(TIMEOUT)
        # Fails (times out) if the reservation does not lock the budget account inside its transaction.
        _wait_until(
            lambda: _waits_for_the_account_lock(reservation.pid), "the reservation to wait for the lock"
        )
        _kill(reservation.pid)
        reservation.join(TIMEOUT)
    finally:
        locker.rollback()
        locker.close()

    _assert_killed_without_a_trace(reservation, before)
    record = services.reservation_create(
        budget=budget, amount_cents=AMOUNT, idempotency_key=KEY, reason="Opnieuw"
    )
    _assert_reserved_once(budget, before, record)


def test_a_reservation_killed_after_any_of_its_statements_leaves_nothing_and_a_retry_reserves_once(budget):
    """Kill after statement 1, then after statement 2, ... of the same reservation (same key) until
    one attempt runs to the end: that last attempt is the retry that must reserve exactly once."""
    before = _ledger()
    seen: list[dict[str, int]] = []
    pause_after = 1
    while True:
        reservation = _Reservation(budget.pk, pause_after=pause_after)
        reservation.start()
        _wait_until(
            lambda r=reservation: r.paused.is_set() or not r.is_alive(), "the reservation to pause or end"
        )
        if not reservation.paused.is_set():
            break  # fewer statements than pause_after: it ran to the end
        _kill(reservation.pid)
        reservation.killed.set()
        reservation.join(TIMEOUT)
        _assert_killed_without_a_trace(reservation, before)
        seen.append(reservation.inside)
        pause_after += 1

    assert reservation.error is None, repr(reservation.error)
    record = reservation.result
    assert record is not None and record.idempotency_key == KEY
    statements = reservation.statements
    assert len(seen) == len(statements) >= 6, statements
    # The kills did hit a half-written reservation: its transaction had already made the reservation
    # account, moved the budget's balance and written the transaction and its entries, and all of it
    # vanished (checked after every kill above). Fails if the kill points stop covering those writes.
    before_balance = _balance_in(before, budget)
    assert {s["reservation_accounts"] for s in seen} == {0, 1}
    assert {s["budget_balance"] for s in seen} == {before_balance, before_balance - AMOUNT}
    assert {s["transactions"] for s in seen} == {0, 1}
    assert max(s["entries"] for s in seen) == len(before["entries"]) + 2
    # Right after the first UPDATE of an account only the budget (the lower id) has moved; the
    # reservation account moves with the second.
    first_update = next(
        n for n, sql in enumerate(statements) if sql.startswith('UPDATE "budgets_ledgeraccount"')
    )
    assert seen[first_update]["budget_balance"] == before_balance - AMOUNT
    assert (seen[first_update]["reserved"], seen[first_update]["transactions"]) == (0, 0)
    assert seen[first_update + 1]["reserved"] == AMOUNT
    _assert_reserved_once(budget, before, record)
