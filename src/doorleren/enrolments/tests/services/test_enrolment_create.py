"""Enrolling reserves every budget's part of the split at once, or nothing; a retry reserves nothing more."""

import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets import services as budgets_services
from doorleren.budgets.models import AccountKind, LedgerAccount, LedgerTransaction, TransactionKind
from doorleren.budgets.tests.factories import TODAY
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import services
from doorleren.enrolments.models import Enrolment, EnrolmentFunding, EnrolmentState
from doorleren.learning.models import ModuleStart, PublicationStatus

from ..factories import START, enrol, key, module, resident_with_budgets

pytestmark = pytest.mark.django_db


def _balance(budget) -> int:
    return LedgerAccount.objects.get(pk=budget.account_id).balance_cents


def _nothing_stored(setting, balances):
    assert not Enrolment.objects.exists()
    assert not EnrolmentFunding.objects.exists()
    assert not LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).exists()
    assert [_balance(budget) for budget in setting.budgets] == balances


def test_enrolling_reserves_each_part_of_the_split_in_the_cofunding_order():
    setting = resident_with_budgets(30_000, 10_000)
    course = module(price_cents=45_000)

    enrolment = enrol(setting, course)

    assert enrolment.state == EnrolmentState.RESERVED
    assert (enrolment.price_cents, enrolment.covered_cents, enrolment.left_to_pay_cents) == (
        45_000,
        40_000,
        5_000,
    )
    assert enrolment.start_date == START
    assert enrolment.module_start == ModuleStart.objects.get(module=course)
    fundings = list(enrolment.fundings.order_by("position"))
    assert [(f.position, f.budget, f.amount_cents) for f in fundings] == [
        (1, setting.budgets[0], 30_000),
        (2, setting.budgets[1], 10_000),
    ]
    assert [_balance(budget) for budget in setting.budgets] == [0, 0]
    reserved = LedgerAccount.objects.filter(kind=AccountKind.RESERVATION, resident=setting.resident)
    assert sorted(account.balance_cents for account in reserved) == [10_000, 30_000]
    assert {f.reservation.kind for f in fundings} == {TransactionKind.RESERVATION}
    assert budgets_selectors.ledger_reconciliation().ok


def test_the_resident_pays_everything_when_no_budget_pays():
    setting = resident_with_budgets()
    enrolment = enrol(setting, module(price_cents=12_345))
    assert (enrolment.covered_cents, enrolment.left_to_pay_cents) == (0, 12_345)
    assert enrolment.state == EnrolmentState.RESERVED
    assert not enrolment.fundings.exists()


def test_a_retry_with_the_same_key_returns_the_same_enrolment_and_reserves_nothing_more():
    setting = resident_with_budgets(100_000)
    course = module(price_cents=45_000)
    first = enrol(setting, course, idempotency_key="een-keer")
    again = enrol(setting, course, idempotency_key="een-keer")

    assert again.pk == first.pk
    assert Enrolment.objects.count() == 1
    assert LedgerTransaction.objects.filter(kind=TransactionKind.RESERVATION).count() == 1
    assert _balance(setting.budgets[0]) == 55_000


def test_the_same_key_for_another_module_is_refused():
    setting = resident_with_budgets(100_000)
    enrol(setting, module(), idempotency_key="een-keer")
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(), idempotency_key="een-keer")
    assert (error.value.code, error.value.status) == ("enrolment_key_reused", 409)
    assert Enrolment.objects.count() == 1


def test_two_residents_may_use_the_same_key():
    course = module()
    enrol(resident_with_budgets(50_000), course, idempotency_key="k")
    enrol(resident_with_budgets(50_000), course, idempotency_key="k")
    assert Enrolment.objects.count() == 2


def test_a_second_open_enrolment_for_the_same_module_is_refused():
    setting = resident_with_budgets(100_000)
    course = module()
    enrol(setting, course)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, course)
    assert (error.value.code, error.value.status) == ("enrolment_already_open", 409)


def test_after_cancelling_the_resident_may_enrol_again():
    setting = resident_with_budgets(100_000)
    course = module()
    first = enrol(setting, course)
    services.enrolment_cancel(enrolment=first, actor=setting.resident)
    assert enrol(setting, course).pk != first.pk


@pytest.mark.parametrize(
    ("stated", "code"), [(45_001, "enrolment_price_above_catalogue"), (44_999, "enrolment_price_differs")]
)
def test_a_request_naming_another_price_than_the_catalogue_is_refused(stated, code):
    setting = resident_with_budgets(100_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(price_cents=45_000), price_cents=stated)
    assert error.value.code == code
    assert "€ 450,00" in error.value.message
    _nothing_stored(setting, [100_000])


def test_the_catalogue_price_itself_is_accepted_and_the_price_comes_from_the_catalogue():
    setting = resident_with_budgets(100_000)
    enrolment = enrol(setting, module(price_cents=45_000), price_cents=45_000)
    assert enrolment.price_cents == 45_000


@pytest.mark.parametrize("stated", [-1, 1.5, True, "450"])
def test_a_price_that_is_not_whole_cents_is_refused(stated):
    setting = resident_with_budgets(100_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(), price_cents=stated)
    assert error.value.code == "enrolment_amount_invalid"


