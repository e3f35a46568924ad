"""Money reports for the programme office and coaches (docs/budgets.md, "Rapporten").

``money_report(by=..., today=...)``: per funder, programme line, municipality or target group, what
was granted to residents, what is reserved (committed), paid to providers (spent), released back,
still on valid budgets (remaining) and on budgets past their end date (expired). All figures come
from the ledger's entries, net of reversals: a reversing transaction counts as the kind it reverses,
with the opposite sign. For every row: granted = spent + committed + remaining + expired.

Small cells: a row about fewer than ``SMALL_CELL`` residents shows no money and no exact count
("minder dan 10"). When exactly one row with data is hidden that way, the total minus the shown rows
would give its figures; then the shown row with the fewest residents is hidden too ("niet getoond").
A hidden row keeps no figures about residents in memory (they are None), so no page, file or API
answer can leak them. Money of funders themselves (money in, the pool, paid directly to
organisations) and of the regional fund is about organisations, not persons: always shown.

A fixed number of aggregate queries, whatever the number of rows or residents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import BooleanField, Case, Count, F, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce, Left, Length
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ..models import AccountKind, Budget, LedgerAccount, LedgerEntry, TransactionKind
from .ledger import SMALL_CELL, Cell, funders_all

FUNDER, PROGRAMME_LINE, MUNICIPALITY, TARGET_GROUP = (
    "funder",
    "programme_line",
    "municipality",
    "target_group",
)
REPORT_KINDS = {
    FUNDER: gettext_lazy("financier"),
    PROGRAMME_LINE: gettext_lazy("programmalijn"),
    MUNICIPALITY: gettext_lazy("gemeente"),
    TARGET_GROUP: gettext_lazy("doelgroep"),
}
# The row for residents without a municipality or situation, and for rules without a programme line.
UNKNOWN = "onbekend"
# Target groups: the resident's situation in their profile (``profiles`` ResidentStatus values).
TARGET_GROUPS = {
    "worker": gettext_lazy("Werkenden"),
    "job_seeker": gettext_lazy("Werkzoekenden"),
    "student": gettext_lazy("Studenten"),
}
SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
# Figures about residents' budgets: None in a row that is not shown.
RESIDENT_MONEY = (
    "granted_cents",
    "spent_cents",
    "committed_cents",
    "released_cents",
    "remaining_cents",
    "expired_cents",
)

_PROFILE = "resident__resident_profile__"
# Per breakdown: the path to a row's key from a ledger account and from a budget.
_ACCOUNT_PATH = {
    FUNDER: "funder_id",
    PROGRAMME_LINE: "budget__rule__programme_line_id",
    MUNICIPALITY: _PROFILE + "municipality_id",
    TARGET_GROUP: _PROFILE + "status",
}
_BUDGET_PATH = {
    FUNDER: "rule__funder_id",
    PROGRAMME_LINE: "rule__programme_line_id",
    MUNICIPALITY: _PROFILE + "municipality_id",
    TARGET_GROUP: _PROFILE + "status",
}


def report_kind_check(value: object) -> str:
    """``value`` when it is one of ``REPORT_KINDS``, else a Dutch ``ApplicationError`` (400)."""
    if isinstance(value, str) and value in REPORT_KINDS:
        return value
    raise ApplicationError(
        _("Kies hoe u het rapport wilt zien: per financier, programmalijn, gemeente of doelgroep."),
        code="report_per_invalid",
    )


@dataclass(frozen=True)
class ReportRow:
    """One row. ``state``: ``shown``, ``small`` (fewer than ``SMALL_CELL`` residents: "minder dan 10")
    or ``hidden`` (hidden so that a small row cannot be worked out from the total: "niet getoond").
    ``residents``: residents with a budget in this row (``value`` None when not shown)."""

    key: str
    label: str
    residents: Cell
    state: str = SHOWN
    granted_cents: int | None = 0  # given to residents' budgets, net of reversed grants
    spent_cents: int | None = 0  # paid from those budgets to providers
    committed_cents: int | None = 0  # reserved for enrolments now
    released_cents: int | None = 0  # reservations given back to the budgets
    remaining_cents: int | None = 0  # still on budgets that are valid today
    expired_cents: int | None = 0  # left on budgets past their end date (or booked back when they ended)
    kind_label: str = ""  # the funder's kind
    # Funders only: money put in from outside, still in the pool, paid directly to organisations.
    funded_cents: int | None = None
    pool_cents: int | None = None
    paid_direct_cents: int | None = None
    # Programme lines only: the regional fund's applications, granted and paid.
    fund_granted_cents: int | None = None
    fund_paid_cents: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN


@dataclass(frozen=True)
class MoneyReport:
    by: str
    today: dt.date
    rows: tuple[ReportRow, ...]
    total: ReportRow
    extra_hidden: bool = False  # a row was hidden to protect a small row
    small_cell: int = SMALL_CELL

    @property
    def by_label(self) -> str:
        return str(REPORT_KINDS[self.by])


@dataclass
class _Sums:
    granted: int = 0
    spent: int = 0
    committed: int = 0
    released: int = 0
    remaining: int = 0
    expired: int = 0

    def has_money(self) -> bool:
        return any((self.granted, self.spent, self.committed, self.released, self.remaining, self.expired))


def _effective_kind():
    """A reversal counts as the kind of the transaction it reverses (its entries have the opposite sign)."""
    return Coalesce("transaction__reverses__kind", "transaction__kind")


def _reservation_line():
    """For an entry on a reservation account: the programme line of the budget its reservation came from.

    A payment's idempotency key is ``<reservation key>:pay``, a release's ``<reservation key>:release``
    (``services.reservations``); the reservation's entry on the budget account names the budget's rule.
    """
    from ..services.reservations import PAY_SUFFIX, RELEASE_SUFFIX  # services import selectors

    key = Coalesce("transaction__reverses__idempotency_key", "transaction__idempotency_key")
    origin = Case(
        When(k=TransactionKind.PAYMENT, then=Left(key, Length(key) - len(PAY_SUFFIX))),
        When(k=TransactionKind.RELEASE, then=Left(key, Length(key) - len(RELEASE_SUFFIX))),
        default=key,
    )
    source = LedgerEntry.objects.filter(
        transaction__idempotency_key=OuterRef("origin"),
        transaction__kind=TransactionKind.RESERVATION,
        account__kind=AccountKind.RESIDENT_BUDGET,
    ).values("account__budget__rule__programme_line_id")[:1]
    return origin, Subquery(source)


def _ledger_sums(*, by: str, today: dt.date) -> dict[object, _Sums]:
    """Per raw key (funder id, programme line id, municipality id or status): the figures. Two queries."""
    sums: dict[object, _Sums] = defaultdict(_Sums)
    valid = Case(
        When(account__budget__valid_until__gte=today, then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    budget_rows = (
        LedgerEntry.objects.filter(account__kind=AccountKind.RESIDENT_BUDGET)
        .annotate(key=F(f"account__{_ACCOUNT_PATH[by]}"), k=_effective_kind(), valid=valid)
        .order_by()
        .values("key", "k", "valid")
        .annotate(total=Sum("amount_cents"))
    )
    for row in budget_rows:
        item, kind, total = sums[row["key"]], row["k"], row["total"] or 0
        if kind == TransactionKind.GRANT:
            item.granted += total
        elif kind == TransactionKind.RELEASE:
            item.released += total
        elif kind == TransactionKind.EXPIRY:
            item.expired -= total  # booked off the budget when it ended
        if row["valid"]:
            item.remaining += total
        else:
            item.expired += total
    reserved = LedgerEntry.objects.filter(account__kind=AccountKind.RESERVATION).annotate(k=_effective_kind())
    if by == PROGRAMME_LINE:
        origin, line = _reservation_line()
        reserved = reserved.annotate(origin=origin, key=line)
    else:
        reserved = reserved.annotate(key=F(f"account__{_ACCOUNT_PATH[by]}"))
    for row in reserved.order_by().values("key", "k").annotate(total=Sum("amount_cents")):
        item, total = sums[row["key"]], row["total"] or 0
        item.committed += total
        if row["k"] == TransactionKind.PAYMENT:
            item.spent -= total
    return sums


def _resident_counts(*, by: str) -> tuple[dict[object, int], int]:
    """Residents with a budget (grant not reversed), per raw key, and in all. Two queries."""
    budgets = Budget.objects.filter(grant_transaction__reversed_by__isnull=True).order_by()
    per_key = dict(
        budgets.values(_BUDGET_PATH[by])
        .annotate(n=Count("resident", distinct=True))
        .values_list(_BUDGET_PATH[by], "n")
    )
    total = budgets.aggregate(n=Count("resident", distinct=True))["n"] or 0
    return per_key, total


def _rows_and_keys(by: str, raw_keys) -> tuple[list[tuple[str, str, str]], dict[object, str]]:
    """The rows of a breakdown as (key, label, kind label), and raw key → row key. Keys: the funder's id,
    the programme line's code, the municipality's CBS code, the target group's code, or ``onbekend``."""
    if by == FUNDER:
        funders = list(funders_all())
        rows = [(str(f.pk), f.name, f.get_kind_display()) for f in funders]
        return rows, {f.pk: str(f.pk) for f in funders}
    if by == PROGRAMME_LINE:
        from doorleren.fund import selectors as fund_selectors  # fund uses budgets: import when needed

        lines = list(fund_selectors.programme_lines())
        rows = [(line.code, str(line), "") for line in lines]
        rows.append((UNKNOWN, _("Geen programmalijn"), ""))
        return rows, {line.pk: line.code for line in lines}
    if by == MUNICIPALITY:
        municipalities = list(region_selectors.municipalities_current())
        rows = [(m.code, m.name, "") for m in municipalities]
        rows.append((UNKNOWN, _("Onbekend"), ""))
        ids = [key for key in raw_keys if isinstance(key, int)]
        current = region_selectors.municipality_current_ids(municipality_ids=ids)
        codes = {m.pk: m.code for m in municipalities}
        return rows, {old: codes[new] for old, new in current.items() if new in codes}
    rows = [(code, str(label), "") for code, label in TARGET_GROUPS.items()]
    rows.append((UNKNOWN, _("Onbekend"), ""))
    return rows, {code: code for code in TARGET_GROUPS}


