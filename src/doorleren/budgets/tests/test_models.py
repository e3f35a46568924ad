"""The safety nets: ledger rows cannot be changed or deleted, and the database refuses impossible values."""

import pytest
from django.db import IntegrityError, transaction

from doorleren.budgets.models import (
    AccountKind,
    LedgerAccount,
    LedgerEntry,
    LedgerImmutableError,
    LedgerTransaction,
    TransactionKind,
)

from .factories import funder, pool, resident

pytestmark = pytest.mark.django_db


def _first_transaction():
    return LedgerTransaction.objects.get(kind=TransactionKind.POOL_FUNDING)


def test_an_entry_cannot_be_changed_or_deleted():
    funder(funded_cents=500)
    entry = LedgerEntry.objects.first()
    entry.amount_cents = 1
    with pytest.raises(LedgerImmutableError):
        entry.save()
    with pytest.raises(LedgerImmutableError):
        entry.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount_cents=1)
    assert {e.amount_cents for e in LedgerEntry.objects.all()} == {500, -500}


def test_a_transaction_cannot_be_changed_or_deleted():
    funder(funded_cents=500)
    record = _first_transaction()
    record.reason = "Anders"
    with pytest.raises(LedgerImmutableError):
        record.save()
    with pytest.raises(LedgerImmutableError):
        record.delete()
    with pytest.raises(LedgerImmutableError):
        LedgerTransaction.objects.update(reason="Anders")
    assert _first_transaction().reason == "Startbedrag"


def test_the_database_refuses_a_negative_balance_on_an_account_that_may_not_go_negative():
    money = funder(funded_cents=500)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerAccount.objects.filter(pk=pool(money).pk).update(balance_cents=-1)


def test_the_database_refuses_a_zero_entry():
    funder(funded_cents=500)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerEntry.objects.create(
            transaction=_first_transaction(), account=LedgerAccount.objects.first(), amount_cents=0
        )


def test_only_an_external_account_may_go_negative():
    money = funder(funded_cents=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerAccount.objects.create(
            funder=money,
            kind=AccountKind.RESIDENT_BUDGET,
            resident=resident(),
            name="x",
            may_go_negative=True,
        )


def test_a_reversal_must_name_what_it_reverses():
    funder(funded_cents=500)
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerTransaction.objects.create(kind=TransactionKind.REVERSAL, reason="x")
