"""Read reservations: what is set aside from budgets, for checks and benchmarks (docs/enrolments.md)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Sum

from ..models import Budget, LedgerEntry, LedgerTransaction, TransactionKind


@dataclass(frozen=True)
class ReservationTotals:
    """Per budget id: ``reserved_cents`` (all reservations from it, settled or not) and ``balance_cents``
    (stored); ``transaction_ids``: the reservations from these budgets; ``complete_transaction_ids``: those
    with exactly two entries that sum to zero."""

    reserved_cents: dict[int, int]
    balance_cents: dict[int, int]
    transaction_ids: frozenset[int]
    complete_transaction_ids: frozenset[int]


def reservation_totals(*, budget_ids: Iterable[int]) -> ReservationTotals:
    """What was reserved from each of ``budget_ids``, in three queries."""
    budgets = dict(Budget.objects.filter(pk__in=list(budget_ids)).values_list("account_id", "pk"))
    balances = dict(
        Budget.objects.filter(pk__in=budgets.values()).values_list("pk", "account__balance_cents")
    )
    reserved: dict[int, int] = {}
    ids: set[int] = set()
    for account_id, transaction_id, amount in LedgerEntry.objects.filter(
        account_id__in=budgets, transaction__kind=TransactionKind.RESERVATION
    ).values_list("account_id", "transaction_id", "amount_cents"):
        reserved[budgets[account_id]] = reserved.get(budgets[account_id], 0) - amount
        ids.add(transaction_id)
    complete = (
        LedgerTransaction.objects.filter(pk__in=ids)
        .annotate(lines=Count("entries"), total=Sum("entries__amount_cents"))
        .filter(lines=2, total=0)
        .values_list("pk", flat=True)
    )
    return ReservationTotals(
        reserved_cents=reserved,
        balance_cents=balances,
        transaction_ids=frozenset(ids),
        complete_transaction_ids=frozenset(complete),
    )
