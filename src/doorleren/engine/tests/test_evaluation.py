"""Effect estimates (engine/evaluation): matching recovers a planted effect, the interval covers it
about 95% of the time, unmatched participants are reported, and the verdict rules hold at their edges."""

from __future__ import annotations

import datetime

import numpy as np
import pytest

from doorleren.engine.evaluation import (
    ADJUST,
    CONTINUE,
    MIN_COMPARISON_PERSONS,
    MIN_MATCHED_PARTICIPANTS,
    MINIMAL_RELEVANT_EFFECT,
    OTHER_AGE,
    STOP,
    TOO_EARLY,
    History,
    StratumCounts,
    add_months,
    age_band,
    combine_counts,
    dense_codes,
    education_group,
    estimate_att,
    estimate_att_from_counts,
    quarter_index,
    quarter_middle,
    quarter_start,
    split_keys,
    stratum_counts,
    stratum_keys,
    verdict_for,
)

SIZES = (5, 3, 4, 3)  # age band, education group, municipality, prior status


def synthetic(rng: np.random.Generator, *, n: int = 20_000, effect: float = 0.08):
    """A population whose covariates drive both taking part and finding work, in opposite directions:
    job seekers with little education take part most and find work least. So the naive comparison
    underestimates the effect; within strata the planted ``effect`` is exact."""
    age = rng.integers(0, 5, n)
    education = rng.integers(0, 3, n)
    municipality = rng.integers(0, 4, n)
    status = rng.choice(3, n, p=[0.4, 0.4, 0.2])  # 0 worker, 1 job seeker, 2 student
    logit = -2.2 + 1.6 * (status == 1) + 0.5 * (education == 0) - 0.4 * (education == 2) + 0.15 * age
    treated = rng.random(n) < 1 / (1 + np.exp(-logit))
    base = (
        0.45
        - 0.25 * (status == 1)
        - 0.1 * (status == 2)
        + 0.08 * education
        - 0.03 * age
        + 0.02 * municipality
    )
    base = np.clip(base, 0.02, 0.85)
    outcome = rng.random(n) < base + effect * treated
    keys = stratum_keys([age, education, municipality, status], SIZES)
    return keys, treated, outcome


def _estimate(keys, treated, outcome):
    return estimate_att(keys[treated], outcome[treated], keys[~treated], outcome[~treated])


def test_matching_recovers_a_planted_effect_that_the_naive_difference_misses():
    keys, treated, outcome = synthetic(np.random.default_rng(6))
    result = _estimate(keys, treated, outcome)
    assert result.ci_low <= 0.08 <= result.ci_high
    assert result.ci_high - result.ci_low < 0.06  # informative, not a huge interval
    assert not result.ci_low <= result.naive_difference <= result.ci_high
    assert result.naive_difference < 0.02  # the confounding pushes the naive figure far down
    assert result.matched_participants == treated.sum() == result.participants
    assert result.unmatched_participants == 0
    assert abs(result.participant_rate - outcome[treated].mean()) < 1e-12


def test_a_null_effect_gives_an_interval_around_zero():
    keys, treated, outcome = synthetic(np.random.default_rng(7), effect=0.0)
    result = _estimate(keys, treated, outcome)
    assert result.ci_low < 0 < result.ci_high


def test_the_interval_covers_the_planted_effect_about_95_percent_of_the_time():
    """200 seeded populations: the 95% interval holds the planted effect in 91-98.5% of them
    (the binomial spread around 95% with 200 draws is about 1.5 percentage points)."""
    covered = 0
    for seed in range(200):
        keys, treated, outcome = synthetic(np.random.default_rng(1000 + seed), n=20_000)
        result = _estimate(keys, treated, outcome)
        covered += result.ci_low <= 0.08 <= result.ci_high
    assert 0.91 <= covered / 200 <= 0.985


def test_the_interval_also_covers_in_small_populations_with_thin_strata():
    """2,000 people over 180 strata: a few participants per stratum, some of one person."""
    covered = 0
    for seed in range(400):
        keys, treated, outcome = synthetic(np.random.default_rng(5000 + seed), n=2_000)
        result = _estimate(keys, treated, outcome)
        covered += result.ci_low <= 0.08 <= result.ci_high
    assert 0.92 <= covered / 400 <= 0.99


