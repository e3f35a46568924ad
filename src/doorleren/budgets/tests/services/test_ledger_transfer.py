"""ledger_transfer: one transaction, two entries that sum to zero; refusals; idempotency."""

import uuid

import pytest

from doorleren.budgets import selectors, services
from doorleren.budgets.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    TransactionKind,
)
from doorleren.core.errors import ApplicationError

from ..factories import external, funder, pool, resident

pytestmark = pytest.mark.django_db


def _budget_account(funder_, user=None) -> LedgerAccount:
    return LedgerAccount.objects.create(
        funder=funder_, kind=AccountKind.RESIDENT_BUDGET, resident=user or resident(), name="Budget"
    )


def _transfer(source, target, amount=100, **extra):
    return services.ledger_transfer(
        from_account=source,
        to_account=target,
        amount_cents=amount,
        kind=extra.pop("kind", TransactionKind.GRANT),
        reason=extra.pop("reason", "Test"),
        **extra,
    )


def test_a_transfer_is_one_transaction_with_two_entries_that_sum_to_zero():
    money = funder(funded_cents=10_000)
    source, target = pool(money), _budget_account(money)
    record = _transfer(source, target, 2_500)
    entries = sorted(record.entries.values_list("account_id", "amount_cents"))
    assert entries == sorted([(source.pk, -2_500), (target.pk, 2_500)])
    assert sum(amount for _pk, amount in entries) == 0
    assert isinstance(record.correlation_key, uuid.UUID)


def test_stored_balances_move_with_the_entries_and_the_callers_objects_too():
    money = funder(funded_cents=10_000)
    source, target = pool(money), _budget_account(money)
    _transfer(source, target, 2_500)
    assert (source.balance_cents, target.balance_cents) == (7_500, 2_500)
    source.refresh_from_db()
    target.refresh_from_db()
    assert source.balance_cents == selectors.account_balance(account=source) == 7_500
    assert target.balance_cents == selectors.account_balance(account=target) == 2_500


def test_the_external_source_may_go_negative_and_is_minus_what_came_in():
    money = funder(funded_cents=10_000)
    assert external(money).balance_cents == -10_000
    assert pool(money).balance_cents == 10_000


@pytest.mark.parametrize(
    ("amount", "code"),
    [
        (0, "ledger_amount_not_positive"),
        (-5, "ledger_amount_not_positive"),
        (10**12 + 1, "ledger_amount_too_high"),
        (1.5, "ledger_amount_not_whole_cents"),
        (True, "ledger_amount_not_whole_cents"),
        ("100", "ledger_amount_not_whole_cents"),
        (None, "ledger_amount_not_whole_cents"),
    ],
)
def test_bad_amounts_are_refused_in_dutch_and_nothing_is_written(amount, code):
    money = funder(funded_cents=10_000)
    before = LedgerEntry.objects.count()
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(money), _budget_account(money), amount)
    assert caught.value.code == code
    assert caught.value.message.endswith(".")
    assert LedgerEntry.objects.count() == before


def test_the_largest_amount_is_allowed():
    money = funder(funded_cents=0)
    _transfer(external(money), pool(money), 10**12, kind=TransactionKind.POOL_FUNDING)
    assert pool(money).balance_cents == 10**12


def test_a_balance_may_not_go_below_zero_where_that_is_forbidden():
    money = funder(funded_cents=1_000)
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(money), _budget_account(money), 1_001)
    assert caught.value.code == "ledger_insufficient_balance"
    assert caught.value.status == 409
    assert pool(money).balance_cents == 1_000
    assert LedgerTransaction.objects.filter(kind=TransactionKind.GRANT).count() == 0


def test_exactly_the_whole_balance_can_be_moved():
    money = funder(funded_cents=1_000)
    _transfer(pool(money), _budget_account(money), 1_000)
    assert pool(money).balance_cents == 0


def test_the_same_account_twice_is_refused():
    money = funder(funded_cents=1_000)
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(money), pool(money), 10)
    assert caught.value.code == "ledger_same_account"


def test_money_never_moves_between_funders():
    one, other = funder(funded_cents=1_000), funder(funded_cents=1_000)
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(one), pool(other), 10)
    assert caught.value.code == "ledger_cross_funder"


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"kind": "gift"}, "ledger_kind_invalid"),
        ({"kind": TransactionKind.REVERSAL}, "ledger_kind_invalid"),
        ({"reason": "  "}, "ledger_reason_missing"),
        ({"reason": "x" * 501}, "ledger_reason_invalid"),
        ({"reason": "a\x00b"}, "ledger_reason_invalid"),
        ({"idempotency_key": ""}, "ledger_idempotency_key_invalid"),
        ({"idempotency_key": "k" * 101}, "ledger_idempotency_key_invalid"),
        ({"idempotency_key": 5}, "ledger_idempotency_key_invalid"),
        ({"correlation_key": "not-a-uuid"}, "ledger_correlation_key_invalid"),
    ],
)
def test_bad_kind_reason_and_keys_are_refused(extra, code):
    money = funder(funded_cents=1_000)
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(money), _budget_account(money), 10, **extra)
    assert caught.value.code == code


def test_a_retry_with_the_same_idempotency_key_returns_the_first_transaction_and_moves_nothing():
    money = funder(funded_cents=1_000)
    source, target = pool(money), _budget_account(money)
    first = _transfer(source, target, 300, idempotency_key="inschrijving-42")
    again = _transfer(
        pool(money), LedgerAccount.objects.get(pk=target.pk), 300, idempotency_key="inschrijving-42"
    )
    assert again.pk == first.pk
    assert pool(money).balance_cents == 700
    assert LedgerTransaction.objects.filter(idempotency_key="inschrijving-42").count() == 1


def test_the_same_idempotency_key_for_another_transfer_is_refused():
    money = funder(funded_cents=1_000)
    target = _budget_account(money)
    _transfer(pool(money), target, 300, idempotency_key="inschrijving-42")
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(money), target, 400, idempotency_key="inschrijving-42")
    assert caught.value.code == "ledger_idempotency_key_reused"
    assert caught.value.status == 409
    assert pool(money).balance_cents == 700


def test_a_given_correlation_key_is_kept_and_cannot_be_used_twice():
    money = funder(funded_cents=1_000)
    key = uuid.uuid4()
    record = _transfer(pool(money), _budget_account(money), 10, correlation_key=key)
    assert record.correlation_key == key
    with pytest.raises(ApplicationError) as caught:
        _transfer(pool(money), _budget_account(money), 10, correlation_key=key)
    assert caught.value.code == "ledger_correlation_key_used"
    assert pool(money).balance_cents == 990


def test_the_actor_and_reason_are_recorded():
    money = funder(funded_cents=1_000)
    coach = resident()
    record = _transfer(
        pool(money), _budget_account(money), 10, actor=coach, reason=" Toegekend door de coach "
    )
    assert record.actor == coach
    assert record.reason == "Toegekend door de coach"
