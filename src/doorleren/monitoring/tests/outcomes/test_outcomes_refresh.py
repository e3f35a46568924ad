"""The platform outcomes are counted from participations, work starts and competencies, per period,
measure, municipality and target group, and small cells never reach a reader."""

from __future__ import annotations

import datetime as dt

import pytest

from doorleren.fund.models import ProgrammeLine
from doorleren.monitoring.models import (
    Measure,
    MeasureParticipation,
    Metric,
    OutcomeFigure,
    ParticipationSource,
    PeriodKind,
    WorkStart,
)
from doorleren.monitoring.selectors import outcomes as selectors
from doorleren.monitoring.services.outcomes import outcomes_refresh
from doorleren.profiles.choices import Evidence
from doorleren.profiles.models import StatusChange
from doorleren.profiles.tests.factories import ResidentCompetencyFactory, ResidentProfileFactory
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 28)
START = dt.date(2025, 2, 10)  # 2025 quarter 1


def measure(code="basisbanen"):
    return Measure.objects.create(
        programme_line=ProgrammeLine.objects.get(number=5),
        code=code,
        name=code,
        starts_on=dt.date(2024, 1, 1),
    )


def participants(m, n, *, muni="GM0014", start=START, status="job_seeker", work_after_days=None):
    made = []
    for _ in range(n):
        profile = ResidentProfileFactory(municipality=municipality(muni), status=status)
        MeasureParticipation.objects.create(
            measure=m,
            resident=profile,
            started_on=start,
            status_at_start=status,
            source=ParticipationSource.COACH,
        )
        if work_after_days is not None:
            WorkStart.objects.create(
                resident=profile, started_on=start + dt.timedelta(days=work_after_days), kind="job"
            )
        made.append(profile)
    return made


def figure(metric, *, kind=PeriodKind.YEAR, start=dt.date(2025, 1, 1), measure_=None, muni=None, group=""):
    row = OutcomeFigure.objects.filter(
        period_kind=kind,
        period_start=start,
        metric=metric,
        measure=measure_,
        municipality=muni,
        target_group=group,
    ).first()
    return None if row is None else (row.value, row.persons)


def test_reached_and_work_within_6_and_12_months_are_counted_per_measure_and_for_all_measures():
    m = measure()
    participants(m, 12, work_after_days=100)  # in work within 6 months
    participants(m, 11, work_after_days=300)  # within 12, not 6
    participants(m, 4)  # no work
    outcomes_refresh(today=TODAY)
    for measure_ in (m, None):
        assert figure(Metric.REACHED, measure_=measure_) == (27, 27)
        assert figure(Metric.COHORT_12M, measure_=measure_) == (27, 27)
        assert figure(Metric.WORK_6M, measure_=measure_) == (12, 12)
        assert figure(Metric.WORK_12M, measure_=measure_) == (23, 23)
    assert figure(Metric.REACHED, kind=PeriodKind.QUARTER, start=dt.date(2025, 1, 1), measure_=m) == (27, 27)
    assert figure(Metric.REACHED, kind=PeriodKind.ALL, start=dt.date(2000, 1, 1), measure_=m) == (27, 27)
    assert figure(Metric.WORK_STARTED, start=dt.date(2025, 1, 1)) == (23, 23)


def test_a_resident_in_two_measures_counts_once_for_all_measures():
    first, second = measure("a"), measure("b")
    people = participants(first, 10)
    for profile in people:
        MeasureParticipation.objects.create(
            measure=second, resident=profile, started_on=START, status_at_start="job_seeker", source="coach"
        )
    outcomes_refresh(today=TODAY)
    assert figure(Metric.REACHED, measure_=first) == (10, 10)
    assert figure(Metric.REACHED, measure_=second) == (10, 10)
    assert figure(Metric.REACHED) == (10, 10)


def test_participants_whose_months_have_not_passed_are_not_in_the_work_figures():
    m = measure()
    participants(m, 12, start=TODAY - dt.timedelta(days=90), work_after_days=30)
    outcomes_refresh(today=TODAY)
    assert figure(Metric.REACHED, start=dt.date(2026, 1, 1), measure_=m) == (12, 12)
    assert figure(Metric.COHORT_6M, start=dt.date(2026, 1, 1), measure_=m) is None
    assert figure(Metric.WORK_6M, start=dt.date(2026, 1, 1), measure_=m) is None


def test_the_target_group_is_the_situation_on_the_day_of_the_event():
    m = measure()
    people = participants(m, 10, status="worker")
    for profile in people:
        StatusChange.objects.create(profile=profile, status="job_seeker", changed_on=dt.date(2024, 1, 1))
        StatusChange.objects.create(profile=profile, status="worker", changed_on=dt.date(2025, 6, 1))
        ResidentCompetencyFactory(
            profile=profile, evidence=Evidence.CERTIFICATE, obtained_on=dt.date(2025, 3, 1)
        )
        ResidentCompetencyFactory(
            profile=profile, evidence=Evidence.SELF_ASSESSED, obtained_on=dt.date(2025, 3, 1)
        )
    outcomes_refresh(today=TODAY)
    assert figure(Metric.COMPETENCIES_GAINED, group="job_seeker") == (10, 10)
    assert figure(Metric.COMPETENCIES_GAINED, group="worker") is None
    assert figure(Metric.COMPETENCIES_GAINED, measure_=m) == (10, 10)


