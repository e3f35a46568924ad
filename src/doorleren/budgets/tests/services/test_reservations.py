"""Reservations: set aside once per key, settled once (paid, released or both), always exact in cents."""

import pytest

from doorleren.audit.models import AuditEvent
from doorleren.budgets import selectors, services
from doorleren.budgets.models import AccountKind, LedgerAccount, LedgerTransaction, TransactionKind
from doorleren.core.errors import ApplicationError
from doorleren.organisations.tests.factories import SchoolFactory

from ..factories import funder, grant, resident, rule

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget():
    return grant(rule_=rule(funder_=funder(funded_cents=100_000), amount_cents=50_000), resident_=resident())


def _balance(account_id: int) -> int:
    return LedgerAccount.objects.get(pk=account_id).balance_cents


def _reserve(budget, amount=20_000, key="res-1", **extra):
    return services.reservation_create(
        budget=budget, amount_cents=amount, idempotency_key=key, reason="Module", **extra
    )


def test_a_reservation_moves_money_from_the_budget_to_the_residents_reservation_account(budget):
    record = _reserve(budget)
    assert record.kind == TransactionKind.RESERVATION
    target = LedgerAccount.objects.get(kind=AccountKind.RESERVATION, resident=budget.resident)
    assert target.funder == budget.rule.funder
    assert (_balance(budget.account_id), target.balance_cents) == (30_000, 20_000)
    line = AuditEvent.objects.get(action="budgets.reservation_create")
    assert (line.subject_type, line.subject_id) == ("budgets.ledgertransaction", str(record.pk))
    assert line.data == {
        "amount_cents": 20_000,
        "budget": budget.pk,
        "funder": budget.rule.funder_id,
        "from_account": budget.account_id,
        "to_account": target.pk,
    }


def test_one_reservation_account_per_funder_and_resident(budget):
    _reserve(budget, key="a")
    _reserve(budget, key="b")
    assert LedgerAccount.objects.filter(kind=AccountKind.RESERVATION, resident=budget.resident).count() == 1


def test_a_retry_returns_the_first_reservation_and_moves_nothing(budget):
    first = _reserve(budget)
    assert _reserve(budget).pk == first.pk
    assert _balance(budget.account_id) == 30_000
    assert AuditEvent.objects.filter(action="budgets.reservation_create").count() == 1


@pytest.mark.parametrize("amount", [19_999, 20_001])
def test_the_same_key_for_another_amount_is_refused(budget, amount):
    _reserve(budget)
    with pytest.raises(ApplicationError) as error:
        _reserve(budget, amount=amount)
    assert (error.value.code, error.value.status) == ("ledger_idempotency_key_reused", 409)


def test_the_same_key_for_another_budget_is_refused(budget):
    _reserve(budget)
    other = grant(rule_=rule(amount_cents=50_000), resident_=resident())
    with pytest.raises(ApplicationError) as error:
        _reserve(other)
    assert error.value.code == "ledger_idempotency_key_reused"


def test_more_than_the_budget_holds_is_refused_and_nothing_is_written(budget):
    with pytest.raises(ApplicationError) as error:
        _reserve(budget, amount=50_001)
    assert (error.value.code, error.value.status) == ("ledger_insufficient_balance", 409)
    assert _balance(budget.account_id) == 50_000
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).exists()
    assert not AuditEvent.objects.filter(action="budgets.reservation_create").exists()


@pytest.mark.parametrize("key", ["", "x" * 93, "a\x00b", None, "res:pay", "res:release", 7])
def test_a_bad_key_is_refused(budget, key):
    with pytest.raises(ApplicationError) as error:
        _reserve(budget, key=key)
    assert error.value.code == "reservation_key_invalid"


@pytest.mark.parametrize("amount", [0, -1, 1.5, True])
def test_a_bad_amount_is_refused(budget, amount):
    with pytest.raises(ApplicationError):
        _reserve(budget, amount=amount)


def test_release_gives_the_whole_reservation_back(budget):
    record = _reserve(budget)
    release = services.reservation_release(reservation=record, reason="Geannuleerd")
    assert release.kind == TransactionKind.RELEASE
    assert _balance(budget.account_id) == 50_000
    assert AuditEvent.objects.filter(action="budgets.reservation_release").count() == 1
    assert selectors.ledger_reconciliation().ok


