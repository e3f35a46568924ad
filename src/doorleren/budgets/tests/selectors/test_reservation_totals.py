"""reservation_totals: what was reserved from each budget, and which reservations are whole."""

import pytest

from doorleren.budgets import selectors, services
from doorleren.organisations.tests.factories import SchoolFactory

from ..factories import grant, resident, rule

pytestmark = pytest.mark.django_db


def test_reserved_amounts_balances_and_transactions_per_budget():
    first = grant(rule_=rule(amount_cents=50_000), resident_=resident())
    second = grant(rule_=rule(amount_cents=20_000), resident_=resident())
    one = services.reservation_create(budget=first, amount_cents=10_000, idempotency_key="a", reason="x")
    two = services.reservation_create(budget=first, amount_cents=5_000, idempotency_key="b", reason="x")
    services.reservation_pay(
        reservation=one, provider=SchoolFactory(), reason="x"
    )  # paid: still reserved from it
    services.reservation_release(
        reservation=two, reason="x"
    )  # released: counted as reserved, back on the balance

    totals = selectors.reservation_totals(budget_ids=[first.pk, second.pk])

    assert totals.reserved_cents == {first.pk: 15_000}
    assert totals.balance_cents == {first.pk: 40_000, second.pk: 20_000}
    assert totals.transaction_ids == totals.complete_transaction_ids == {one.pk, two.pk}
