"""Who pays what for a route: the co-funding split over a resident's budgets (docs/budgets.md).

The documented order ("co-funding order"): budgets sorted by

1. the resident's own development budget (``ontwikkelbudget``) always last;
2. the rule's ``order`` (lower first; set per rule by the programme office);
3. the kind of funder: employer, sector fund, UWV, municipality, regional LLO budget;
4. the end date (the budget that ends first pays first, so less money expires);
5. the budget's id (older first).

The split pays as much of the route as the budgets together can (what the resident pays is as
small as it can be), and within that, each budget in the order pays as much as it can before the
next one pays anything (the vector of amounts per budget, read in that order, is the largest
possible). A budget only pays for an item it may pay for (NLQF level, sector, provider), when the
item's start date falls within the budget's dates, and never more than its balance.

Pure arithmetic in whole cents: every item's parts plus what the resident pays add up exactly
to its cost. Nothing is written; reserving the money is a later step.
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.db import ID_MAX  # noqa: F401  (re-exported: budgets.selectors.ID_MAX)
from doorleren.core.errors import ApplicationError
from doorleren.core.templatetags.money import format_euro
from doorleren.learning import selectors as learning_selectors

from ..models import MAX_AMOUNT_CENTS, Budget, FunderKind
from .eligibility import RuleScope
from .residents import _withdrawn, budgets_of_resident

if TYPE_CHECKING:
    from doorleren.accounts.models import User
    from doorleren.learning.models import Module

MAX_ITEMS = 200
# Modules one request may ask a split for (pages and API), and the largest id they accept.
MODULES_MAX = 50
# Lower pays first (step 3 of the order).
FUNDER_KIND_RANK = {
    FunderKind.EMPLOYER: 0,
    FunderKind.SECTOR_FUND: 1,
    FunderKind.UWV: 2,
    FunderKind.MUNICIPALITY: 3,
    FunderKind.REGIONAL_LLO: 4,
    FunderKind.OWN_BUDGET: 5,
}


@dataclass(frozen=True)
class SplitItem:
    """Something to pay for, usually a module. ``starts_on`` None: the day of the split."""

    key: Hashable
    label: str
    cost_cents: int
    nlqf_level: int | None = None
    sector_codes: frozenset[str] = frozenset()
    provider_id: int | None = None
    starts_on: dt.date | None = None


@dataclass(frozen=True)
class SplitPart:
    budget: Budget
    amount_cents: int

    @property
    def funder(self):
        return self.budget.rule.funder

    @property
    def sentence(self) -> str:
        return _("%(funder)s betaalt %(amount)s.") % {
            "funder": self.funder.name,
            "amount": format_euro(self.amount_cents),
        }


def _you_pay(amount: int) -> str:
    if amount == 0:
        return _("U hoeft zelf niets te betalen.")
    return _("U betaalt zelf %(amount)s.") % {"amount": format_euro(amount)}


@dataclass(frozen=True)
class ItemSplit:
    item: SplitItem
    parts: tuple[SplitPart, ...]
    left_to_pay_cents: int

    @property
    def covered_cents(self) -> int:
        return sum(part.amount_cents for part in self.parts)

    @property
    def sentences(self) -> tuple[str, ...]:
        return (*(part.sentence for part in self.parts), _you_pay(self.left_to_pay_cents))


@dataclass(frozen=True)
class BudgetUse:
    """One of the resident's usable budgets in the co-funding order, and how much of it the split uses."""

    position: int  # 1, 2, ... in the co-funding order
    budget: Budget
    balance_before_cents: int
    used_cents: int

    @property
    def funder(self):
        return self.budget.rule.funder

    @property
    def balance_after_cents(self) -> int:
        return self.balance_before_cents - self.used_cents


@dataclass(frozen=True)
class FundingSplit:
    items: tuple[ItemSplit, ...]
    budgets: tuple[BudgetUse, ...]
    total_cents: int
    covered_cents: int
    left_to_pay_cents: int

    @property
    def sentences(self) -> tuple[str, ...]:
        """In total: who pays what, then what the resident pays."""
        return (
            *(
                _("%(funder)s betaalt %(amount)s.")
                % {"funder": use.funder.name, "amount": format_euro(use.used_cents)}
                for use in self.budgets
                if use.used_cents
            ),
            _you_pay(self.left_to_pay_cents),
        )


def cofunding_order_key(budget: Budget) -> tuple:
    """The documented co-funding order (module docstring): sort budgets by this key."""
    kind = budget.rule.funder.kind
    return (
        kind == FunderKind.OWN_BUDGET,
        budget.rule.order,
        FUNDER_KIND_RANK.get(kind, len(FUNDER_KIND_RANK)),
        budget.valid_until,
        budget.pk,
    )


def allocate(
    capacities: Sequence[int], demands: Sequence[int], allowed: Sequence[Iterable[int]]
) -> list[list[int]]:
    """Pure: ``flow[b][i]`` cents from budget ``b`` to item ``i``.

    ``capacities[b]``: what budget ``b`` can pay; ``demands[i]``: what item ``i`` costs;
    ``allowed[b]``: the items budget ``b`` may pay for. Budgets are taken in index order; each one
    pays as much as it can without lowering what an earlier one pays (it may take over an item of
    an earlier budget when that budget can pay another item instead). The result pays the most
    in total, and the vector of amounts per budget is the lexicographically largest (greedy on a
    polymatroid). Augmenting paths are found breadth-first, so the work stays small for routes.
    """
    n_budgets, n_items = len(capacities), len(demands)
    allowed_items = [sorted(set(items)) for items in allowed]
    flow = [[0] * n_items for _ in range(n_budgets)]
    need = list(demands)
    for start in range(n_budgets):
        left = capacities[start]
        while left > 0:
            path = _augmenting_path(start, allowed_items, flow, need)
            if path is None:
                break
            amount = min(left, need[path[-1]])
            for k in range(1, len(path) - 1, 2):  # item → budget steps take money back from that budget
                amount = min(amount, flow[path[k + 1]][path[k]])
            for k in range(0, len(path) - 1, 2):
                flow[path[k]][path[k + 1]] += amount
            for k in range(1, len(path) - 1, 2):
                flow[path[k + 1]][path[k]] -= amount
            need[path[-1]] -= amount
            left -= amount
    return flow


