"""Reads of the programme: lines with measures, the history in plain Dutch, results per year."""

from __future__ import annotations

import datetime as dt

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.monitoring.selectors import programme as selectors
from doorleren.monitoring.services import programme as services
from doorleren.region.tests.factories import municipality

from .conftest import line, make_measure

pytestmark = pytest.mark.django_db


def test_every_line_and_the_theme_is_listed_with_its_measures_and_budget(office):
    make_measure(office, code="a", budget_cents=100_00)
    make_measure(office, code="b", budget_cents=250_00)
    campus = make_measure(office, code="campus", programme_line=line("infrastructuur"))
    services.measure_judgement_create(
        actor=office, measure=campus, verdict="too_early", reason="Eerst", judged_on=dt.date(2023, 1, 1)
    )
    services.measure_judgement_create(
        actor=office, measure=campus, verdict="continue", reason="Later", judged_on=dt.date(2024, 1, 1)
    )
    views = selectors.programme_lines_with_measures()
    assert [view.line.number for view in views] == [1, 2, 3, 4, 5, 6, 7]
    assert views[-1].line.is_theme
    learning = next(view for view in views if view.line.code == "lerende-regio")
    assert [row.measure.code for row in learning.measures] == ["a", "b"]
    assert learning.budget_cents == 350_00
    assert views[-1].measures[0].latest_judgement.verdict == "continue"
    assert views[0].measures == []


def test_measure_for_id_says_404_in_dutch_for_unknown_and_silly_ids(measure):
    assert selectors.measure_for_id(measure_id=measure.pk) == measure
    for bad in (measure.pk + 1000, 0, -1, 2**70, True, "1"):
        with pytest.raises(ApplicationError) as raised:
            selectors.measure_for_id(measure_id=bad)
        assert raised.value.status == 404
        assert raised.value.message == "Deze maatregel bestaat niet."


def test_history_shows_who_when_why_and_old_to_new_in_plain_dutch(office, measure, indicators):
    services.measure_update(
        actor=office,
        measure=measure,
        expected_version=1,
        reason="Meer geld van de provincie.",
        budget_cents=120_000_00,
        status="adjusted",
        municipalities=[municipality("GM0014"), municipality("GM0106")],
        ends_on=dt.date(2026, 6, 30),
    )
    services.measure_target_set(
        actor=office,
        measure=measure,
        indicator=indicators["netto-arbeidsparticipatie"],
        target_value="66.5",
        target_year=2026,
    )
    history = selectors.measure_history(measure=measure)
    assert [view.version for view in history] == [3, 2, 1]
    newest, change, first = history
    assert first.changes == ["De maatregel is gemaakt."]
    assert change.reason == "Meer geld van de provincie."
    assert change.changed_by == "Pim Bureau"
    assert "Budget: € 100.000,00 → € 120.000,00" in change.changes
    assert "Stand: Loopt → Loopt, aangepast" in change.changes
    assert "Gemeenten: erbij: Assen" in change.changes
    assert "Eindigt op: 31 december 2025 → 30 juni 2026" in change.changes
    assert newest.changes == ["Doel erbij: Netto arbeidsparticipatie: 66,5 % in 2026"]


def test_history_names_the_system_for_the_demo(measure):
    services.measure_update(
        actor=None, measure=measure, expected_version=1, reason="Import", name="Andere naam"
    )
    newest = selectors.measure_history(measure=measure)[0]
    assert newest.changed_by == "het systeem (demo of import)"
    assert newest.changes == ["Naam: ‘Onderzoek naar wat werkt’ → ‘Andere naam’"]


def test_results_by_year_cover_the_run_of_the_measure(office, measure):
    first = services.activity_create(
        actor=office, measure=measure, name="Meten", starts_on=dt.date(2022, 1, 1)
    )
    second = services.activity_create(
        actor=office, measure=measure, name="Rapport", starts_on=dt.date(2023, 1, 1)
    )
    services.activity_result_add(
        actor=office, activity=first, year=2022, description="Metingen", value=3, unit="x"
    )
    services.activity_result_add(
        actor=office, activity=first, year=2024, description="Metingen", value=5, unit="x"
    )
    services.activity_result_add(
        actor=office, activity=second, year=2028, description="Laat", value=1, unit="y"
    )
    table = selectors.measure_results_by_year(measure=measure)
    assert table.years == [2022, 2023, 2024, 2025, 2028]
    assert [row.activity.name for row in table.rows] == ["Meten", "Rapport"]
    assert [[result.value for result in cell] for cell in table.rows[0].cells] == [[3], [], [5], [], []]
    assert [[result.value for result in cell] for cell in table.rows[1].cells] == [[], [], [], [], [1]]


def test_an_open_ended_measure_shows_four_years(office):
    measure = make_measure(office, code="open", starts_on=dt.date(2023, 5, 1), ends_on=None)
    assert selectors.measure_results_by_year(measure=measure).years == [2023, 2024, 2025, 2026]


def test_measures_for_choice_give_id_code_name_and_line(measure):
    assert selectors.measures_for_choice() == [
        {
            "id": measure.pk,
            "code": "onderzoek-wat-werkt",
            "name": "Onderzoek naar wat werkt",
            "line": "Lerende regio",
            "line_code": "lerende-regio",
        }
    ]


def test_estimate_summary_hides_fewer_than_ten_participants():
    summary = selectors.estimate_summary(
        estimate={
            "effect": 0.052,
            "ci_low": -0.01,
            "ci_high": 0.11,
            "participants": 7,
            "verdict": "too_early",
        }
    )
    assert summary.participants == "minder dan 10"
    assert summary.effect == "+5,2 procentpunt"
    assert summary.interval == "van -1,0 procentpunt tot +11,0 procentpunt"
    assert summary.verdict == "Te vroeg om te zeggen"
    assert selectors.estimate_summary(estimate={"participants": 1200, "verdict": "x"}).participants == "1.200"
    assert selectors.estimate_summary(estimate=None) is None