def test_pay_moves_the_whole_reservation_to_what_the_funder_owes_the_provider(budget):
    school = SchoolFactory()
    record = _reserve(budget)
    payment = services.reservation_pay(reservation=record, provider=school, reason="Afgerond")
    payable = LedgerAccount.objects.get(kind=AccountKind.PROVIDER_PAYABLE, provider=school)
    assert (payment.kind, payable.funder, payable.balance_cents) == (
        TransactionKind.PAYMENT,
        budget.rule.funder,
        20_000,
    )
    assert _balance(budget.account_id) == 30_000
    assert LedgerAccount.objects.get(kind=AccountKind.RESERVATION).balance_cents == 0


def test_refund_pays_part_and_releases_the_rest(budget):
    school = SchoolFactory()
    record = _reserve(budget)
    settled = services.reservation_refund(
        reservation=record, pay_cents=7_333, provider=school, reason="Gestopt"
    )
    assert (settled.paid_cents, settled.released_cents) == (7_333, 12_667)
    assert _balance(budget.account_id) == 42_667
    assert LedgerAccount.objects.get(kind=AccountKind.PROVIDER_PAYABLE).balance_cents == 7_333
    assert selectors.ledger_reconciliation().ok


def test_a_reservation_is_settled_once_and_a_retry_moves_nothing(budget):
    school = SchoolFactory()
    record = _reserve(budget)
    first = services.reservation_refund(
        reservation=record, pay_cents=5_000, provider=school, reason="Gestopt"
    )
    again = services.reservation_refund(
        reservation=record, pay_cents=5_000, provider=school, reason="Gestopt"
    )
    assert (again.payment.pk, again.release.pk) == (first.payment.pk, first.release.pk)
    for call in (
        lambda: services.reservation_release(reservation=record, reason="Nog eens"),
        lambda: services.reservation_pay(reservation=record, provider=school, reason="Nog eens"),
        lambda: services.reservation_refund(
            reservation=record, pay_cents=5_000, provider=SchoolFactory(), reason="x"
        ),
    ):
        with pytest.raises(ApplicationError) as error:
            call()
        assert (error.value.code, error.value.status) == ("reservation_already_settled", 409)
    assert _balance(budget.account_id) == 45_000
    assert (
        LedgerTransaction.objects.filter(kind__in=[TransactionKind.PAYMENT, TransactionKind.RELEASE]).count()
        == 2
    )


@pytest.mark.parametrize("pay", [-1, 20_001, 1.0, True, None])
def test_paying_more_than_reserved_or_not_whole_cents_is_refused(budget, pay):
    record = _reserve(budget)
    with pytest.raises(ApplicationError) as error:
        services.reservation_refund(reservation=record, pay_cents=pay, provider=SchoolFactory(), reason="x")
    assert error.value.code == "reservation_pay_invalid"


def test_paying_needs_a_provider(budget):
    record = _reserve(budget)
    with pytest.raises(ApplicationError) as error:
        services.reservation_refund(reservation=record, pay_cents=1, provider=None, reason="x")
    assert error.value.code == "reservation_provider_missing"


def test_only_a_reservation_can_be_settled(budget):
    grant_record = budget.grant_transaction
    with pytest.raises(ApplicationError) as error:
        services.reservation_release(reservation=grant_record, reason="x")
    assert error.value.code == "reservation_not_a_reservation"


def test_resident_budgets_lock_runs_inside_a_transaction(budget):
    from django.db import transaction

    with transaction.atomic():
        services.resident_budgets_lock(resident=budget.resident)


def test_provider_payable_account_is_one_per_funder_and_provider(budget):
    school = SchoolFactory()
    money = budget.rule.funder
    first = services.provider_payable_account(funder=money, provider=school)
    assert services.provider_payable_account(funder=money, provider=school).pk == first.pk
    assert (first.kind, first.provider, first.balance_cents) == (AccountKind.PROVIDER_PAYABLE, school, 0)
    assert services.provider_payable_account(funder=funder(), provider=school).pk != first.pk
