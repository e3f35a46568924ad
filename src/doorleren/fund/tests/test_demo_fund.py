"""The demo region has the regional fund: an open call with a draft of Henk's firm and an application
in review, a closed call with two granted applications and a rejected one; and a reset removes it."""

import datetime as dt

import pytest

from doorleren.budgets import selectors as budgets_selectors
from doorleren.demo.services import demo_build
from doorleren.fund import selectors
from doorleren.fund.models import FundApplication, FundCall

TODAY = dt.date(2026, 3, 2)
SMALL = {
    "residents": 30,
    "employers": 30,
    "modules": 60,
    "certificates": 6,
    "diplomas": 2,
    "vacancies": 20,
    "assignments": 5,
    "basic_jobs": 5,
    "coaches": 3,
    "practical_offers": 5,
    "today": TODAY,
}

pytestmark = pytest.mark.django_db


def test_the_demo_has_the_fund_in_several_states_and_the_ledger_reconciles():
    result = demo_build(seed=3, **SMALL)
    assert result.counts["fund_calls"] == 2
    assert result.counts["fund_applications"] == 5
    states = sorted(FundApplication.objects.values_list("state", flat=True))
    assert states == ["draft", "granted", "granted", "in_review", "rejected"]
    assert (
        FundApplication.objects.get(state="draft").lead_organisation.kvk_number == "99000001"
    )  # Henk's firm
    assert list(selectors.calls_open(today=TODAY).values_list("title", flat=True)) == [
        "Leren op de werkvloer"
    ]
    closed = FundCall.objects.get(title="Basisbanen en werk naar werk")
    figures = selectors.call_figures(call=closed)
    assert (figures.applications, figures.granted_cents, figures.paid_cents) == (3, 100_000_00, 0)
    assert budgets_selectors.ledger_reconciliation().ok
    # The programme office can pay a granted application from the regional pool.
    from doorleren.accounts.tests.factories import UserFactory
    from doorleren.fund import services

    granted = FundApplication.objects.filter(state="granted").order_by("pk").first()
    paid = services.fund_application_pay(actor=UserFactory(role="programme_office"), application=granted)
    assert paid.state == "paid"


def test_a_reset_removes_the_demo_fund():
    demo_build(seed=3, **SMALL)
    demo_build(seed=4, reset=True, **SMALL)
    assert FundCall.objects.count() == 2
    assert FundApplication.objects.count() == 5
