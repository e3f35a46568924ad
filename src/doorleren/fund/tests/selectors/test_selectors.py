"""Reading the fund: open calls, weighted scores, figures per call and per indicator."""

import datetime as dt
from fractions import Fraction

import pytest

from doorleren.fund import selectors, services

from ..factories import call, granted, in_review, office, paid, review, reviewed, submitted, today

pytestmark = pytest.mark.django_db


def test_open_calls_are_those_open_today():
    open_ = call(opens_on=today(), closes_on=today())
    call(opens_on=today() + dt.timedelta(days=1), closes_on=today() + dt.timedelta(days=9))
    call(opens_on=today() - dt.timedelta(days=9), closes_on=today() - dt.timedelta(days=1))
    assert list(selectors.calls_open(today=today())) == [open_]
    assert selectors.calls_upcoming(today=today()).count() == 1
    assert selectors.calls_closed(today=today()).count() == 1


def test_the_weighted_score_weighs_each_criterion_and_averages_the_reviews():
    # Bereik weight 3 (max 5), Samenwerking weight 1 (max 10).
    application, _ = in_review(call_=call(criteria=(("Bereik", 3, 5), ("Samenwerking", 1, 10))))
    bereik, samen = application.call.criteria.order_by("position")
    services.review_submit(actor=office(), application=application, scores={bereik.pk: 5, samen.pk: 0})
    services.review_submit(actor=office(), application=application, scores={bereik.pk: 0, samen.pk: 10})
    summary = selectors.application_scores(application=application)
    # (3·5/5 + 1·0/10)/4 = 3/4 and (0 + 1)/4 = 1/4: mean 1/2
    assert summary.weighted == Fraction(1, 2)
    assert summary.percent == 50
    assert [view.percent for view in summary.review_views] == [75, 25]
    assert [row.mean for row in summary.per_criterion] == [Fraction(5, 2), Fraction(5)]
    assert summary.enough


def test_no_reviews_no_score():
    application, _ = in_review()
    summary = selectors.application_scores(application=application)
    assert (summary.reviews, summary.weighted, summary.percent, summary.enough) == (0, None, None, False)


def test_an_application_with_its_consortium_lead_first():
    application, consortium = submitted()
    detail = selectors.application_detail(application=application)
    assert [m.organisation for m in detail.members] == [consortium.lead, consortium.school]
    assert [t.target_value for t in detail.targets] == [40, 40]


def test_call_figures_add_up_asked_granted_paid_and_spent():
    ceiling = call(ceiling_cents=100_000_00)
    paid_one, consortium = paid(call_=ceiling, requested_cents=30_000_00, amount_cents=25_000_00)
    granted(call_=ceiling, requested_cents=20_000_00)
    reviewed(call_=ceiling, requested_cents=10_000_00)
    from ..factories import draft

    draft(call_=ceiling, requested_cents=5_000_00)  # drafts are not "asked"
    services.spending_report_submit(
        actor=consortium.applicant,
        application=paid_one,
        period_start=today(),
        period_end=today(),
        spent_cents=7_000_00,
        results={t.indicator: 3 for t in paid_one.targets.all()},
    )
    figures = selectors.call_figures(call=ceiling)
    assert figures.applications == 3
    assert figures.requested_cents == 60_000_00
    assert figures.granted_cents == 45_000_00
    assert figures.paid_cents == 25_000_00
    assert figures.reported_spent_cents == 7_000_00
    assert figures.left_cents == 55_000_00
    assert figures.per_state["draft"] == 1 and figures.per_state["in_review"] == 1


def test_indicator_figures_compare_targets_of_granted_applications_with_reported_results():
    application, consortium = paid()
    in_review()  # not granted: its targets do not count
    services.spending_report_submit(
        actor=consortium.applicant,
        application=application,
        period_start=today(),
        period_end=today(),
        spent_cents=1,
        results={t.indicator: 15 for t in application.targets.all()},
    )
    lines = {line.programme_line.code: line for line in selectors.indicator_figures()}
    rows = {row.indicator.code: row for row in lines["kwalificerend-onderwijs"].indicators}
    assert (rows["deelnemers-modules"].targeted, rows["deelnemers-modules"].reported) == (40, 15)
    assert rows["deelnemers-modules"].applications == 1
    assert rows["opleiders-geschoold"].targeted == 0
    assert lines["kwalificerend-onderwijs"].granted_cents == application.granted_cents
    assert len(lines) == 7  # the six programme lines and the overarching theme


def test_who_may_review():
    application, consortium = in_review()
    reviewer = office()
    assert selectors.may_review(user=reviewer, application=application)
    review(application, reviewer=reviewer)
    assert not selectors.may_review(user=reviewer, application=application)
    assert not selectors.may_review(user=consortium.applicant, application=application)