def _funder_extras() -> dict[str, dict[str, int]]:
    """Per funder: balances per account kind (stored balances; the reconciliation checks them). One query."""
    balances: dict[str, dict[str, int]] = defaultdict(dict)
    for funder_id, kind, total in (
        LedgerAccount.objects.order_by()
        .values("funder_id", "kind")
        .annotate(total=Sum("balance_cents"))
        .values_list("funder_id", "kind", "total")
    ):
        balances[str(funder_id)][kind] = total or 0
    return balances


def _fund_per_line() -> dict[str, tuple[int, int]]:
    """Per programme line: what the regional fund granted and paid (``fund.selectors.calls_figures``)."""
    from doorleren.fund import selectors as fund_selectors  # fund uses budgets: import when needed

    per_line: dict[str, tuple[int, int]] = {}
    for figures in fund_selectors.calls_figures():
        key = figures.call.programme_line.code
        granted, paid = per_line.get(key, (0, 0))
        per_line[key] = (granted + figures.granted_cents, paid + figures.paid_cents)
    return per_line


def _has_data(row: ReportRow, sums: _Sums) -> bool:
    return (row.residents.value or 0) > 0 or sums.has_money()


def _hide(row: ReportRow, state: str) -> ReportRow:
    return replace(
        row, state=state, residents=Cell(value=None, suppressed=True), **dict.fromkeys(RESIDENT_MONEY)
    )


