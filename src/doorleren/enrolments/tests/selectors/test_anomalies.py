"""The fraud and error checks raise a signal exactly when their rule holds (docs/enrolments.md, "Signalen
voor coaches"); the boundaries are tested on both sides."""

import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.enrolments import selectors_anomalies as checks
from doorleren.enrolments.models import AnomalyKind, EnrolmentState
from doorleren.enrolments.selectors_anomalies_overview import anomaly_overview
from doorleren.learning.tests.factories import ModuleFactory
from doorleren.organisations import services as organisations_services
from doorleren.organisations.tests.factories import OrganisationFactory, SchoolFactory

from ..anomaly_factories import TODAY, many_on, raw_enrolment
from ..factories import coach_for

pytestmark = pytest.mark.django_db

IBAN = "NL91ABNA0417164300"
OTHER_IBAN = "NL44RABO0123456789"


def _kinds(kind: str, today: dt.date = TODAY) -> list:
    return [anomaly for anomaly in checks.anomalies_current(today=today) if anomaly.kind == kind]


# --- burst --------------------------------------------------------------------------------------


def test_19_new_enrolments_in_a_day_is_no_burst_and_20_is():
    course = ModuleFactory()
    many_on(module_=course, day=TODAY, count=19)
    assert _kinds(AnomalyKind.BURST) == []
    many_on(module_=course, day=TODAY, count=1)
    [burst] = _kinds(AnomalyKind.BURST)
    assert (burst.day, burst.count, burst.providers[0].id) == (TODAY, 20, course.provider_id)
    assert len(burst.enrolment_ids) == 20
    assert burst.facts["median_per_day"] == 0
    assert burst.facts["modules"] == [{"id": course.pk, "title": course.title, "count": 20}]
    assert course.provider.name in burst.reason and "20 nieuwe inschrijvingen" in burst.reason


def test_a_burst_must_also_be_more_than_5_times_the_median_of_the_90_days_before():
    course = ModuleFactory()
    # 4 a day on 46 of the 90 days before: the median is 4, so 5 × 4 = 20 is not more, 21 is.
    for back in range(1, 47):
        many_on(module_=course, day=TODAY - dt.timedelta(days=back), count=4)
    many_on(module_=course, day=TODAY - dt.timedelta(days=91), count=50)  # before the 90 days: not counted
    many_on(module_=course, day=TODAY, count=20)
    assert _kinds(AnomalyKind.BURST) == []
    many_on(module_=course, day=TODAY, count=1)
    [burst] = _kinds(AnomalyKind.BURST)
    assert burst.count == 21 and burst.facts["median_per_day"] == 4


def test_a_burst_counts_per_provider_and_per_calendar_day_in_amsterdam():
    course, other = ModuleFactory(), ModuleFactory()
    many_on(module_=course, day=TODAY, count=10)
    many_on(module_=other, day=TODAY, count=10)  # another provider: 10 + 10 is no burst
    many_on(module_=course, day=TODAY - dt.timedelta(days=1), count=10, at=dt.time(23, 30))  # yesterday
    many_on(module_=course, day=TODAY, count=9, at=dt.time(0, 30))  # 00:30 Amsterdam is still today
    assert _kinds(AnomalyKind.BURST) == []
    many_on(module_=course, day=TODAY, count=1, at=dt.time(23, 59))
    [burst] = _kinds(AnomalyKind.BURST)
    assert (burst.providers[0].id, burst.count) == (course.provider_id, 20)


def test_a_burst_is_checked_for_the_last_30_days_only():
    course = ModuleFactory()
    many_on(module_=course, day=TODAY - dt.timedelta(days=30), count=25)
    assert _kinds(AnomalyKind.BURST) == []
    assert len(_kinds(AnomalyKind.BURST, today=TODAY - dt.timedelta(days=1))) == 1


def test_the_median_counts_days_without_enrolments_as_zero():
    counts = {(1, TODAY - dt.timedelta(days=back)): 10 for back in range(1, 45)}  # 44 of 90 days
    assert checks.burst_median(counts=counts, provider_id=1, day=TODAY) == 0
    counts[(1, TODAY - dt.timedelta(days=45))] = 10  # 45 of 90: the middle is between 0 and 10
    assert checks.burst_median(counts=counts, provider_id=1, day=TODAY) == 5


# --- no attendance ------------------------------------------------------------------------------


def test_started_14_days_ago_without_attendance_is_no_signal_and_15_days_is():
    course = ModuleFactory()
    raw_enrolment(module_=course, state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=14))
    assert _kinds(AnomalyKind.NO_ATTENDANCE) == []
    late = raw_enrolment(
        module_=course, state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=15)
    )
    [signal] = _kinds(AnomalyKind.NO_ATTENDANCE)
    assert signal.enrolment_ids == [late.pk]
    assert signal.facts["days_since_start"] == 15
    assert signal.subject == f"enrolment:{late.pk}"
    assert f"Inschrijving {late.pk}" in signal.reason and "15 dagen" in signal.reason


@pytest.mark.parametrize(
    "state", [EnrolmentState.RESERVED, EnrolmentState.CANCELLED, EnrolmentState.DROPPED_OUT]
)
def test_only_started_enrolments_can_lack_attendance(state):
    raw_enrolment(state=state, start_date=TODAY - dt.timedelta(days=40))
    assert _kinds(AnomalyKind.NO_ATTENDANCE) == []