def _augmenting_path(
    start: int, allowed: list[list[int]], flow: list[list[int]], need: list[int]
) -> list[int] | None:
    """Shortest path budget, item, budget, item, ... from ``start`` to an item that still needs money."""
    budget_from_item: dict[int, int] = {}  # budget reached → the item we came from
    item_from_budget: dict[int, int] = {}  # item reached → the budget we came from
    seen_budgets = {start}
    queue = deque([start])
    while queue:
        budget = queue.popleft()
        for item in allowed[budget]:
            if item in item_from_budget:
                continue
            item_from_budget[item] = budget
            if need[item] > 0:
                path, payer = [item], item_from_budget[item]
                while True:
                    path.append(payer)
                    if payer == start:
                        return path[::-1]
                    path.append(budget_from_item[payer])
                    payer = item_from_budget[path[-1]]
            for other in range(len(flow)):
                if other not in seen_budgets and flow[other][item] > 0:
                    seen_budgets.add(other)
                    budget_from_item[other] = item
                    queue.append(other)
    return None


def _check_items(items: Sequence[SplitItem]) -> None:
    if len(items) > MAX_ITEMS:
        raise ApplicationError(
            _("Te veel modules tegelijk. Kies er hoogstens %(max)d.") % {"max": MAX_ITEMS},
            code="split_too_many_items",
        )
    for item in items:
        cost = item.cost_cents
        if isinstance(cost, bool) or not isinstance(cost, int) or not 0 <= cost <= MAX_AMOUNT_CENTS:
            raise ApplicationError(
                _("De prijs moet een bedrag in hele centen zijn, 0 of meer."), code="split_cost_invalid"
            )


def funding_split(*, resident: User, items: Sequence[SplitItem], on: dt.date | None = None) -> FundingSplit:
    """Who pays what for ``items``, per item and in total, from the resident's budgets (module docstring).

    ``on``: the day of the split (default today); an item without ``starts_on`` starts that day.
    ``left_to_pay_cents`` is what the resident pays themselves.
    """
    items = list(items)
    _check_items(items)
    on = on or timezone.localdate()
    budgets = sorted(
        (
            budget
            for budget in budgets_of_resident(resident=resident)
            if budget.account.balance_cents > 0 and not _withdrawn(budget)
        ),
        key=cofunding_order_key,
    )
    allowed = []
    for budget in budgets:
        scope = RuleScope.of(budget.rule)
        allowed.append(
            [
                index
                for index, item in enumerate(items)
                if budget.valid_from <= (item.starts_on or on) <= budget.valid_until
                and scope.pays_for(
                    nlqf_level=item.nlqf_level, sector_codes=item.sector_codes, provider_id=item.provider_id
                )
            ]
        )
    capacities = [budget.account.balance_cents for budget in budgets]
    flow = allocate(capacities, [item.cost_cents for item in items], allowed)
    item_splits = []
    for index, item in enumerate(items):
        parts = tuple(
            SplitPart(budget=budget, amount_cents=flow[b][index])
            for b, budget in enumerate(budgets)
            if flow[b][index]
        )
        covered = sum(part.amount_cents for part in parts)
        item_splits.append(ItemSplit(item=item, parts=parts, left_to_pay_cents=item.cost_cents - covered))
    uses = tuple(
        BudgetUse(position=b + 1, budget=budget, balance_before_cents=capacities[b], used_cents=sum(flow[b]))
        for b, budget in enumerate(budgets)
    )
    total = sum(item.cost_cents for item in items)
    covered = sum(use.used_cents for use in uses)
    return FundingSplit(
        items=tuple(item_splits),
        budgets=uses,
        total_cents=total,
        covered_cents=covered,
        left_to_pay_cents=total - covered,
    )


def split_items_for_modules(
    *, modules: Iterable[Module], starts: dict[int, dt.date] | None = None
) -> list[SplitItem]:
    """Modules as split items: price, NLQF level, sectors of what they teach, provider, start date
    (``starts``: module id → date; missing: the day of the split). One query for the sectors."""
    modules = list(modules)
    sectors = learning_selectors.module_sector_codes(module_ids=[module.pk for module in modules])
    starts = starts or {}
    return [
        SplitItem(
            key=module.pk,
            label=module.title,
            cost_cents=module.price_cents,
            nlqf_level=module.nlqf_level,
            sector_codes=sectors.get(module.pk, frozenset()),
            provider_id=module.provider_id,
            starts_on=starts.get(module.pk),
        )
        for module in modules
    ]


def funding_split_for_modules(
    *,
    resident: User,
    modules: Iterable[Module],
    on: dt.date | None = None,
    starts: dict[int, dt.date] | None = None,
) -> FundingSplit:
    """``funding_split`` for learning modules (for example a learning route): who pays what, and
    ``left_to_pay_cents``, what the resident pays themselves."""
    return funding_split(
        resident=resident, items=split_items_for_modules(modules=modules, starts=starts), on=on
    )
