"""Release, payment and the drop-out rule move exact amounts in cents, and the ledger keeps adding up."""

import pytest

from doorleren.audit.models import AuditEvent
from doorleren.budgets import selectors as budgets_selectors
from doorleren.budgets.models import AccountKind, LedgerAccount, LedgerTransaction, TransactionKind
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import services
from doorleren.enrolments.models import EnrolmentState

from ..factories import enrol, module, provider_member, resident_with_budgets

pytestmark = pytest.mark.django_db


def _balance(account_id) -> int:
    return LedgerAccount.objects.get(pk=account_id).balance_cents


def _reserved(resident) -> int:
    return sum(
        LedgerAccount.objects.filter(kind=AccountKind.RESERVATION, resident=resident).values_list(
            "balance_cents", flat=True
        )
    )


def _payable(provider) -> dict[int, int]:
    return dict(
        LedgerAccount.objects.filter(kind=AccountKind.PROVIDER_PAYABLE, provider=provider).values_list(
            "funder_id", "balance_cents"
        )
    )


@pytest.fixture
def started():
    setting = resident_with_budgets(30_000, 15_000)
    course = module(price_cents=50_000, hours=40)
    staff = provider_member(course)
    enrolment = enrol(setting, course)
    enrolment = services.enrolment_confirm_start(enrolment=enrolment, actor=staff)
    return setting, course, staff, enrolment


def test_cancelling_before_the_start_gives_every_cent_back():
    setting = resident_with_budgets(30_000, 15_000)
    enrolment = enrol(setting, module(price_cents=50_000))
    enrolment = services.enrolment_cancel(enrolment=enrolment, actor=setting.resident, reason="Andere baan")
    assert enrolment.state == EnrolmentState.CANCELLED
    assert [_balance(b.account_id) for b in setting.budgets] == [30_000, 15_000]
    assert _reserved(setting.resident) == 0
    assert (enrolment.released_cents, enrolment.provider_paid_cents, enrolment.resident_share_cents) == (
        45_000,
        0,
        0,
    )
    assert [
        (f.released_cents, f.paid_cents, f.release.kind) for f in enrolment.fundings.order_by("position")
    ] == [
        (30_000, 0, TransactionKind.RELEASE),
        (15_000, 0, TransactionKind.RELEASE),
    ]
    assert AuditEvent.objects.filter(action="budgets.reservation_release").count() == 2
    assert budgets_selectors.ledger_reconciliation().ok


def test_the_provider_is_paid_only_after_start_and_attendance(started):
    setting, course, staff, enrolment = started
    with pytest.raises(ApplicationError) as error:
        services.enrolment_pay(enrolment=enrolment, actor=staff)
    assert error.value.code == "enrolment_transition_not_allowed"
    assert _payable(course.provider) == {}

    enrolment = services.enrolment_confirm_attendance(enrolment=enrolment, actor=staff, attended_hours=38)
    assert _payable(course.provider) == {}  # confirming is not paying
    enrolment = services.enrolment_pay(enrolment=enrolment, actor=staff, reason="Factuur 2026-14")

    assert enrolment.state == EnrolmentState.PAID
    funders = [b.rule.funder_id for b in setting.budgets]
    assert _payable(course.provider) == {funders[0]: 30_000, funders[1]: 15_000}
    assert _reserved(setting.resident) == 0
    assert [_balance(b.account_id) for b in setting.budgets] == [0, 0]
    assert (enrolment.provider_paid_cents, enrolment.resident_share_cents, enrolment.attended_hours) == (
        45_000,
        5_000,
        38,
    )
    assert enrolment.provider_paid_cents + enrolment.resident_share_cents == enrolment.price_cents
    assert LedgerTransaction.objects.filter(kind=TransactionKind.PAYMENT).count() == 2
    assert AuditEvent.objects.get(action="enrolments.pay").reason == "Factuur 2026-14"
    assert budgets_selectors.ledger_reconciliation().ok


def test_a_drop_out_pays_the_provider_pro_rata_and_releases_the_rest(started):
    setting, course, staff, enrolment = started
    enrolment = services.enrolment_drop_out(enrolment=enrolment, actor=staff, attended_hours=13)

    # 13 of 40 hours: 30,000 × 13 / 40 = 9,750; 15,000 × 13 / 40 = 4,875; the resident 5,000 × 13 / 40 = 1,625.
    assert enrolment.state == EnrolmentState.DROPPED_OUT
    assert [(f.paid_cents, f.released_cents) for f in enrolment.fundings.order_by("position")] == [
        (9_750, 20_250),
        (4_875, 10_125),
    ]
    assert [_balance(b.account_id) for b in setting.budgets] == [20_250, 10_125]
    funders = [b.rule.funder_id for b in setting.budgets]
    assert _payable(course.provider) == {funders[0]: 9_750, funders[1]: 4_875}
    assert _reserved(setting.resident) == 0
    assert (enrolment.provider_paid_cents, enrolment.released_cents, enrolment.resident_share_cents) == (
        14_625,
        30_375,
        1_625,
    )
    line = AuditEvent.objects.get(action="enrolments.drop_out")
    assert line.data["paid_cents"] == 14_625 and line.data["attended_hours"] == 13
    assert budgets_selectors.ledger_reconciliation().ok


def test_rounding_on_a_drop_out_is_down_to_whole_cents_for_every_payer():
    pays, resident = services.refund_shares(
        amounts=[10_001, 3], left_to_pay_cents=7, attended_hours=1, module_hours=3
    )
    assert pays == [3_333, 1] and resident == 2
    assert sum(pays) + resident <= (10_001 + 3 + 7) * 1 // 3


@pytest.mark.parametrize(("hours", "paid"), [(0, 0), (40, 45_000)])
def test_a_drop_out_at_zero_hours_pays_nothing_and_at_all_hours_everything(started, hours, paid):
    setting, course, staff, enrolment = started
    enrolment = services.enrolment_drop_out(enrolment=enrolment, actor=staff, attended_hours=hours)
    assert enrolment.provider_paid_cents == paid
    assert enrolment.released_cents == 45_000 - paid
    assert sum(_payable(course.provider).values()) == paid
    assert budgets_selectors.ledger_reconciliation().ok


def test_refund_shares_refuses_impossible_hours():
    with pytest.raises(ValueError):
        services.refund_shares(amounts=[1], left_to_pay_cents=0, attended_hours=5, module_hours=4)
