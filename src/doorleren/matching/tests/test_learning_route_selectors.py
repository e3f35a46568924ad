"""``matching.selectors``: goals, the cheapest modules from a resident to a goal, and their dates."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import ModulePrerequisite, ModuleStart, PublicationStatus
from doorleren.learning.tests.factories import CertificateFactory, ModuleCompetencyFactory, ModuleFactory
from doorleren.matching import selectors
from doorleren.profiles.tests.factories import ResidentCompetencyFactory, ResidentProfileFactory
from doorleren.taxonomy.tests.factories import (
    CompetencyFactory,
    RegionalOccupationCompetencyFactory,
    RegionalOccupationFactory,
)

pytestmark = pytest.mark.django_db


def _module(title, *, price_cents, hours=10, teaches=None, requires=(), status=PublicationStatus.PUBLISHED):
    module = ModuleFactory(title=title, price_cents=price_cents, hours=hours, status=status)
    for competency, level in (teaches or {}).items():
        ModuleCompetencyFactory(module=module, competency=competency, level=level)
    for required in requires:
        ModulePrerequisite.objects.create(module=module, required=required)
    return module


def _occupation(**needs):
    occupation = RegionalOccupationFactory(label="Operator")
    for competency, level in needs.values():
        RegionalOccupationCompetencyFactory(
            regional_occupation=occupation, competency=competency, level=level
        )
    return selectors.regional_occupation_for_route(code=occupation.code)


@pytest.fixture
def computer():
    return CompetencyFactory(code="ict-computer", label="Werken met de computer")


@pytest.fixture
def safety():
    return CompetencyFactory(code="veilig-werken", label="Veilig werken")


def test_the_cheapest_modules_are_chosen_with_totals_and_weeks(computer, safety):
    profile = ResidentProfileFactory(hours_per_week=8)
    ResidentCompetencyFactory(profile=profile, competency=computer, level=1)
    both = _module("Alles in een keer", price_cents=90000, teaches={computer: 3, safety: 2})
    cheap_computer = _module("Computer", price_cents=30000, hours=20, teaches={computer: 3})
    cheap_safety = _module("Veiligheid", price_cents=20000, hours=5, teaches={safety: 2})
    _module("Te laag", price_cents=100, teaches={computer: 2})

    route = selectors.learning_route(profile=profile, occupation=_occupation(a=(computer, 3), b=(safety, 2)))

    assert route.status == selectors.ROUTE
    assert set(route.modules) == {cheap_computer, cheap_safety}
    assert both not in route.modules
    assert route.cost_cents == 50000
    assert route.hours == 25
    assert route.weeks == 4  # 25 hours at 8 hours a week
    assert route.proven_optimal is True
    assert route.uncovered == ()
    sentences = {step.competency.code: step.sentence for step in route.steps}
    assert sentences["ict-computer"] == (
        "U kunt nu niveau 1. Voor dit beroep is niveau 3 nodig. De module Computer brengt u op niveau 3."
    )
    assert sentences["veilig-werken"].startswith("U heeft deze competentie nog niet.")


def test_prerequisites_come_first_and_count_in_the_cost(computer):
    profile = ResidentProfileFactory(hours_per_week=None)
    basis = _module("Basis", price_cents=10000, hours=4)
    advanced = _module("Gevorderd", price_cents=20000, hours=16, teaches={computer: 3}, requires=[basis])
    _module("Duur maar zonder voorkennis", price_cents=35000, teaches={computer: 3})

    route = selectors.learning_route(profile=profile, occupation=_occupation(a=(computer, 3)))

    assert route.modules == (basis, advanced)
    assert route.cost_cents == 30000
    assert route.hours == 20
    assert route.weeks is None


def test_a_module_that_needs_an_unpublished_module_is_not_offered(computer):
    draft = _module("Concept", price_cents=100, status=PublicationStatus.DRAFT)
    _module("Goedkoop, maar na een concept", price_cents=1000, teaches={computer: 2}, requires=[draft])
    open_module = _module("Open", price_cents=50000, teaches={computer: 2})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 2))
    )

    assert route.modules == (open_module,)


def test_a_competency_no_module_teaches_is_named_and_the_rest_still_gets_a_route(computer, safety):
    course = _module("Computer", price_cents=30000, teaches={computer: 3})
    _module("Veiligheid, maar te laag", price_cents=100, teaches={safety: 1})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 3), b=(safety, 3))
    )

    assert route.status == selectors.PARTIAL
    assert route.modules == (course,)
    assert [step.competency for step in route.uncovered] == [safety]
    assert "Er is in de regio nog geen module die u op niveau 3 brengt." in route.uncovered[0].sentence


def test_a_resident_already_at_the_level_has_nothing_to_learn(computer):
    profile = ResidentProfileFactory()
    ResidentCompetencyFactory(profile=profile, competency=computer, level=4)
    _module("Computer", price_cents=30000, teaches={computer: 3})

    route = selectors.learning_route(profile=profile, occupation=_occupation(a=(computer, 3)))

    assert route.status == selectors.NOTHING_TO_LEARN
    assert route.modules == ()
    assert route.steps == ()
    assert route.cost_cents == 0


def test_competencies_that_are_only_handy_do_not_count(computer, safety):
    occupation = RegionalOccupationFactory()
    RegionalOccupationCompetencyFactory(regional_occupation=occupation, competency=computer, level=2)
    RegionalOccupationCompetencyFactory(
        regional_occupation=occupation, competency=safety, level=2, essential=False
    )
    _module("Computer", price_cents=1000, teaches={computer: 2})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(),
        occupation=selectors.regional_occupation_for_route(code=occupation.code),
    )

    assert [step.competency for step in route.steps] == [computer]
    assert route.status == selectors.ROUTE


def test_on_equal_cost_the_route_completes_a_certificate(computer):
    first = _module("A", price_cents=1000, hours=10, teaches={computer: 2})
    second = _module("B", price_cents=1000, hours=10, teaches={computer: 2})
    certificate = CertificateFactory(modules=[second])

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 2))
    )

    assert route.modules == (second,)
    assert first not in route.modules
    assert route.certificate_ids == (certificate.pk,)


# --- goals: an open opportunity, competencies the resident chose ---------------------------------------


def test_an_open_opportunity_is_a_goal_of_its_essential_competencies(computer, safety):
    from doorleren.opportunities.models import OpportunityStatus
    from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory

    opportunity = OpportunityFactory(title="Operator bij Eemshaven")
    OpportunityCompetencyFactory(opportunity=opportunity, competency=computer, level=3)
    OpportunityCompetencyFactory(opportunity=opportunity, competency=safety, level=2, essential=False)
    course = _module("Computer", price_cents=30000, teaches={computer: 3})

    goal = selectors.route_goal_for_opportunity(opportunity_id=opportunity.pk)
    route = selectors.learning_route(profile=ResidentProfileFactory(), goal=goal)

    assert goal.kind == selectors.GOAL_OPPORTUNITY
    assert goal.reference == str(opportunity.pk)
    assert goal.label == "Operator bij Eemshaven"
    assert goal.need == {"ict-computer": 3}
    assert route.modules == (course,)
    assert "Voor dit werk is niveau 3 nodig." in route.steps[0].sentence

    opportunity.status = OpportunityStatus.CLOSED
    opportunity.save()
    assert selectors.route_goal_for_opportunity(opportunity_id=opportunity.pk) is None
    assert selectors.route_goal_for_opportunity(opportunity_id=987654321) is None


def test_chosen_competencies_are_a_goal_in_the_order_chosen(computer, safety):
    goal = selectors.route_goal_for_competencies(levels={"veilig-werken": 2, "ict-computer": 3})

    assert goal.kind == selectors.GOAL_COMPETENCIES
    assert goal.reference == "veilig-werken:2,ict-computer:3"
    assert goal.label == "Veilig werken, Werken met de computer"
    assert goal.need == {"veilig-werken": 2, "ict-computer": 3}
    assert goal.query == {
        "competentie1": "veilig-werken",
        "niveau1": "2",
        "competentie2": "ict-computer",
        "niveau2": "3",
    }


@pytest.mark.parametrize(
    ("levels", "code"),
    [
        ({}, "goal_competencies_count"),
        ({f"c{n}": 2 for n in range(6)}, "goal_competencies_count"),
        ({"bestaat-niet": 2}, "goal_competency"),
        ({"ict-computer": 5}, "goal_level"),
        ({"ict-computer": True}, "goal_level"),
    ],
)
def test_chosen_competencies_are_checked(computer, levels, code):
    with pytest.raises(ApplicationError) as caught:
        selectors.route_goal_for_competencies(levels=levels)
    assert caught.value.code == code


def test_a_competency_goal_says_which_level_the_resident_wants(computer):
    _module("Computer", price_cents=30000, teaches={computer: 3})
    goal = selectors.route_goal_for_competencies(levels={"ict-computer": 3})

    route = selectors.learning_route(profile=ResidentProfileFactory(), goal=goal)

    assert route.steps[0].sentence == (
        "U heeft deze competentie nog niet. U wilt niveau 3 halen. De module Computer brengt u op niveau 3."
    )


# --- time: hours per week, an end date, dates per module ------------------------------------------------

WEDNESDAY = datetime.date(2026, 3, 4)
MONDAY = datetime.date(2026, 3, 9)


def test_a_route_starts_today_on_a_monday_else_next_monday():
    assert selectors.route_start_date(today=WEDNESDAY) == MONDAY
    assert selectors.route_start_date(today=MONDAY) == MONDAY
    assert selectors.route_start_date(today=datetime.date(2026, 3, 8)) == MONDAY  # a Sunday


@pytest.mark.parametrize(
    ("finish_by", "hours"),
    [
        (MONDAY + datetime.timedelta(days=6), 10),  # Sunday: one whole week
        (MONDAY + datetime.timedelta(days=5), 0),  # Saturday: no whole week
        (MONDAY + datetime.timedelta(days=20), 30),
        (MONDAY - datetime.timedelta(days=3), 0),  # before the start
    ],
)
def test_the_hours_that_fit_are_hours_per_week_times_whole_weeks(finish_by, hours):
    assert selectors.available_hours(start=MONDAY, finish_by=finish_by, hours_per_week=10) == hours


def _plain(pk, hours):
    return SimpleNamespace(pk=pk, hours=hours)


def test_modules_follow_one_another_at_the_hours_per_week():
    first, second = _plain(1, 20), _plain(2, 15)

    plan = selectors.route_plan(modules=(first, second), hours_per_week=10, start=MONDAY, starts={})

    assert [(step.start_date, step.end_date, step.fixed) for step in plan.modules] == [
        (MONDAY, datetime.date(2026, 3, 22), False),  # 2 weeks
        (datetime.date(2026, 3, 23), datetime.date(2026, 4, 2), False),  # 1.5 weeks: 11 days
    ]
    assert plan.start_date == MONDAY
    assert plan.end_date == datetime.date(2026, 4, 2)
    # The plan ends when the hours run out: 35 hours at 10 a week is 24.5 days.
    assert (plan.end_date - MONDAY).days + 1 == 25


def test_a_start_date_of_the_provider_is_waited_for_and_its_end_date_used():
    first, second, third = _plain(1, 10), _plain(2, 40), _plain(3, 10)
    starts = {
        1: [(MONDAY - datetime.timedelta(days=7), None)],  # already begun: not used
        2: [(datetime.date(2026, 3, 12), None), (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30))],
        3: [(datetime.date(2026, 7, 1), None)],
    }

    plan = selectors.route_plan(
        modules=(first, second, third), hours_per_week=10, start=MONDAY, starts=starts
    )

    assert [(step.start_date, step.end_date, step.fixed) for step in plan.modules] == [
        (MONDAY, datetime.date(2026, 3, 15), False),
        (datetime.date(2026, 4, 1), datetime.date(2026, 6, 30), True),  # 12 March is before module 1 ends
        (datetime.date(2026, 7, 1), datetime.date(2026, 7, 7), True),  # no end date: after its hours
    ]
    assert plan.end_date == datetime.date(2026, 7, 7)


def test_a_module_that_waits_for_a_late_start_date_does_not_hold_up_one_that_can_begin_now():
    late, now, after_late = _plain(1, 10), _plain(2, 20), _plain(3, 10)
    starts = {1: [(datetime.date(2026, 9, 1), None)]}

    plan = selectors.route_plan(
        modules=(late, now, after_late), hours_per_week=10, start=MONDAY, starts=starts, requires={3: {1}}
    )

    assert [step.module.pk for step in plan.modules] == [2, 1, 3]
    assert plan.modules[0].start_date == MONDAY
    assert plan.modules[1].start_date == datetime.date(2026, 9, 1)
    assert plan.modules[2].start_date > plan.modules[1].end_date  # its prerequisite comes first


def test_an_end_date_makes_the_route_fit_the_time_even_when_it_costs_more(computer, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: WEDNESDAY)
    profile = ResidentProfileFactory(hours_per_week=10)
    slow = _module("Langzaam en goedkoop", price_cents=10000, hours=100, teaches={computer: 3})
    fast = _module("Snel en duurder", price_cents=40000, hours=30, teaches={computer: 3})
    occupation = _occupation(a=(computer, 3))

    free_route = selectors.learning_route(profile=profile, occupation=occupation)
    in_time = selectors.learning_route(
        profile=profile, occupation=occupation, finish_by=MONDAY + datetime.timedelta(days=27)
    )

    assert free_route.modules == (slow,)
    assert in_time.modules == (fast,)
    assert in_time.available_hours == 40
    assert in_time.shortfall is None
    assert in_time.start_date == MONDAY
    assert in_time.plan.end_date == datetime.date(2026, 3, 29)
    assert in_time.late is False


def test_when_no_route_fits_the_time_the_shortfall_says_why_and_the_cheapest_route_shows(
    computer, monkeypatch
):
    monkeypatch.setattr(timezone, "localdate", lambda: WEDNESDAY)
    profile = ResidentProfileFactory(hours_per_week=10)
    slow = _module("Langzaam en goedkoop", price_cents=10000, hours=100, teaches={computer: 3})
    _module("Sneller", price_cents=40000, hours=60, teaches={computer: 3})

    route = selectors.learning_route(
        profile=profile,
        occupation=_occupation(a=(computer, 3)),
        hours_per_week=8,
        finish_by=MONDAY + datetime.timedelta(days=34),  # 5 weeks: 40 hours
    )

    assert route.status == selectors.ROUTE
    assert route.modules == (slow,)
    assert route.hours_per_week == 8
    assert route.shortfall == selectors.Shortfall(
        reason="hours", fewest_hours=60, cheapest_cost_cents=10000, available_hours=40, budget_cents=None
    )


def test_a_budget_is_a_cap_too(computer):
    cheap = _module("Goedkoop", price_cents=10000, hours=100, teaches={computer: 3})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(), occupation=_occupation(a=(computer, 3)), budget_cents=5000
    )

    assert route.modules == (cheap,)
    assert route.shortfall.reason == "budget"
    assert route.shortfall.cheapest_cost_cents == 10000
    assert route.shortfall.budget_cents == 5000


def test_the_route_gets_dates_from_the_providers_start_dates(computer, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: WEDNESDAY)
    module = _module("Computer", price_cents=30000, hours=40, teaches={computer: 3})
    ModuleStart.objects.create(
        module=module, start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 10, 31)
    )

    route = selectors.learning_route(
        profile=ResidentProfileFactory(hours_per_week=10),
        occupation=_occupation(a=(computer, 3)),
        finish_by=datetime.date(2026, 6, 30),
    )

    assert route.plan.modules[0].start_date == datetime.date(2026, 9, 1)
    assert route.plan.modules[0].fixed is True
    assert route.plan.end_date == datetime.date(2026, 10, 31)
    assert route.shortfall is None  # 40 hours fit before 30 June ...
    assert route.late is True  # ... but the provider starts later


def test_without_hours_per_week_there_are_no_dates_and_no_time_cap(computer):
    _module("Computer", price_cents=30000, hours=40, teaches={computer: 3})

    route = selectors.learning_route(
        profile=ResidentProfileFactory(hours_per_week=None),
        occupation=_occupation(a=(computer, 3)),
        finish_by=datetime.date.today() + datetime.timedelta(days=3),
    )

    assert route.plan is None
    assert route.available_hours is None
    assert route.shortfall is None


def test_the_kept_offer_and_catalogue_follow_a_price_change_made_through_the_services(computer, safety):
    from doorleren.learning.services import module_update

    profile = ResidentProfileFactory(hours_per_week=8)
    occupation = _occupation(a=(computer, 3), b=(safety, 2))
    both = _module("Alles in een keer", price_cents=90000, teaches={computer: 3, safety: 2})
    _module("Computer", price_cents=30000, hours=20, teaches={computer: 3})
    _module("Veiligheid", price_cents=20000, hours=5, teaches={safety: 2})
    assert both not in selectors.learning_route(profile=profile, occupation=occupation).modules

    module_update(module=both, price_cents=40000)  # now cheaper than the two together
    route = selectors.learning_route(profile=profile, occupation=occupation)
    assert route.modules == (both,) and route.cost_cents == 40000
