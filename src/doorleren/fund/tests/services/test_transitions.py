"""The state machine: draft → submitted → in review → granted | rejected; granted → paid →
accounted for. Every other step is refused with a Dutch message and status 409, and changes nothing."""

import datetime as dt

import pytest

from doorleren.audit.selectors import audit_events_for
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import ApplicationState, FundApplication

from ..factories import draft, granted, in_review, office, paid, reviewed, submitted, today

pytestmark = pytest.mark.django_db
S = ApplicationState


def test_the_transitions_table_is_the_documented_one():
    assert {
        S.DRAFT: {S.SUBMITTED},
        S.SUBMITTED: {S.IN_REVIEW},
        S.IN_REVIEW: {S.GRANTED, S.REJECTED},
        S.GRANTED: {S.PAID},
        S.REJECTED: set(),
        S.PAID: {S.ACCOUNTED_FOR},
        S.ACCOUNTED_FOR: set(),
    } == services.TRANSITIONS


def _report_everything(application, consortium):
    services.spending_report_submit(
        actor=consortium.applicant,
        application=application,
        period_start=today() - dt.timedelta(days=30),
        period_end=today(),
        spent_cents=application.granted_cents,
        results={target.indicator: 10 for target in application.targets.all()},
    )


def test_the_whole_way_from_draft_to_accounted_for_is_logged_step_by_step():
    application, consortium = paid()
    _report_everything(application, consortium)
    closed = services.fund_application_account(actor=office(), application=application)
    assert closed.state == S.ACCOUNTED_FOR
    steps = [
        (event.data.get("from"), event.data.get("to"))
        for event in audit_events_for(subject=application).order_by("id")
        if "to" in event.data
    ]
    assert steps == [
        ("draft", "submitted"),
        ("submitted", "in_review"),
        ("in_review", "granted"),
        ("granted", "paid"),
        ("paid", "accounted_for"),
    ]
    actions = list(audit_events_for(subject=application).order_by("id").values_list("action", flat=True))
    assert actions == [
        "fund.application_create",
        "fund.consortium_member_add",
        "fund.application_submit",
        "fund.application_start_review",
        "fund.review_submit",
        "fund.review_submit",
        "fund.application_grant",
        "fund.application_pay",
        "fund.spending_report_submit",
        "fund.application_account",
    ]
    assert all(event.actor_id and event.reason for event in audit_events_for(subject=application))


def _reject(application):
    return services.fund_application_decide(
        actor=office(), application=application, grant=False, reason="Past niet bij de oproep."
    )


def _state(state):
    """An application in ``state`` with the user who leads it."""
    if state == S.DRAFT:
        return draft()
    if state == S.SUBMITTED:
        return submitted()
    if state == S.IN_REVIEW:
        return reviewed()
    if state == S.GRANTED:
        return granted()
    if state == S.REJECTED:
        application, consortium = reviewed()
        return _reject(application), consortium
    application, consortium = paid()
    if state == S.ACCOUNTED_FOR:
        _report_everything(application, consortium)
        application = services.fund_application_account(actor=office(), application=application)
    return application, consortium


STEPS = {
    S.SUBMITTED: lambda a, c: services.fund_application_submit(actor=c.applicant, application=a),
    S.IN_REVIEW: lambda a, c: services.fund_application_start_review(actor=office(), application=a),
    S.GRANTED: lambda a, c: services.fund_application_decide(
        actor=office(), application=a, grant=True, amount_cents=100, reason="Goed"
    ),
    S.REJECTED: lambda a, c: _reject(a),
    S.PAID: lambda a, c: services.fund_application_pay(actor=office(), application=a),
    S.ACCOUNTED_FOR: lambda a, c: services.fund_application_account(actor=office(), application=a),
}
FORBIDDEN = [
    (start, to)
    for start in S.values
    for to in STEPS
    if to not in services.TRANSITIONS[start]
    # Paying a paid application again is allowed and changes nothing (test_pay.py).
    and not (to == S.PAID and start in (S.PAID, S.ACCOUNTED_FOR))
]


@pytest.mark.parametrize(("start", "to"), FORBIDDEN, ids=[f"{s}->{t}" for s, t in FORBIDDEN])
def test_a_step_the_table_does_not_allow_is_refused_and_changes_nothing(start, to):
    application, consortium = _state(start)
    events = audit_events_for(subject=application).count()
    with pytest.raises(ApplicationError) as error:
        STEPS[to](application, consortium)
    assert error.value.status == 409
    assert error.value.message  # a Dutch sentence
    assert FundApplication.objects.get(pk=application.pk).state == start
    assert audit_events_for(subject=application).count() == events


def test_the_refusal_names_the_state_in_dutch():
    application, consortium = in_review()
    with pytest.raises(ApplicationError) as error:
        services.fund_application_submit(actor=consortium.applicant, application=application)
    assert error.value.code == "fund_application_state"
    assert error.value.message == "Dit kan nu niet. De aanvraag heeft de status ‘Wordt beoordeeld’."
