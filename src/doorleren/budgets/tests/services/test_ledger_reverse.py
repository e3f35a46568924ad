"""ledger_reverse: a reversing pair, once only, never of a reversal, never below zero."""

import pytest

from doorleren.budgets import selectors, services
from doorleren.budgets.models import AccountKind, LedgerAccount, LedgerTransaction, TransactionKind
from doorleren.core.errors import ApplicationError

from ..factories import external, funder, pool, resident

pytestmark = pytest.mark.django_db


def _setup(amount=400):
    money = funder(funded_cents=1_000)
    target = LedgerAccount.objects.create(
        funder=money, kind=AccountKind.RESIDENT_BUDGET, resident=resident(), name="Budget"
    )
    record = services.ledger_transfer(
        from_account=pool(money),
        to_account=target,
        amount_cents=amount,
        kind=TransactionKind.GRANT,
        reason="Test",
    )
    return money, target, record


def test_a_reversal_is_a_new_transaction_with_every_entry_turned_around():
    money, target, record = _setup()
    reversal = services.ledger_reverse(transaction=record, reason="Fout gemaakt", actor=None)
    assert reversal.kind == TransactionKind.REVERSAL
    assert reversal.reverses == record
    assert reversal.correlation_key != record.correlation_key
    original = sorted(record.entries.values_list("account_id", "amount_cents"))
    turned = sorted(reversal.entries.values_list("account_id", "amount_cents"))
    assert turned == sorted((pk, -amount) for pk, amount in original)
    assert pool(money).balance_cents == 1_000
    target.refresh_from_db()
    assert target.balance_cents == 0 == selectors.account_balance(account=target)


def test_the_original_stays_as_it_was():
    _money, _target, record = _setup()
    before = list(record.entries.values_list("pk", "account_id", "amount_cents"))
    services.ledger_reverse(transaction=record, reason="Fout", actor=None)
    assert list(record.entries.values_list("pk", "account_id", "amount_cents")) == before
    assert LedgerTransaction.objects.get(pk=record.pk).kind == TransactionKind.GRANT


def test_a_transaction_is_reversed_once_only():
    money, _target, record = _setup()
    services.ledger_reverse(transaction=record, reason="Fout", actor=None)
    with pytest.raises(ApplicationError) as caught:
        services.ledger_reverse(transaction=record, reason="Nog een keer", actor=None)
    assert caught.value.code == "ledger_already_reversed"
    assert caught.value.status == 409
    assert pool(money).balance_cents == 1_000
    assert LedgerTransaction.objects.filter(kind=TransactionKind.REVERSAL).count() == 1


def test_a_reversal_cannot_be_reversed():
    _money, _target, record = _setup()
    reversal = services.ledger_reverse(transaction=record, reason="Fout", actor=None)
    with pytest.raises(ApplicationError) as caught:
        services.ledger_reverse(transaction=reversal, reason="Toch niet", actor=None)
    assert caught.value.code == "ledger_reverse_reversal"


def test_money_already_spent_cannot_be_reversed():
    money, target, record = _setup(400)
    other = LedgerAccount.objects.create(
        funder=money, kind=AccountKind.RESIDENT_BUDGET, resident=resident(), name="Ander budget"
    )
    services.ledger_transfer(
        from_account=target,
        to_account=other,
        amount_cents=100,
        kind=TransactionKind.RESERVATION,
        reason="Test",
    )
    with pytest.raises(ApplicationError) as caught:
        services.ledger_reverse(transaction=record, reason="Fout", actor=None)
    assert caught.value.code == "ledger_reverse_insufficient"
    target.refresh_from_db()
    assert target.balance_cents == 300
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.REVERSAL).exists()


def test_reversing_money_in_may_take_the_external_source_back_up():
    money = funder(funded_cents=0)
    record = services.funder_pool_fund(funder=money, amount_cents=500, reason="Subsidie")
    services.ledger_reverse(transaction=record, reason="Subsidie ging niet door", actor=None)
    assert external(money).balance_cents == 0
    assert pool(money).balance_cents == 0


def test_a_reversal_needs_a_reason():
    _money, _target, record = _setup()
    with pytest.raises(ApplicationError) as caught:
        services.ledger_reverse(transaction=record, reason="", actor=None)
    assert caught.value.code == "ledger_reason_missing"
