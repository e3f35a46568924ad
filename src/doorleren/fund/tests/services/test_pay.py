"""Paying: one ledger transfer from the fund's pool to what it owes the lead, once only."""

import pytest

from doorleren.audit.selectors import audit_events_for
from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets.models import AccountKind, LedgerAccount, LedgerTransaction
from doorleren.budgets.tests.factories import pool
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import FundApplication

from ..factories import call, fund, granted, office

pytestmark = pytest.mark.django_db


def test_paying_moves_the_granted_money_from_the_pool_to_the_lead():
    money = fund(funded_cents=100_000_00)
    application, consortium = granted(
        call_=call(funder_=money), requested_cents=20_000_00, amount_cents=15_000_00
    )
    payer = office()
    paid = services.fund_application_pay(actor=payer, application=application)
    assert paid.state == "paid"
    payable = LedgerAccount.objects.get(
        funder=money, kind=AccountKind.PROVIDER_PAYABLE, provider=consortium.lead
    )
    assert payable.balance_cents == 15_000_00
    assert pool(money).balance_cents == 85_000_00
    transaction = paid.payment_transaction
    assert transaction.kind == "payment"
    assert transaction.actor == payer
    assert transaction.idempotency_key == services.payment_key(application)
    assert sorted(transaction.entries.values_list("amount_cents", flat=True)) == [-15_000_00, 15_000_00]
    assert budgets_selectors.ledger_reconciliation().ok


def test_paying_twice_pays_once():
    application, _ = granted()
    first = services.fund_application_pay(actor=office(), application=application)
    second = services.fund_application_pay(actor=office(), application=application)
    assert first.payment_transaction_id == second.payment_transaction_id
    assert LedgerTransaction.objects.filter(kind="payment").count() == 1
    assert audit_events_for(subject=application).filter(action="fund.application_pay").count() == 1


def test_a_pool_that_ran_short_refuses_and_nothing_changes():
    money = fund(funded_cents=30_000_00)
    application, _ = granted(call_=call(funder_=money), requested_cents=20_000_00)
    # The pool is spent on something else after the grant.
    from doorleren.budgets.services import ledger_transfer
    from doorleren.budgets.tests.factories import external

    ledger_transfer(
        from_account=pool(money),
        to_account=external(money),
        amount_cents=25_000_00,
        kind="payment",
        reason="Terug",
    )
    with pytest.raises(ApplicationError) as error:
        services.fund_application_pay(actor=office(), application=application)
    assert error.value.code == "ledger_insufficient_balance"
    assert FundApplication.objects.get(pk=application.pk).state == "granted"
    assert not audit_events_for(subject=application).filter(action="fund.application_pay").exists()


def test_only_the_programme_office_pays():
    application, consortium = granted()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_pay(actor=consortium.applicant, application=application)
    assert error.value.status == 403
    assert LedgerTransaction.objects.filter(kind="payment").count() == 0


def test_the_payment_is_logged_with_the_ledger_transaction():
    application, _ = granted()
    payer = office()
    paid = services.fund_application_pay(actor=payer, application=application)
    event = audit_events_for(subject=application).get(action="fund.application_pay")
    assert event.actor == payer
    assert event.data["ledger_transaction_id"] == paid.payment_transaction_id
    assert event.data["amount_cents"] == paid.granted_cents
    assert event.reason
