"""Read the ledger: balances derived from entries, the reconciliation, and figures per funder."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BigIntegerField, Count, F, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from ..models import AccountKind, Budget, Funder, GrantRule, LedgerAccount, LedgerEntry, LedgerTransaction

# Counts of persons below this number are not shown exactly (as on the programme office's start page).
SMALL_CELL = 10
_ZERO = Value(0, output_field=BigIntegerField())


def account_balance(*, account: LedgerAccount) -> int:
    """The balance of ``account`` in cents, added up from its entries (not the stored balance)."""
    return LedgerEntry.objects.filter(account=account).aggregate(total=Coalesce(Sum("amount_cents"), _ZERO))[
        "total"
    ]


@dataclass(frozen=True)
class AccountMismatch:
    account: LedgerAccount
    stored_cents: int
    derived_cents: int


@dataclass(frozen=True)
class Reconciliation:
    """``total_cents``: the sum of every entry (0 in a sound ledger). ``mismatches``: accounts whose
    stored balance differs from their entries. ``unbalanced``: transactions whose entries do not sum
    to zero or that have fewer than two entries. ``negative``: accounts below zero that may not be."""

    total_cents: int
    mismatches: tuple[AccountMismatch, ...]
    unbalanced: tuple[LedgerTransaction, ...]
    negative: tuple[LedgerAccount, ...]
    accounts: int
    transactions: int

    @property
    def ok(self) -> bool:
        return self.total_cents == 0 and not self.mismatches and not self.unbalanced and not self.negative


def _with_derived(queryset: QuerySet[LedgerAccount]) -> QuerySet[LedgerAccount]:
    return queryset.annotate(derived=Coalesce(Sum("entries__amount_cents"), _ZERO))


def ledger_reconciliation() -> Reconciliation:
    """Check the whole ledger against itself. Four aggregate queries; nothing is written."""
    total = LedgerEntry.objects.aggregate(total=Coalesce(Sum("amount_cents"), _ZERO))["total"]
    accounts = _with_derived(LedgerAccount.objects.select_related("funder").order_by("pk"))
    mismatches = tuple(
        AccountMismatch(account=account, stored_cents=account.balance_cents, derived_cents=account.derived)
        for account in accounts.exclude(derived=F("balance_cents"))
    )
    unbalanced = tuple(
        LedgerTransaction.objects.annotate(
            total=Coalesce(Sum("entries__amount_cents"), _ZERO), lines=Count("entries")
        )
        .filter(~Q(total=0) | Q(lines__lt=2))
        .order_by("pk")
    )
    negative = tuple(
        LedgerAccount.objects.filter(may_go_negative=False, balance_cents__lt=0)
        .select_related("funder")
        .order_by("pk")
    )
    return Reconciliation(
        total_cents=total,
        mismatches=mismatches,
        unbalanced=unbalanced,
        negative=negative,
        accounts=LedgerAccount.objects.count(),
        transactions=LedgerTransaction.objects.count(),
    )


@dataclass(frozen=True)
class Cell:
    """A count of persons; ``suppressed`` when fewer than ``SMALL_CELL`` (shown as "minder dan 10")."""

    value: int
    suppressed: bool = False


@dataclass(frozen=True)
class FunderRow:
    """One funder on the ledger overview. Figures about residents' budgets are None when fewer than
    ``SMALL_CELL`` residents have a budget of this funder (``budgets.suppressed``)."""

    funder: Funder
    funded_cents: int  # money put in from outside, net of reversals
    pool_cents: int  # still in the pool, not yet granted
    budgets: Cell
    granted_cents: int | None
    in_budgets_cents: int | None  # still on residents' budgets
    rules: int  # rules valid today or later

    @property
    def small(self) -> bool:
        return self.budgets.suppressed


def funders_all() -> QuerySet[Funder]:
    return Funder.objects.select_related("organisation", "municipality").order_by("name")


def funder_overview(*, today) -> list[FunderRow]:
    """Per funder: money put in, left in the pool, granted and still on residents' budgets. No persons.

    Six queries, whatever the number of funders.
    """
    balances: dict[tuple[int, str], int] = {}
    for funder_id, kind, total in (
        LedgerAccount.objects.order_by()
        .values("funder_id", "kind")
        .annotate(total=Sum("balance_cents"))
        .values_list("funder_id", "kind", "total")
    ):
        balances[(funder_id, kind)] = total or 0
    grants = {
        row["rule__funder_id"]: row
        for row in Budget.objects.filter(grant_transaction__reversed_by__isnull=True)
        .order_by()
        .values("rule__funder_id")
        .annotate(n=Count("pk"), total=Sum("amount_cents"))
    }
    rules = dict(
        GrantRule.objects.filter(valid_until__gte=today)
        .order_by()
        .values("funder_id")
        .annotate(n=Count("pk"))
        .values_list("funder_id", "n")
    )
    rows = []
    for funder in funders_all():
        granted = grants.get(funder.pk, {"n": 0, "total": 0})
        cell = Cell(value=granted["n"], suppressed=granted["n"] < SMALL_CELL)
        rows.append(
            FunderRow(
                funder=funder,
                funded_cents=-balances.get((funder.pk, AccountKind.EXTERNAL), 0),
                pool_cents=balances.get((funder.pk, AccountKind.FUNDER_POOL), 0),
                budgets=cell,
                granted_cents=None if cell.suppressed else granted["total"] or 0,
                in_budgets_cents=None
                if cell.suppressed
                else balances.get((funder.pk, AccountKind.RESIDENT_BUDGET), 0),
                rules=rules.get(funder.pk, 0),
            )
        )
    return rows