def test_a_competency_gained_before_joining_does_not_count_for_the_measure():
    m = measure()
    for profile in participants(m, 10):
        ResidentCompetencyFactory(profile=profile, evidence=Evidence.DIPLOMA, obtained_on=dt.date(2024, 5, 1))
    outcomes_refresh(today=TODAY)
    assert figure(Metric.COMPETENCIES_GAINED, start=dt.date(2024, 1, 1)) == (10, 10)
    assert figure(Metric.COMPETENCIES_GAINED, start=dt.date(2024, 1, 1), measure_=m) is None


def test_small_municipalities_are_not_shown_and_cannot_be_worked_out_from_the_total():
    m = measure()
    participants(m, 20, muni="GM0014")
    participants(m, 15, muni="GM1680")
    participants(m, 3, muni="GM0106")
    outcomes_refresh(today=TODAY)
    period = selectors.period_parse("2025")
    rows, total = selectors.figures_by_municipality(period=period, metric=Metric.REACHED, measure_id=m.pk)
    by_code = {ref.code: f for ref, f in rows}
    assert total.shown and total.value == 38
    assert by_code["GM0106"].state == "small" and by_code["GM0106"].value is None
    assert by_code["GM0014"].shown and by_code["GM0014"].value == 20
    assert by_code["GM1680"].state == "hidden"  # else 38 - 20 - 15 = 3 gives Assen away
    assert by_code["GM0106"].text() == "minder dan 10"


def test_a_rate_is_only_shown_when_both_counts_pass_the_small_cell_rule():
    m = measure()
    participants(m, 12, work_after_days=30)
    participants(m, 20)
    outcomes_refresh(today=TODAY)
    figures = selectors.figures_for(period=selectors.period_parse("2025"), measure_id=m.pk)
    assert figures["work_rate_6m"].text() == "38%"
    m2 = measure("klein")
    participants(m2, 5, work_after_days=30)
    participants(m2, 20)
    outcomes_refresh(today=TODAY)
    figures = selectors.figures_for(period=selectors.period_parse("2025"), measure_id=m2.pk)
    assert figures["work_6m"].state == "small"
    assert not figures["work_rate_6m"].shown


def test_refreshing_again_gives_the_same_figures_not_more():
    m = measure()
    participants(m, 12, work_after_days=30)
    outcomes_refresh(today=TODAY)
    before = sorted(
        OutcomeFigure.objects.values_list("period_kind", "period_start", "metric", "value", "persons")
    )
    outcomes_refresh(today=TODAY)
    after = sorted(
        OutcomeFigure.objects.values_list("period_kind", "period_start", "metric", "value", "persons")
    )
    assert before == after


@pytest.mark.parametrize("value", ["2025-K5", "25", "2025-Q1", "1999", "alles", "2025;DROP"])
def test_a_wrong_period_is_a_clear_400(value):
    from doorleren.core.errors import ApplicationError

    with pytest.raises(ApplicationError) as raised:
        selectors.period_parse(value)
    assert raised.value.status == 400


def test_the_trend_has_every_quarter_between_the_first_and_the_last():
    m = measure()
    participants(m, 10, start=dt.date(2025, 1, 5))
    participants(m, 10, start=dt.date(2025, 10, 5))
    outcomes_refresh(today=TODAY)
    points = selectors.trend(metric=Metric.REACHED, measure_id=m.pk)
    assert [p.short_label for p, _f in points] == ["2025 K1", "2025 K2", "2025 K3", "2025 K4"]
    assert [f.state for _p, f in points] == ["shown", "none", "none", "shown"]


def test_a_diploma_from_before_the_resident_came_to_the_platform_is_not_counted_as_gained():
    m = measure()
    for profile in participants(m, 10):
        StatusChange.objects.create(profile=profile, status="job_seeker", changed_on=dt.date(2024, 6, 1))
        ResidentCompetencyFactory(profile=profile, evidence=Evidence.DIPLOMA, obtained_on=dt.date(2010, 6, 1))
        ResidentCompetencyFactory(profile=profile, evidence=Evidence.DIPLOMA, obtained_on=dt.date(2025, 6, 1))
    outcomes_refresh(today=TODAY)
    assert figure(Metric.COMPETENCIES_GAINED, start=dt.date(2010, 1, 1)) is None
    assert figure(Metric.COMPETENCIES_GAINED) == (10, 10)
    # So the trend starts when the platform's figures start, not in 2010.
    assert selectors.trend(metric=Metric.COMPETENCIES_GAINED)[0][0].start == dt.date(2025, 4, 1)
