"""Calls: the programme office makes them; the plan's programme lines and indicators are seeded."""

import datetime as dt

import pytest

from doorleren.accounts.tests.factories import UserFactory
from doorleren.audit.selectors import audit_events_for
from doorleren.core.errors import ApplicationError
from doorleren.fund import services
from doorleren.fund.models import Indicator, ProgrammeLine
from doorleren.fund.plan import INDICATORS, PROGRAMME_LINES, THEMES

from ..factories import call, fund, indicators, line, office, today

pytestmark = pytest.mark.django_db


def test_the_six_programme_lines_and_the_overarching_theme_of_the_regional_plan_are_there():
    assert list(ProgrammeLine.objects.filter(is_theme=False).values_list("number", "name")) == [
        (1, "Funderend onderwijs"),
        (2, "Kwalificerend onderwijs"),
        (3, "Werving, selectie en matching"),
        (4, "Ondernemen"),
        (5, "Inclusieve arbeidsmarkt"),
        (6, "Lerende regio"),
    ]
    assert list(ProgrammeLine.objects.filter(is_theme=True).values_list("code", flat=True)) == [
        "infrastructuur"
    ]
    assert Indicator.objects.count() == len(INDICATORS)
    assert all(line_.indicators.exists() for line_ in ProgrammeLine.objects.filter(is_theme=False))


def test_loading_the_plan_twice_changes_nothing():
    before = list(Indicator.objects.order_by("pk").values_list())
    assert services.programme_plan_load() == {
        "programme_lines": len(PROGRAMME_LINES) + len(THEMES),
        "indicators": len(INDICATORS),
    }
    assert list(Indicator.objects.order_by("pk").values_list()) == before


def test_the_programme_office_makes_a_call_with_criteria_and_an_audit_line():
    actor = office()
    made = services.fund_call_create(
        actor=actor,
        funder=fund(),
        title="Leren op de werkvloer",
        programme_line=line(),
        indicators=indicators(),
        ceiling_cents=500_000_00,
        max_per_application_cents=100_000_00,
        opens_on=today(),
        closes_on=today() + dt.timedelta(days=60),
        criteria=[services.CriterionInput("Bereik", 3, 5), services.CriterionInput("Samenwerking", 1, 10)],
    )
    assert [(c.name, c.weight, c.max_score, c.position) for c in made.criteria.all()] == [
        ("Bereik", 3, 5, 1),
        ("Samenwerking", 1, 10, 2),
    ]
    assert set(made.indicators.all()) == set(indicators())
    event = audit_events_for(subject=made).get()
    assert event.action == "fund.call_create"
    assert event.actor == actor
    assert event.data["ceiling_cents"] == 500_000_00


@pytest.mark.parametrize("role", ["resident", "employer", "school", "coach", "administrator"])
def test_only_the_programme_office_makes_calls(role):
    with pytest.raises(ApplicationError) as error:
        services.fund_call_create(
            actor=UserFactory(role=role),
            funder=fund(),
            title="Oproep",
            programme_line=line(),
            indicators=indicators(),
            ceiling_cents=100,
            max_per_application_cents=100,
            opens_on=today(),
            closes_on=today(),
            criteria=[services.CriterionInput("Bereik", 1, 5)],
        )
    assert error.value.status == 403


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"max_per_application_cents": 200_000_00}, "fund_call_max_above_ceiling"),
        ({"ceiling_cents": 0}, "fund_call_ceiling_not_positive"),
        ({"ceiling_cents": 1.5}, "fund_call_ceiling_not_whole"),
        ({"closes_on": "2026-01-01"}, "fund_call_closes_on_invalid"),
        ({"criteria": ()}, "fund_call_criteria_missing"),
        ({"criteria": (("Bereik", 1, 5), ("bereik", 2, 5))}, "fund_criterion_name_twice"),
        ({"criteria": (("Bereik", 0, 5),)}, "fund_criterion_number_invalid"),
        ({"criteria": (("Bereik", 1, 11),)}, "fund_criterion_number_invalid"),
        ({"title": "  "}, "fund_call_title_empty"),
    ],
)
def test_a_bad_call_is_refused(changes, code):
    with pytest.raises(ApplicationError) as error:
        call(ceiling_cents=changes.pop("ceiling_cents", 100_000_00), **changes)
    assert error.value.code == code


def test_a_call_closes_on_or_after_the_day_it_opens():
    with pytest.raises(ApplicationError) as error:
        call(opens_on=today(), closes_on=today() - dt.timedelta(days=1))
    assert error.value.code == "fund_call_closes_before_opening"


def test_the_indicators_belong_to_the_calls_programme_line():
    with pytest.raises(ApplicationError) as error:
        call(indicators=indicators("basisbanen"))
    assert error.value.code == "fund_call_indicator_other_line"