def test_participants_in_strata_without_comparison_persons_are_counted_apart():
    treated_keys = np.array([1, 1, 2, 2, 2, 9])
    treated_y = np.array([1, 0, 1, 1, 0, 1])
    control_keys = np.array([1, 1, 1, 1, 2, 2, 5])
    control_y = np.array([0, 0, 1, 0, 0, 1, 1])
    result = estimate_att(treated_keys, treated_y, control_keys, control_y)
    assert result.participants == 6
    assert result.matched_participants == 5
    assert result.unmatched_participants == 1
    assert list(result.unmatched.keys) == [9]
    assert list(result.matched.keys) == [1, 2]
    assert result.comparison_rows == 6  # stratum 5 has no participant: not used
    # stratum 1: 1/2 - 1/4 = 0.25 (weight 2/5); stratum 2: 2/3 - 1/2 = 1/6 (weight 3/5)
    assert result.effect == pytest.approx(0.4 * 0.25 + 0.6 / 6)
    assert result.participant_rate == pytest.approx(3 / 5)

    def v(successes, n):  # the share pulled towards a half, over n - 1
        p = (successes + 0.5) / (n + 1)
        return p * (1 - p) / (n - 1)

    expected_var = 0.4**2 * (v(1, 2) + v(1, 4)) + 0.6**2 * (v(2, 3) + v(1, 2))
    assert result.se == pytest.approx(np.sqrt(expected_var))
    assert result.ci_low == pytest.approx(result.effect - 1.959964 * result.se, abs=1e-6)


def test_a_group_of_one_gets_the_largest_variance():
    result = estimate_att(np.array([3]), np.array([1]), np.array([3]), np.array([0]))
    assert result.effect == 1.0
    assert result.se == pytest.approx(np.sqrt(0.25 + 0.25))


def test_nobody_in_work_anywhere_still_gives_an_interval_of_some_width():
    result = estimate_att(np.zeros(60, np.int64), np.zeros(60), np.zeros(100, np.int64), np.zeros(100))
    assert result.effect == 0.0
    assert result.ci_low < -0.01 and result.ci_high > 0.01


def test_no_matched_participant_gives_no_estimate():
    result = estimate_att(np.array([1, 2]), np.array([1, 0]), np.array([3]), np.array([0]))
    assert result.matched_participants == 0
    assert result.unmatched_participants == 2
    assert result.effect is None and result.ci_low is None


def test_counts_can_be_added_and_subtracted_per_stratum():
    everyone = stratum_counts(np.array([1, 1, 2, 3]), np.array([1, 0, 1, 0]))
    some = stratum_counts(np.array([1, 3]), np.array([1, 0]))
    rest = combine_counts(everyone, some, signs=(1, -1))
    assert list(rest.keys) == [1, 2]
    assert list(rest.n) == [1, 1]
    assert list(rest.successes) == [0, 1]
    with pytest.raises(ValueError):
        combine_counts(some, everyone, signs=(1, -1))
    result = estimate_att_from_counts(some, StratumCounts.empty())
    assert result.matched_participants == 0


# --- covariates ----------------------------------------------------------------------------------------


def test_age_bands_at_their_edges():
    birth = np.array([2011, 2010, 2001, 2000, 1970, 1958, 1957, 0])
    assert list(age_band(birth, 2025)) == [OTHER_AGE, 1, 1, 2, 5, 5, OTHER_AGE, 0]


def test_education_levels_fall_in_cbs_groups():
    assert list(education_group(["none", "vmbo", "mbo1", "mbo2", "vwo", "hbo", "wo", "", None, "x"])) == [
        1,
        1,
        1,
        2,
        2,
        3,
        3,
        0,
        0,
        0,
    ]


def test_months_are_added_on_the_calendar():
    days = np.array(["2024-01-31", "2023-03-15", "2024-02-29"], dtype="datetime64[D]")
    assert list(add_months(days, 1).astype(str)) == ["2024-02-29", "2023-04-15", "2024-03-29"]
    assert list(add_months(days, 12).astype(str)) == ["2025-01-31", "2024-03-15", "2025-02-28"]


