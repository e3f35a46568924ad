"""effect_estimates_refresh: the stored estimate holds the planted effect, the verdict follows the
rules, participants are never their own comparison persons, stale estimates go."""

from __future__ import annotations

import datetime

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.monitoring.models import EffectEstimate, MeasureParticipation, Verdict
from doorleren.monitoring.services.evaluation import effect_estimates_refresh

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def population():
    return world.build()


def test_the_stored_estimate_recovers_the_planted_effect(population):
    result = effect_estimates_refresh(today=world.TODAY)
    assert result["estimates"] == 2
    estimate = EffectEstimate.objects.get(measure=population.measure)
    assert estimate.horizon_months == 12
    assert estimate.participants == 100  # the five recent ones wait
    assert estimate.matched_participants == 100
    assert estimate.effect == pytest.approx(world.PLANTED_EFFECT)
    assert estimate.ci_low < world.PLANTED_EFFECT < estimate.ci_high
    assert estimate.ci_low > 0
    assert estimate.verdict == Verdict.CONTINUE
    assert estimate.participant_rate == pytest.approx(0.6 * 0.6 + 0.4 * 0.8)
    assert estimate.comparison_rate == pytest.approx(0.6 * 0.3 + 0.4 * 0.5)
    details = estimate.details
    assert details["participants_waiting"] == 5
    assert details["unmatched_participants"] == 0
    # the naive difference (participants against all registered non-participants, 12 students
    # included) is off
    naive = 68 / 100 - 66 / 192
    assert details["naive_difference"] == pytest.approx(naive, abs=1e-6)
    assert details["other_horizons"][0]["horizon_months"] == 6


def test_participants_are_not_comparison_persons_and_late_registrations_are_not_either(population):
    effect_estimates_refresh(today=world.TODAY)
    estimate = EffectEstimate.objects.get(measure=population.measure)
    # exactly the 180 built as comparison persons: not the 105 participants, not the 15 registered
    # after the reference date, not the students (no participant is like them)
    assert estimate.comparison_persons == 180
    assert estimate.details["comparison_rows"] == 180


def test_a_resident_who_joins_the_measure_within_the_window_is_no_comparison_person(population):
    MeasureParticipation.objects.create(
        measure=population.measure,
        resident_id=population.comparison[-1],
        started_on=datetime.date(2024, 12, 1),  # within 12 months of 15 February 2024
        status_at_start="worker",
        source="coach",
    )
    effect_estimates_refresh(today=world.TODAY)
    assert EffectEstimate.objects.get(measure=population.measure).comparison_persons == 179


def test_a_resident_who_joins_after_the_window_still_compares(population):
    MeasureParticipation.objects.create(
        measure=population.measure,
        resident_id=population.comparison[-1],
        started_on=datetime.date(2025, 3, 1),  # after 15 February 2025
        status_at_start="worker",
        source="coach",
    )
    effect_estimates_refresh(today=world.TODAY)
    assert EffectEstimate.objects.get(measure=population.measure).comparison_persons == 180


def test_a_measure_with_few_participants_is_too_early(population):
    effect_estimates_refresh(today=world.TODAY)
    estimate = EffectEstimate.objects.get(measure=population.small_measure)
    assert estimate.participants == 8
    assert estimate.verdict == Verdict.TOO_EARLY
    # its participants came from the other measure's comparison group; they still have comparison
    # persons of their own (everyone alike who did not take part in this measure, participants of the
    # other measure included)
    assert estimate.matched_participants == 8
    assert estimate.comparison_persons == 112 + 60  # job seekers alike: 120 − 8 + the 60 participants


def test_everything_too_recent_is_too_early(population):
    effect_estimates_refresh(today=datetime.date(2024, 12, 31))
    estimate = EffectEstimate.objects.get(measure=population.measure)
    assert estimate.participants == 0
    assert estimate.effect is None
    assert estimate.verdict == Verdict.TOO_EARLY
    assert estimate.details["participants_waiting"] == 105


def test_estimates_of_measures_without_participants_are_removed(population):
    effect_estimates_refresh(today=world.TODAY)
    MeasureParticipation.objects.filter(measure=population.small_measure).delete()
    result = effect_estimates_refresh(today=world.TODAY)
    assert result["removed"] == 1
    assert not EffectEstimate.objects.filter(measure=population.small_measure).exists()
    assert EffectEstimate.objects.filter(measure=population.measure).exists()


def test_a_refresh_again_replaces_and_does_not_duplicate(population):
    effect_estimates_refresh(today=world.TODAY)
    effect_estimates_refresh(today=world.TODAY)
    assert EffectEstimate.objects.count() == 2


@pytest.mark.parametrize("horizon", [0, 61, "12", True])
def test_a_bad_horizon_is_refused_in_dutch(horizon):
    with pytest.raises(ApplicationError) as error:
        effect_estimates_refresh(horizon_months=horizon)
    assert error.value.code == "bad_horizon"
    assert "maanden" in error.value.message


def test_no_participants_at_all_stores_nothing():
    result = effect_estimates_refresh(today=world.TODAY)
    assert result["estimates"] == 0
    assert not EffectEstimate.objects.exists()
