"""Deciding: at least two reviews, never more than asked, never over the call's ceiling or the pool."""

import pytest

from doorleren.audit.selectors import audit_events_for
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import ApplicationState, FundApplication
from doorleren.fund.rules import MIN_REVIEWS
from doorleren.organisations.tests.factories import MembershipFactory

from ..factories import call, fund, granted, in_review, office, review, reviewed

pytestmark = pytest.mark.django_db


def _grant(application, amount_cents, actor=None):
    return services.fund_application_decide(
        actor=actor or office(),
        application=application,
        grant=True,
        amount_cents=amount_cents,
        reason="Goed plan",
    )


def test_a_grant_needs_at_least_two_reviews():
    assert MIN_REVIEWS == 2
    application, _ = in_review()
    review(application)
    with pytest.raises(ApplicationError) as error:
        _grant(application, 100)
    assert error.value.code == "fund_decide_too_few_reviews"
    review(application)
    assert _grant(application, 100).state == ApplicationState.GRANTED


def test_a_rejection_needs_the_reviews_and_a_reason():
    application, _ = in_review()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_decide(actor=office(), application=application, grant=False, reason="Nee")
    assert error.value.code == "fund_decide_too_few_reviews"
    application, _ = reviewed()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_decide(actor=office(), application=application, grant=False, reason="  ")
    assert error.value.code == "fund_decide_reason_missing"
    rejected = services.fund_application_decide(
        actor=office(), application=application, grant=False, reason="Te weinig bereik."
    )
    assert (rejected.state, rejected.granted_cents, rejected.decision_reason) == (
        "rejected",
        None,
        "Te weinig bereik.",
    )
    event = audit_events_for(subject=application).get(action="fund.application_reject")
    assert event.reason == "Te weinig bereik."


def test_never_more_than_was_asked():
    application, _ = reviewed(requested_cents=10_000_00)
    with pytest.raises(ApplicationError) as error:
        _grant(application, 10_000_01)
    assert error.value.code == "fund_grant_above_requested"
    assert _grant(application, 8_000_00).granted_cents == 8_000_00


@pytest.mark.parametrize("amount", [0, -5, 1.5, None, True])
def test_a_grant_is_a_whole_positive_number_of_cents(amount):
    application, _ = reviewed()
    with pytest.raises(ApplicationError):
        _grant(application, amount)
    assert FundApplication.objects.get(pk=application.pk).state == "in_review"


def test_the_call_ceiling_is_never_exceeded():
    ceiling = call(ceiling_cents=50_000_00, max_per_application_cents=30_000_00)
    first, _ = granted(call_=ceiling, requested_cents=30_000_00)
    second, _ = reviewed(call_=ceiling, requested_cents=30_000_00)
    with pytest.raises(ApplicationError) as error:
        _grant(second, 20_000_01)
    assert error.value.code == "fund_call_ceiling_exceeded"
    assert "€ 20.000,00" in error.value.message
    assert _grant(second, 20_000_00).granted_cents == 20_000_00
    assert first.granted_cents + 20_000_00 == ceiling.ceiling_cents


def test_rejected_applications_do_not_count_against_the_ceiling():
    ceiling = call(ceiling_cents=30_000_00, max_per_application_cents=30_000_00)
    rejected, _ = reviewed(call_=ceiling, requested_cents=30_000_00)
    services.fund_application_decide(actor=office(), application=rejected, grant=False, reason="Nee")
    application, _ = reviewed(call_=ceiling, requested_cents=30_000_00)
    assert _grant(application, 30_000_00).state == "granted"


def test_never_more_than_the_pool_holds_beyond_earlier_unpaid_grants():
    money = fund(funded_cents=25_000_00)
    first, _ = granted(call_=call(funder_=money), requested_cents=20_000_00)
    other_call = call(funder_=money)
    second, _ = reviewed(call_=other_call, requested_cents=20_000_00)
    with pytest.raises(ApplicationError) as error:
        _grant(second, 5_000_01)
    assert error.value.code == "fund_pool_short"
    assert _grant(second, 5_000_00).state == "granted"
    assert first.state == "granted"


def test_a_member_of_the_consortium_may_not_decide():
    application, consortium = reviewed()
    decider = office()
    MembershipFactory(user=decider, organisation=consortium.school)
    with pytest.raises(ApplicationError) as error:
        _grant(application, 100, actor=decider)
    assert error.value.code == "fund_conflict_of_interest"


def test_the_grant_is_logged_with_amount_and_ceiling():
    application, _ = reviewed(requested_cents=12_000_00)
    decider = office()
    _grant(application, 11_000_00, actor=decider)
    event = audit_events_for(subject=application).get(action="fund.application_grant")
    assert event.actor == decider
    assert event.reason == "Goed plan"
    assert event.data["granted_cents"] == 11_000_00
    assert event.data["call_ceiling_cents"] == application.call.ceiling_cents
    assert event.data["from"] == "in_review" and event.data["to"] == "granted"