# --- low attendance -----------------------------------------------------------------------------


def test_paid_with_a_quarter_of_the_hours_is_no_signal_and_less_is():
    course = ModuleFactory(hours=40)
    raw_enrolment(module_=course, state=EnrolmentState.PAID, attended_hours=10, covered_cents=100)
    assert _kinds(AnomalyKind.LOW_ATTENDANCE) == []
    low = raw_enrolment(module_=course, state=EnrolmentState.PAID, attended_hours=9, covered_cents=100)
    [signal] = _kinds(AnomalyKind.LOW_ATTENDANCE)
    assert signal.enrolment_ids == [low.pk]
    assert (signal.facts["attended_hours"], signal.facts["module_hours"]) == (9, 40)
    assert "is betaald" in signal.reason and "9 van de 40 uur" in signal.reason


def test_attended_and_waiting_for_payment_is_checked_too_but_a_drop_out_is_not():
    course = ModuleFactory(hours=40)
    waiting = raw_enrolment(module_=course, state=EnrolmentState.ATTENDED, attended_hours=1)
    raw_enrolment(module_=course, state=EnrolmentState.DROPPED_OUT, attended_hours=0)
    [signal] = _kinds(AnomalyKind.LOW_ATTENDANCE)
    assert signal.enrolment_ids == [waiting.pk]
    assert "kan betaald worden" in signal.reason


# --- shared bank account ------------------------------------------------------------------------


def test_the_same_iban_at_two_providers_is_a_signal_and_at_one_is_not():
    first, second, third = SchoolFactory(), OrganisationFactory(), SchoolFactory()
    organisations_services.organisation_iban_set(organisation=first, iban=IBAN, actor=None)
    organisations_services.organisation_iban_set(organisation=third, iban=OTHER_IBAN, actor=None)
    assert _kinds(AnomalyKind.SHARED_IBAN) == []
    organisations_services.organisation_iban_set(organisation=second, iban=IBAN.lower(), actor=None)
    raw_enrolment(module_=ModuleFactory(provider=first))
    [signal] = _kinds(AnomalyKind.SHARED_IBAN)
    assert [p.id for p in signal.providers] == sorted([first.pk, second.pk])
    assert signal.count == 2
    assert signal.facts["iban_masked"] == "NL** **** **** **43 00"
    assert IBAN not in signal.reason and IBAN not in str(signal.facts)
    assert signal.facts["enrolments_per_provider"] == {str(first.pk): 1, str(second.pk): 0}


# --- fingerprints and who sees names ------------------------------------------------------------


def test_a_fingerprint_is_stable_and_differs_per_kind_and_subject():
    late = raw_enrolment(state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=20))
    first = _kinds(AnomalyKind.NO_ATTENDANCE)[0].fingerprint
    assert first == _kinds(AnomalyKind.NO_ATTENDANCE)[0].fingerprint
    assert len(first) == 64
    assert first == checks.anomaly_fingerprint(kind="no_attendance", subject=f"enrolment:{late.pk}")
    assert first != checks.anomaly_fingerprint(kind="low_attendance", subject=f"enrolment:{late.pk}")
    assert checks.anomaly_find(fingerprint=first, today=TODAY).subject == f"enrolment:{late.pk}"
    assert checks.anomaly_find(fingerprint="0" * 64, today=TODAY) is None
    assert checks.anomaly_find(fingerprint="niet-hex", today=TODAY) is None


def test_names_only_for_a_coach_with_the_residents_consent():
    with_consent = UserFactory(role="resident", first_name="Anne", last_name="Bakker")
    without = UserFactory(role="resident", first_name="Piet", last_name="Smit")
    coach = coach_for(with_consent)
    for person in (with_consent, without):
        raw_enrolment(
            resident_=person, state=EnrolmentState.STARTED, start_date=TODAY - dt.timedelta(days=30)
        )
    names = {
        ref.resident_name
        for group in anomaly_overview(viewer=coach, today=TODAY).open
        for anomaly in group.items
        for ref in anomaly.enrolments
    }
    assert names == {"Anne Bakker", ""}
    office = UserFactory(role="programme_office")
    office_names = {
        ref.resident_name
        for group in anomaly_overview(viewer=office, today=TODAY).open
        for anomaly in group.items
        for ref in anomaly.enrolments
    }
    assert office_names == {""}


def test_the_overview_lists_every_kind_even_without_signals():
    overview = anomaly_overview(viewer=UserFactory(role="coach"), today=TODAY)
    assert [group.kind for group in overview.open] == list(AnomalyKind.values)
    assert overview.open_count == 0 and overview.reviewed == []
    assert all(group.rule for group in overview.open)


def test_a_burst_of_yesterday_keeps_its_own_day_and_fingerprint_today():
    many_on(module_=ModuleFactory(), day=TODAY - dt.timedelta(days=1), count=20)
    [yesterday] = _kinds(AnomalyKind.BURST, today=TODAY - dt.timedelta(days=1))
    [today] = _kinds(AnomalyKind.BURST)
    assert today.day == TODAY - dt.timedelta(days=1)
    assert today.fingerprint == yesterday.fingerprint