def test_when_a_reservation_fails_nothing_is_reserved(monkeypatch):
    setting = resident_with_budgets(30_000, 10_000)
    real = budgets_services.reservation_create
    calls = []

    def second_fails(**kwargs):
        calls.append(kwargs)
        if len(calls) == 2:
            raise ApplicationError("Niet genoeg geld.", code="ledger_insufficient_balance", status=409)
        return real(**kwargs)

    monkeypatch.setattr(budgets_services, "reservation_create", second_fails)
    with pytest.raises(ApplicationError):
        enrol(setting, module(price_cents=45_000))
    assert len(calls) == 2
    _nothing_stored(setting, [30_000, 10_000])
    assert not AuditEvent.objects.filter(action__startswith="enrolments.").exists()


def test_a_changed_split_is_refused_so_the_resident_can_look_again():
    setting = resident_with_budgets(30_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(price_cents=45_000), expected_left_to_pay_cents=0)
    assert (error.value.code, error.value.status) == ("enrolment_split_changed", 409)
    _nothing_stored(setting, [30_000])
    assert (
        enrol(setting, module(price_cents=45_000), expected_left_to_pay_cents=15_000).left_to_pay_cents
        == 15_000
    )


def test_only_the_resident_themself_or_the_system_enrols():
    setting = resident_with_budgets(100_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(), actor=UserFactory(role="coach"))
    assert (error.value.code, error.value.status) == ("enrolment_actor_not_resident", 403)
    assert enrol(setting, module(), actor=None).state == EnrolmentState.RESERVED


def test_a_user_who_is_not_a_resident_cannot_enrol():
    employer = UserFactory(role="employer")
    with pytest.raises(ApplicationError) as error:
        enrol(employer, module())
    assert (error.value.code, error.value.status) == ("enrolment_not_a_resident", 403)


def test_an_unpublished_module_is_refused():
    setting = resident_with_budgets(100_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(status=PublicationStatus.DRAFT))
    assert error.value.code == "enrolment_module_not_published"


def test_a_start_of_another_module_or_an_unknown_date_is_refused():
    setting = resident_with_budgets(100_000)
    course, other = module(), module()
    for start in (ModuleStart.objects.get(module=other), START + dt.timedelta(days=1), "morgen"):
        with pytest.raises(ApplicationError) as error:
            enrol(setting, course, start=start)
        assert error.value.code == "enrolment_start_invalid"


def test_a_start_in_the_past_is_refused():
    setting = resident_with_budgets(100_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(start=None), start=TODAY - dt.timedelta(days=1))
    assert error.value.code == "enrolment_start_past"


def test_a_module_without_fixed_starts_takes_any_day_from_today():
    setting = resident_with_budgets(100_000)
    course = module(start=None)
    assert enrol(setting, course).start_date == TODAY
    services.enrolment_cancel(enrolment=Enrolment.objects.get(), actor=None)
    assert enrol(setting, course, start=TODAY + dt.timedelta(days=3)).start_date == TODAY + dt.timedelta(
        days=3
    )


def test_a_budget_that_ends_before_the_start_does_not_pay():
    setting = resident_with_budgets(100_000)
    course = module(start=None)
    late = setting.budgets[0].valid_until + dt.timedelta(days=1)
    enrolment = enrol(setting, course, start=late)
    assert enrolment.covered_cents == 0


@pytest.mark.parametrize("bad", ["", " ", "x" * 81, "a\x00b", None, 5])
def test_a_bad_key_is_refused(bad):
    setting = resident_with_budgets(100_000)
    with pytest.raises(ApplicationError) as error:
        enrol(setting, module(), idempotency_key=bad)
    assert error.value.code == "enrolment_key_invalid"


def test_enrolling_writes_who_when_and_why_to_the_audit_log():
    setting = resident_with_budgets(30_000, 10_000)
    enrolment = enrol(setting, module(price_cents=45_000), reason="Ik wil verder in mijn werk.")
    lines = list(
        AuditEvent.objects.filter(subject_type="enrolments.enrolment", subject_id=str(enrolment.pk)).order_by(
            "id"
        )
    )
    assert [line.action for line in lines] == ["enrolments.request", "enrolments.reserve"]
    assert {line.actor for line in lines} == {setting.resident}
    assert lines[0].reason == "Ik wil verder in mijn werk."
    assert lines[1].data["covered_cents"] == 40_000
    assert lines[1].data["left_to_pay_cents"] == 5_000
    assert AuditEvent.objects.filter(action="budgets.reservation_create").count() == 2


def test_a_key_is_trimmed_and_a_retry_with_spaces_finds_the_same_enrolment():
    setting = resident_with_budgets(100_000)
    course = module()
    assert (
        enrol(setting, course, idempotency_key=" k1 ").pk == enrol(setting, course, idempotency_key="k1").pk
    )
    assert key() != key()


def test_a_module_whose_starts_have_all_passed_cannot_be_enrolled_for():
    setting = resident_with_budgets(100_000)
    course = module(start=TODAY - dt.timedelta(days=1))
    with pytest.raises(ApplicationError) as error:
        enrol(setting, course)
    assert (error.value.code, error.value.status) == ("enrolment_no_start", 409)
    assert not Enrolment.objects.exists()


def test_the_price_is_read_from_the_catalogue_at_enrolment_not_from_the_object_passed_in():
    setting = resident_with_budgets(100_000)
    course = module(price_cents=45_000)
    type(course).objects.filter(pk=course.pk).update(price_cents=40_000)  # the provider lowered the price
    enrolment = enrol(setting, course)  # ``course`` in memory still says 45,000
    assert (enrolment.price_cents, enrolment.covered_cents) == (40_000, 40_000)
    with pytest.raises(ApplicationError) as error:
        enrol(resident_with_budgets(100_000), course, price_cents=45_000)
    assert error.value.code == "enrolment_price_above_catalogue"