def test_quarters_and_their_middle():
    days = np.array(["2024-01-01", "2024-03-31", "2024-04-01", "1970-01-01"], dtype="datetime64[D]")
    quarters = quarter_index(days)
    assert list(quarters) == [216, 216, 217, 0]
    assert str(quarter_start(217)) == "2024-04-01"
    assert str(quarter_middle(216)) == "2024-02-15"


def test_a_history_gives_the_value_on_a_date_and_events_in_a_window():
    day = np.datetime64
    history = History(
        np.array([0, 0, 0, 2]),
        np.array(["2024-01-01", "2024-06-01", "2024-06-01", "2024-03-01"], dtype="datetime64[D]"),
        np.array([1, 2, 3, 1]),
    )
    people = np.array([0, 0, 0, 1, 2, 2])
    dates = np.array(
        ["2023-12-31", "2024-05-31", "2024-06-01", "2024-06-01", "2024-02-29", "2030-01-01"],
        dtype="datetime64[D]",
    )
    # same day: the last row counts; before the first row and a person without rows: 0
    assert list(history.value_on(people, dates)) == [0, 1, 3, 0, 0, 1]
    counts = history.count_between(
        np.array([0, 0, 2, 1]),
        np.array(["2024-01-01", "2023-12-31", "2024-03-01", "2000-01-01"], dtype="datetime64[D]"),
        np.array(["2024-06-01", "2024-05-31", "2025-01-01", "2030-01-01"], dtype="datetime64[D]"),
    )
    assert list(counts) == [2, 1, 0, 0]  # the window is (after, until]
    first = history.first_day(3)
    assert first[0] == day("2024-01-01") and np.isnat(first[1]) and first[2] == day("2024-03-01")
    assert datetime.date(2024, 1, 1) == first[0].astype(datetime.date)


def test_stratum_keys_round_trip_and_refuse_codes_out_of_range():
    columns = [np.array([0, 4, 2]), np.array([2, 0, 1]), np.array([3, 3, 0])]
    keys = stratum_keys(columns, (5, 3, 4))
    assert len(set(keys.tolist())) == 3
    assert [list(c) for c in split_keys(keys, (5, 3, 4))] == [list(c) for c in columns]
    with pytest.raises(ValueError):
        stratum_keys([np.array([5])], (5,))


def test_dense_codes_keep_zero_for_unknown():
    codes, ids = dense_codes(np.array([40, 0, 7, 40]))
    assert list(codes) == [2, 0, 1, 2]
    assert list(ids) == [0, 7, 40]


# --- the verdict -----------------------------------------------------------------------------------------


def _verdict(matched=MIN_MATCHED_PARTICIPANTS, comparison=MIN_COMPARISON_PERSONS, low=-0.01, high=0.05):
    return verdict_for(matched_participants=matched, comparison_persons=comparison, ci_low=low, ci_high=high)


def test_too_early_below_the_minimum_numbers_of_people():
    assert _verdict(matched=MIN_MATCHED_PARTICIPANTS - 1, low=0.1, high=0.2) == TOO_EARLY
    assert _verdict(comparison=MIN_COMPARISON_PERSONS - 1, low=0.1, high=0.2) == TOO_EARLY
    assert _verdict(low=0.1, high=0.2) == CONTINUE  # exactly the minimum is enough
    assert _verdict(low=None, high=None) == TOO_EARLY


def test_continue_only_when_the_whole_interval_is_above_zero():
    assert _verdict(low=0.0001, high=0.1) == CONTINUE
    assert _verdict(low=0.0, high=0.1) == ADJUST


def test_stop_when_the_whole_interval_is_below_the_minimal_relevant_effect():
    assert _verdict(low=-0.05, high=MINIMAL_RELEVANT_EFFECT - 0.0001) == STOP
    assert _verdict(low=-0.05, high=MINIMAL_RELEVANT_EFFECT) == ADJUST
    assert _verdict(low=-0.2, high=-0.1) == STOP  # it harms


def test_adjust_when_uncertain():
    assert _verdict(low=-0.03, high=0.09) == ADJUST
