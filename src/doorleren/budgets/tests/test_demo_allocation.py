"""The demo region has an allocated round and an open one (demo/generators/allocation.py)."""

import hashlib

import pytest
from django.contrib.auth import get_user_model

from doorleren.budgets import selectors, services
from doorleren.budgets.models import AllocationRound, AllocationRoundState, BudgetApplicationState
from doorleren.demo.services import demo_build
from doorleren.demo.tests.conftest import SMALL, TODAY
from doorleren.engine.allocation import lottery_number

pytestmark = pytest.mark.django_db


def test_the_demo_has_an_allocated_round_and_an_open_round_anne_can_apply_to():
    demo_build(seed=11, **SMALL)
    spring = AllocationRound.objects.get(name="Voorjaarsronde")
    autumn = AllocationRound.objects.get(name="Najaarsronde")
    assert spring.state == AllocationRoundState.ALLOCATED
    assert selectors.allocation_round_phase(round=autumn, today=TODAY) == "open"
    ranking = selectors.allocation_round_ranking(round=spring)
    assert len(ranking) > 10
    assert sum(row.granted for row in ranking) == 10  # money for ten budgets
    assert spring.granted_cents == spring.money_cents
    assert all(row.lottery_number == lottery_number(spring.seed, row.number) for row in ranking)
    assert (
        spring.applications.filter(state=BudgetApplicationState.GRANTED, budget__isnull=False).count() == 10
    )
    assert selectors.ledger_reconciliation().ok
    anne = get_user_model().objects.get(username="anne")
    application = services.budget_application_submit(round=autumn, resident=anne, actor=anne, today=TODAY)
    assert application.facts["criteria"]["earthquake_area"] is True  # Loppersum, now Eemsdelta


def test_the_demo_seed_fixes_the_lottery_seed():
    """The system fixes the demo rounds' seeds (so the same demo seed gives the same ranking)."""
    demo_build(seed=11, **SMALL)
    spring = AllocationRound.objects.get(name="Voorjaarsronde")
    assert spring.seed == hashlib.sha256(b"doorleren-demo:11:allocation:Voorjaarsronde").hexdigest()[:32]
    assert spring.seed_hash == hashlib.sha256(spring.seed.encode()).hexdigest()