def money_report(*, by: str, today: dt.date) -> MoneyReport:
    """The money report per ``by`` (``REPORT_KINDS``; anything else: ``ApplicationError``) on ``today``.

    Rows: every funder / every programme line and "Geen programmalijn" / every current municipality
    and "Onbekend" / every target group and "Onbekend". A former municipality counts for the one it
    became part of; residents without a (known) municipality or situation count under "Onbekend".
    The total adds up every row before anything is hidden: it equals the ledger's own totals.
    """
    by = report_kind_check(by)
    raw_sums = _ledger_sums(by=by, today=today)
    raw_counts, total_residents = _resident_counts(by=by)
    specs, to_row = _rows_and_keys(by, set(raw_sums) | set(raw_counts))
    sums: dict[str, _Sums] = defaultdict(_Sums)
    for raw, item in raw_sums.items():
        target = sums[to_row.get(raw, UNKNOWN)]
        for name in ("granted", "spent", "committed", "released", "remaining", "expired"):
            setattr(target, name, getattr(target, name) + getattr(item, name))
    counts: dict[str, int] = defaultdict(int)
    for raw, n in raw_counts.items():
        counts[to_row.get(raw, UNKNOWN)] += n  # residents of merged municipalities add up: one each
    extras = _funder_extras() if by == FUNDER else {}
    fund = _fund_per_line() if by == PROGRAMME_LINE else {}

    rows: list[ReportRow] = []
    for key, label, kind_label in specs:
        item = sums[key]
        row = ReportRow(
            key=key,
            label=label,
            kind_label=kind_label,
            residents=Cell(value=counts[key], suppressed=False),
            granted_cents=item.granted,
            spent_cents=item.spent,
            committed_cents=item.committed,
            released_cents=item.released,
            remaining_cents=item.remaining,
            expired_cents=item.expired,
        )
        if by == FUNDER:
            balances = extras.get(key, {})
            row = replace(
                row,
                funded_cents=-balances.get(AccountKind.EXTERNAL, 0),
                pool_cents=balances.get(AccountKind.FUNDER_POOL, 0),
                paid_direct_cents=balances.get(AccountKind.PROVIDER_PAYABLE, 0) - item.spent,
            )
        elif by == PROGRAMME_LINE:
            granted, paid = fund.get(key, (0, 0))
            row = replace(row, fund_granted_cents=granted, fund_paid_cents=paid)
        rows.append(row)

    total = _total(by, rows, total_residents)
    small = [i for i, row in enumerate(rows) if counts[row.key] < SMALL_CELL]
    with_data = [i for i in small if _has_data(rows[i], sums[rows[i].key])]
    shown = [i for i in range(len(rows)) if i not in small]
    extra = None
    if len(with_data) == 1 and shown:
        extra = min(shown, key=lambda i: (counts[rows[i].key], i))
    final = []
    for i, row in enumerate(rows):
        if i in small:
            row = _hide(row, SMALL)
        elif i == extra:
            row = _hide(row, HIDDEN)
        final.append(row)
    return MoneyReport(by=by, today=today, rows=tuple(final), total=total, extra_hidden=extra is not None)


def _total(by: str, rows: list[ReportRow], residents: int) -> ReportRow:
    """The sum of every row; residents counted once. Hidden when it is about fewer than ``SMALL_CELL``."""

    def add(name: str) -> int | None:
        values = [getattr(row, name) for row in rows]
        return None if any(value is None for value in values) else sum(values)

    total = ReportRow(
        key="totaal",
        label=_("Totaal"),
        residents=Cell(value=residents, suppressed=False),
        **{name: add(name) for name in RESIDENT_MONEY},
        **{name: add(name) for name in ("funded_cents", "pool_cents", "paid_direct_cents") if by == FUNDER},
        **{name: add(name) for name in ("fund_granted_cents", "fund_paid_cents") if by == PROGRAMME_LINE},
    )
    return _hide(total, SMALL) if residents < SMALL_CELL else total
