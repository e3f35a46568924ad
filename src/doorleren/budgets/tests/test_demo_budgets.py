"""The demo region has funders, rules and budgets; Anne sees real budgets; the demo ledger reconciles."""

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction

from doorleren.budgets import selectors
from doorleren.budgets.models import Budget, Funder, LedgerEntry
from doorleren.demo.services import demo_build
from doorleren.demo.tests.conftest import SMALL, TODAY

pytestmark = pytest.mark.django_db


def _budgets() -> list[tuple]:
    return sorted(
        Budget.objects.values_list("resident__username", "rule__funder__name", "rule__name", "amount_cents")
    )


def test_anne_has_five_budgets_and_one_rule_she_may_still_ask_for():
    result = demo_build(seed=11, **SMALL)
    anne = get_user_model().objects.get(username="anne")
    data = selectors.budgets_for_resident(resident=anne, on=TODAY)
    assert len(data.granted) == 5
    assert data.usable_cents == 750_00 + 500_00 + 600_00 + 400_00 + 1_000_00
    assert [view.rule.name for view in data.available] == ["Digitale basisvaardigheden"]
    assert result.counts["funders"] == Funder.objects.count() == 6
    assert result.counts["budgets"] == Budget.objects.count() > 5
    assert selectors.ledger_reconciliation().ok
    # Her own development budget pays last.
    split = selectors.funding_split(
        resident=anne,
        items=[
            selectors.SplitItem(
                key=1,
                label="Digitaal werken",
                cost_cents=3_000_00,
                nlqf_level=2,
                sector_codes=frozenset({"ict-digitalisering"}),
            )
        ],
        on=TODAY,
    )
    assert split.budgets[-1].funder.kind == "own_budget"
    assert [use.used_cents for use in split.budgets[:-1]] == [400_00, 600_00, 500_00, 750_00]
    assert split.budgets[-1].used_cents == 3_000_00 - 750_00 - 500_00 - 600_00 - 400_00
    assert split.left_to_pay_cents == 0


def test_the_same_seed_gives_the_same_budgets():
    with transaction.atomic():
        demo_build(seed=5, **SMALL)
        first = _budgets()
        transaction.set_rollback(True)
    demo_build(seed=5, **SMALL)
    assert _budgets() == first


def test_reset_wipes_the_demo_ledger_and_builds_it_again():
    demo_build(seed=11, **SMALL)
    before = _budgets()
    demo_build(seed=11, reset=True, **SMALL)
    assert _budgets() == before
    assert LedgerEntry.objects.count() == 2 * (6 + Budget.objects.count())
    assert selectors.ledger_reconciliation().ok
