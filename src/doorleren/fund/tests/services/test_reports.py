"""Spending reports by the lead, and closing by the programme office once they cover the money."""

import datetime as dt

import pytest

from doorleren.audit.selectors import audit_events_for
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import SpendingReport

from ..factories import granted, member_of, office, paid, today

pytestmark = pytest.mark.django_db


def _report(application, actor, *, spent_cents, results=None, **extra):
    return services.spending_report_submit(
        actor=actor,
        application=application,
        period_start=extra.pop("period_start", today() - dt.timedelta(days=90)),
        period_end=extra.pop("period_end", today()),
        spent_cents=spent_cents,
        results=results if results is not None else {t.indicator: 5 for t in application.targets.all()},
        text=extra.pop("text", "Twee groepen zijn begonnen."),
    )


def test_the_lead_reports_spending_and_results():
    application, consortium = paid(requested_cents=10_000_00)
    report = _report(application, consortium.applicant, spent_cents=4_000_00)
    assert report.spent_cents == 4_000_00
    assert sorted(report.results.values_list("value", flat=True)) == [5, 5]
    event = audit_events_for(subject=application).get(action="fund.spending_report_submit")
    assert event.actor == consortium.applicant
    assert event.data["spent_cents"] == 4_000_00


def test_a_partner_does_not_report():
    application, consortium = paid()
    with pytest.raises(ApplicationError) as error:
        _report(application, member_of(consortium.school, role="school"), spent_cents=1)
    assert error.value.status == 403


def test_reporting_only_after_payment():
    application, consortium = granted()
    with pytest.raises(ApplicationError) as error:
        _report(application, consortium.applicant, spent_cents=1)
    assert error.value.code == "fund_report_not_paid"


def test_every_targeted_indicator_gets_a_value():
    application, consortium = paid()
    first = application.targets.first().indicator
    with pytest.raises(ApplicationError) as error:
        _report(application, consortium.applicant, spent_cents=1, results={first: 3})
    assert error.value.code == "fund_results_missing"
    assert not SpendingReport.objects.exists()


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"period_end": today() + dt.timedelta(days=1)}, "fund_report_period_future"),
        (
            {"period_start": today(), "period_end": today() - dt.timedelta(days=1)},
            "fund_report_period_reversed",
        ),
        ({"spent_cents": -1}, "fund_report_spent_not_positive"),
        ({"text": "x" * 5000}, "fund_report_text_invalid"),
    ],
)
def test_a_bad_report_is_refused(extra, code):
    application, consortium = paid()
    with pytest.raises(ApplicationError) as error:
        _report(application, consortium.applicant, spent_cents=extra.pop("spent_cents", 100), **extra)
    assert error.value.code == code


def test_closing_needs_reports_that_cover_the_granted_money():
    application, consortium = paid(requested_cents=10_000_00)
    _report(application, consortium.applicant, spent_cents=6_000_00)
    with pytest.raises(ApplicationError) as error:
        services.fund_application_account(actor=office(), application=application)
    assert error.value.code == "fund_account_reports_short"
    assert "€ 6.000,00 van € 10.000,00" in error.value.message
    _report(application, consortium.applicant, spent_cents=4_000_00)
    closer = office()
    closed = services.fund_application_account(actor=closer, application=application, reason="Alles klopt.")
    assert closed.state == "accounted_for"
    event = audit_events_for(subject=application).get(action="fund.application_account")
    assert (event.actor, event.reason, event.data["reported_spent_cents"]) == (
        closer,
        "Alles klopt.",
        10_000_00,
    )


def test_no_reports_after_closing():
    application, consortium = paid(requested_cents=1_000_00)
    _report(application, consortium.applicant, spent_cents=1_000_00)
    services.fund_application_account(actor=office(), application=application)
    with pytest.raises(ApplicationError) as error:
        _report(application, consortium.applicant, spent_cents=1)
    assert error.value.code == "fund_report_not_paid"
