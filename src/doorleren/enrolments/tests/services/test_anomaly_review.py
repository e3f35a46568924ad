"""A decision about a signal: only by coaches, the programme office and administrators, only about a
current signal, always with a reason, and always with a line in the audit log."""

import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.models import AuditEvent
from doorleren.core.errors import ApplicationError
from doorleren.enrolments import selectors_anomalies, selectors_anomalies_overview, services
from doorleren.enrolments.models import AnomalyReview, EnrolmentState

from ..anomaly_factories import TODAY, raw_enrolment

pytestmark = pytest.mark.django_db


@pytest.fixture
def signal():
    enrolment = raw_enrolment(state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=20))
    [anomaly] = selectors_anomalies.anomalies_current(today=TODAY)
    return enrolment, anomaly


def _review(anomaly, actor, **extra):
    values = {"outcome": "onderzoeken", "reason": "Ik bel de aanbieder.", "today": TODAY} | extra
    return services.anomaly_review_create(fingerprint=anomaly.fingerprint, actor=actor, **values)


@pytest.mark.parametrize("role", ["coach", "programme_office", "administrator"])
def test_a_decision_is_stored_and_in_the_audit_log(signal, role):
    enrolment, anomaly = signal
    actor = UserFactory(role=role)
    review = _review(anomaly, actor)
    assert (review.fingerprint, review.kind, review.outcome, review.reviewer) == (
        anomaly.fingerprint,
        "no_attendance",
        "onderzoeken",
        actor,
    )
    assert review.subject == f"enrolment:{enrolment.pk}"
    assert review.facts["enrolments"] == [enrolment.pk]
    event = AuditEvent.objects.get(action="enrolments.anomaly_review")
    assert (event.actor, event.reason, event.subject_type, event.subject_id) == (
        actor,
        "Ik bel de aanbieder.",
        "enrolments.anomalyreview",
        str(review.pk),
    )
    assert event.data == {
        "fingerprint": anomaly.fingerprint,
        "kind": "no_attendance",
        "subject": f"enrolment:{enrolment.pk}",
        "outcome": "onderzoeken",
    }


def test_a_reviewed_signal_moves_to_bekeken_with_every_decision_newest_first(signal):
    _enrolment, anomaly = signal
    coach = UserFactory(role="coach")
    first = _review(anomaly, coach)
    second = _review(anomaly, coach, outcome="gemeld", reason="Gemeld bij de gemeente.")
    overview = selectors_anomalies_overview.anomaly_overview(viewer=coach, today=TODAY)
    assert overview.open_count == 0
    [reviewed] = overview.reviewed
    assert reviewed.fingerprint == anomaly.fingerprint
    assert [review.pk for review in reviewed.reviews] == [second.pk, first.pk]
    assert AuditEvent.objects.filter(action="enrolments.anomaly_review").count() == 2


@pytest.mark.parametrize("role", ["resident", "school", "employer"])
def test_other_roles_are_refused_and_nothing_is_stored(signal, role):
    _enrolment, anomaly = signal
    with pytest.raises(ApplicationError) as refused:
        _review(anomaly, UserFactory(role=role))
    assert (refused.value.status, refused.value.code) == (403, "anomaly_not_allowed")
    assert not AnomalyReview.objects.exists() and not AuditEvent.objects.exists()


def test_an_inactive_coach_is_refused(signal):
    _enrolment, anomaly = signal
    with pytest.raises(ApplicationError) as refused:
        _review(anomaly, UserFactory(role="coach", is_active=False))
    assert refused.value.status == 403


@pytest.mark.parametrize(
    ("extra", "code"),
    [
        ({"outcome": "prima"}, "anomaly_outcome_invalid"),
        ({"outcome": ""}, "anomaly_outcome_invalid"),
        ({"reason": "   "}, "anomaly_reason_missing"),
        ({"reason": "x" * 501}, "anomaly_reason_invalid"),
        ({"reason": "a\x00b"}, "anomaly_reason_invalid"),
        ({"reason": None}, "anomaly_reason_invalid"),
    ],
)
def test_bad_input_is_refused_with_a_dutch_sentence_and_nothing_is_stored(signal, extra, code):
    _enrolment, anomaly = signal
    with pytest.raises(ApplicationError) as refused:
        _review(anomaly, UserFactory(role="coach"), **extra)
    assert (refused.value.status, refused.value.code) == (400, code)
    assert refused.value.message
    assert not AnomalyReview.objects.exists() and not AuditEvent.objects.exists()


@pytest.mark.parametrize(
    ("fingerprint", "status", "code"),
    [
        ("0" * 64, 404, "anomaly_unknown"),
        ("A" * 64, 400, "anomaly_fingerprint_invalid"),
        ("abc", 400, "anomaly_fingerprint_invalid"),
        ("", 400, "anomaly_fingerprint_invalid"),
        (None, 400, "anomaly_fingerprint_invalid"),
    ],
)
def test_a_forged_or_unknown_fingerprint_is_refused(signal, fingerprint, status, code):
    with pytest.raises(ApplicationError) as refused:
        services.anomaly_review_create(
            fingerprint=fingerprint,
            outcome="in_orde",
            reason="Klopt.",
            actor=UserFactory(role="coach"),
            today=TODAY,
        )
    assert (refused.value.status, refused.value.code) == (status, code)
    assert not AnomalyReview.objects.exists()


def test_a_signal_whose_rule_no_longer_holds_cannot_be_reviewed(signal):
    enrolment, anomaly = signal
    type(enrolment).objects.filter(pk=enrolment.pk).update(state=EnrolmentState.DROPPED_OUT, attended_hours=0)
    with pytest.raises(ApplicationError) as refused:
        _review(anomaly, UserFactory(role="coach"))
    assert refused.value.status == 404
