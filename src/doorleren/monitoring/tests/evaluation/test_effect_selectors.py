"""effect_for_measure / effects_overview: the numbers, the verdict in words, the caveats, and the
small-cell rule (fewer than 10 persons: "minder dan 10", also not by subtraction)."""

from __future__ import annotations

import pytest

from doorleren.monitoring.selectors.evaluation import (
    HIDDEN,
    SHOWN,
    SMALL,
    effect_for_measure,
    effects_overview,
    person_counts,
)
from doorleren.monitoring.services.evaluation import effect_estimates_refresh

from . import world

pytestmark = pytest.mark.django_db


@pytest.fixture
def population():
    population = world.build()
    effect_estimates_refresh(today=world.TODAY)
    return population


def test_the_summary_explains_the_verdict_with_numbers_and_interval(population):
    summary = effect_for_measure(measure=population.measure)
    assert summary.verdict == "continue"
    assert summary.verdict_label == "Doorgaan"
    assert summary.matched_participants.value == 100
    assert summary.comparison_persons.value == 180
    text = " ".join(summary.explanation)
    assert "100 deelnemers" in text and "180 inwoners" in text
    assert "68,0%" in text and "38,0%" in text  # in work: participants and comparison (weighted)
    assert "+30,0 procentpunt" in text
    assert summary.interval_text.startswith("tussen +") and summary.interval_text.endswith("procentpunt")
    assert "Oordeel: doorgaan" in text


def test_the_caveats_name_what_matching_cannot_see(population):
    caveats = " ".join(effect_for_measure(measure=population.measure).caveats)
    assert "alleen op wat het platform weet" in caveats
    assert "gemotiveerder" in caveats
    assert "binnen 12 maanden" in caveats
    assert "weinig mensen" in caveats  # 100 matched participants
    # five participants started too recently: a small number, not shown exactly
    assert "Minder dan 10 deelnemers zijn te kort geleden begonnen" in caveats


def test_the_small_measure_is_too_early_and_shows_no_small_numbers(population):
    summary = effect_for_measure(measure=population.small_measure)
    assert summary.verdict == "too_early"
    assert summary.matched_participants.state == SMALL
    assert summary.participants.text == "minder dan 10"
    assert summary.effect_text == "–"  # no rate or effect of fewer than 10 people
    text = " ".join(summary.explanation)
    assert "minder dan 10 deelnemers" in text
    assert " 8 " not in f" {text} "
    assert "te vroeg om te zeggen" in text


def test_the_tables_per_group_hide_small_groups(population):
    summary = effect_for_measure(measure=population.measure)
    education = next(t for t in summary.tables if t.code == "education")
    assert [row.label for row in education.rows] == ["Laag opgeleid", "Hoog opgeleid"]
    assert [row.participants.value for row in education.rows] == [60, 40]
    assert education.rows[0].participant_rate == "60,0%"
    assert education.rows[0].difference == "+30,0"
    municipality = next(t for t in summary.tables if t.code == "municipality")
    assert municipality.rows[0].label == "Groningen"


def test_a_small_cell_cannot_be_found_by_subtraction():
    cells = person_counts([50, 4, 30], total=84)
    assert [c.state for c in cells] == [SHOWN, SMALL, HIDDEN]  # 30 hidden too: 84 − 50 − 30 = 4
    assert [c.state for c in person_counts([50, 0, 30], total=80)] == [SHOWN, SMALL, SHOWN]
    # together the small ones are 7, still a small number: the only shown one goes too
    assert [c.state for c in person_counts([50, 4, 3], total=57)] == [HIDDEN, SMALL, SMALL]
    assert [c.state for c in person_counts([50, 6, 5], total=61)] == [SHOWN, SMALL, SMALL]  # rest 11
    cells = person_counts([50, 4, 3, 20], total=77)
    assert [c.state for c in cells] == [SHOWN, SMALL, SMALL, HIDDEN]


def test_the_overview_lists_every_estimate(population):
    overview = effects_overview()
    assert [s.measure.code for s in overview] == ["klein", "werkfit"]
    assert all(s.tables == [] for s in overview)


def test_no_estimate_gives_none():
    measure = world.measure("zonder")
    assert effect_for_measure(measure=measure) is None
