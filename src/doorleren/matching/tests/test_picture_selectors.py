"""The regional picture's figures: demand, supply (with small cells hidden), future demand and offer gaps."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from doorleren.learning.models import PublicationStatus
from doorleren.learning.tests.factories import ModuleCompetencyFactory, ModuleFactory
from doorleren.matching import selectors_picture
from doorleren.matching.selectors_picture import (
    HIDDEN,
    SHOWN,
    SMALL,
    SMALL_CELL,
    person_count,
    regional_person_count,
    regional_picture,
)
from doorleren.opportunities.models import OpportunityKind, OpportunityStatus
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
)
from doorleren.region.tests.factories import municipality
from doorleren.taxonomy.tests.factories import CompetencyDemandFactory, SectorFactory

pytestmark = pytest.mark.django_db


@dataclass
class PictureWorld:
    weld: object
    care: object
    plan: object
    groningen: object
    assen: object


def _residents(n: int, *, place: str | None, **competencies) -> list:
    """``n`` residents living in ``place`` (a CBS code, or None), each with ``competency=level`` pairs."""
    profiles = []
    for _ in range(n):
        profile = ResidentProfileFactory(municipality=municipality(place) if place else None)
        for competency, level in competencies.values():
            ResidentCompetencyFactory(profile=profile, competency=competency, level=level)
        profiles.append(profile)
    return profiles


def _asks(opportunity, competency, level: int, essential: bool = True):
    OpportunityCompetencyFactory(
        opportunity=opportunity, competency=competency, level=level, essential=essential
    )


def build_world() -> PictureWorld:
    """A small region (the figures the tests expect are in the comments).

    Demand: weld 4 open opportunities (3 essential, highest level 3), care 1, plan 1 (level 3).
    Supply at level 2+: care 12 Groningen + 5 Tynaarlo + 5 without municipality = 22 (shown: the
    rest besides Groningen is 10); weld 3 + 5 = 8 (small); plan 12 Groningen + 2 Assen = 14, but
    14 - 12 = 2 would give Assen away: hidden. Care at level 1 only: 5 in Assen (small).
    Offer: care taught at level 2 (enough), plan at level 2 (below 3), weld only in a draft module.
    """
    weld = CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    care = CompetencyFactory(code="zorg-verlenen", label="Zorg verlenen")
    plan = CompetencyFactory(code="alg-plannen", label="Werk plannen")
    groningen, assen = municipality("GM0014"), municipality("GM0106")

    groningers = _residents(12, place="GM0014", care=(care, 2), plan=(plan, 2))
    for profile in groningers[:3]:
        ResidentCompetencyFactory(profile=profile, competency=weld, level=3)
    _residents(5, place="GM0106", care=(care, 1), weld=(weld, 2))
    for profile in _residents(2, place="GM0106"):
        ResidentCompetencyFactory(profile=profile, competency=plan, level=4)
    _residents(5, place="GM1730", care=(care, 2))
    _residents(5, place=None, care=(care, 2))
    # Not counted: a resident whose account is closed.
    closed = _residents(1, place="GM0014", care=(care, 2))[0]
    closed.user.is_active = False
    closed.user.save()

    vacancy = OpportunityFactory(municipality=groningen)
    _asks(vacancy, weld, 2)
    _asks(vacancy, care, 2)
    _asks(
        OpportunityFactory(municipality=groningen, kind=OpportunityKind.BASIC_JOB), weld, 3, essential=False
    )
    _asks(OpportunityFactory(municipality=groningen, kind=OpportunityKind.PRACTICAL_ASSIGNMENT), weld, 2)
    in_assen = OpportunityFactory(municipality=assen)
    _asks(in_assen, weld, 2)
    _asks(in_assen, plan, 3)
    _asks(OpportunityFactory(municipality=assen, status=OpportunityStatus.CLOSED), care, 4)

    ModuleCompetencyFactory(module=ModuleFactory(), competency=care, level=2)
    ModuleCompetencyFactory(module=ModuleFactory(), competency=plan, level=2)
    ModuleCompetencyFactory(module=ModuleFactory(status=PublicationStatus.DRAFT), competency=weld, level=3)

    CompetencyDemandFactory(competency=care, sector=SectorFactory(code="beeld-zorg", label="Zorg en welzijn"))
    CompetencyDemandFactory(
        competency=care,
        sector=SectorFactory(code="beeld-basis", label="Basisvaardigheden"),
        trend="stable",
    )
    return PictureWorld(weld=weld, care=care, plan=plan, groningen=groningen, assen=assen)


@pytest.fixture
def world():
    return build_world()


def _rows(picture) -> dict[str, object]:
    return {row.competency.code: row for row in picture.rows}


# --- the small-cell rule ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "state"), [(0, SMALL), (1, SMALL), (SMALL_CELL - 1, SMALL), (SMALL_CELL, SHOWN)]
)
def test_fewer_than_ten_persons_is_a_small_cell_without_its_number(value, state):
    cell = person_count(value)
    assert cell.state == state
    assert cell.value == (value if state == SHOWN else None)
    assert cell.csv == (str(value) if state == SHOWN else "<10")


def test_the_small_cell_rule_is_the_one_of_the_programme_office_start_page():
    from doorleren.web import start_pages

    assert selectors_picture.SMALL_CELL == start_pages.SMALL_CELL


@pytest.mark.parametrize(
    ("total", "municipal", "state"),
    [
        (25, [20, 5, 0], HIDDEN),  # 25 - 20 = 5: the 5 would show
        (25, [20, 0, 0], HIDDEN),  # 25 - 20 = 0: would show that the small ones are 0
        (35, [20, 5, 0], SHOWN),  # 15 left over: no small cell can be worked out
        (30, [20, 10], SHOWN),  # every cell shown, nothing left over
        (5, [5, 0], SMALL),
    ],
)
def test_a_regional_number_is_hidden_when_it_gives_away_small_municipal_cells(total, municipal, state):
    cell = regional_person_count(total=total, municipal=municipal)
    assert cell.state == state
    if state == HIDDEN:
        assert cell.value is None
        assert cell.floor == sum(value for value in municipal if value >= SMALL_CELL)
        assert cell.csv == "verborgen"


# --- the picture -------------------------------------------------------------------------------------


def test_demand_counts_open_opportunities_per_competency(world):
    rows = _rows(regional_picture())

    assert set(rows) == {"tech-lassen", "zorg-verlenen", "alg-plannen"}
    weld = rows["tech-lassen"]
    assert (weld.opportunities, weld.essential, weld.level) == (4, 3, 3)
    care = rows["zorg-verlenen"]
    assert (care.opportunities, care.essential, care.level) == (1, 1, 2)  # the closed one does not count


def test_supply_counts_active_residents_on_their_own_and_with_help(world):
    rows = _rows(regional_picture())

    care = rows["zorg-verlenen"]
    assert care.able.state == SHOWN
    assert care.able.value == 22  # with those without a municipality; not the closed account
    assert care.basic.state == SMALL  # 5 in Assen at level 1
    assert care.difference == 21
    assert care.ratio == 22.0
    weld = rows["tech-lassen"]
    assert weld.able.state == SMALL  # 3 at level 3 + 5 at level 2 = 8
    assert weld.difference is None
    assert weld.ratio is None


def test_regional_supply_that_would_give_away_a_small_municipality_is_hidden(world):
    plan = _rows(regional_picture())["alg-plannen"]

    assert plan.able.state == HIDDEN
    assert plan.able.value is None
    assert plan.able.floor == 12
    assert plan.difference is None


def test_biggest_shortage_first_using_only_shown_numbers(world):
    codes = [row.competency.code for row in regional_picture().rows]

    # weld: 4 - 0 (small counts as 0); plan: 1 - 12 (hidden: the shown part); care: 1 - 22.
    assert codes == ["tech-lassen", "alg-plannen", "zorg-verlenen"]


def test_one_municipality_counts_its_own_opportunities_and_residents(world):
    picture = regional_picture(municipality=world.groningen)
    rows = _rows(picture)

    assert picture.municipality == world.groningen
    assert set(rows) == {"tech-lassen", "zorg-verlenen"}  # plan is asked for in Assen only
    weld = rows["tech-lassen"]
    assert (weld.opportunities, weld.essential, weld.level) == (3, 2, 3)
    assert weld.able.state == SMALL
    care = rows["zorg-verlenen"]
    assert care.able.value == 12  # not Tynaarlo's, not those without a municipality
    assert care.basic.state == SMALL
    assert [row.competency.code for row in picture.rows] == ["tech-lassen", "zorg-verlenen"]


def test_a_municipality_shows_its_own_small_cells_as_small(world):
    rows = _rows(regional_picture(municipality=world.assen))

    assert rows["alg-plannen"].able.state == SMALL
    assert rows["tech-lassen"].able.state == SMALL
    assert rows["tech-lassen"].opportunities == 1


def test_residents_of_a_former_municipality_count_for_the_one_it_became(world):
    eemsdelta = municipality("GM1979")
    _residents(10, place="GM0003", care=(world.care, 2))  # Appingedam, now Eemsdelta
    _asks(OpportunityFactory(municipality=eemsdelta), world.care, 2)

    care = _rows(regional_picture(municipality=eemsdelta))["zorg-verlenen"]

    assert care.able.value == 10


def test_future_demand_per_trend_with_its_sectors(world):
    rows = _rows(regional_picture())

    future = rows["zorg-verlenen"].future
    assert [(item.trend, item.sectors) for item in future] == [
        ("grows", ("Zorg en welzijn",)),
        ("stable", ("Basisvaardigheden",)),
    ]
    assert str(future[0]) == "groeit: Zorg en welzijn"
    assert rows["zorg-verlenen"].grows
    assert rows["tech-lassen"].future == ()


def test_offer_gaps_no_module_and_only_below_the_level_asked(world):
    picture = regional_picture()
    rows = _rows(picture)

    assert rows["tech-lassen"].offer_gap == "none"  # only a draft module teaches it
    assert rows["tech-lassen"].modules == 0
    assert rows["alg-plannen"].offer_gap == "below"
    assert rows["alg-plannen"].taught_level == 2
    assert rows["zorg-verlenen"].offer_gap is None
    assert [row.competency.code for row in picture.without_module] == ["tech-lassen"]
    assert [row.competency.code for row in picture.below_level] == ["alg-plannen"]


def test_nothing_asked_gives_an_empty_picture():
    picture = regional_picture()
    assert picture.rows == []
    assert picture.without_module == []


def test_the_number_of_queries_does_not_grow_with_the_number_of_competencies(
    world, django_assert_max_num_queries
):
    with CaptureQueriesContext(connection) as small:
        regional_picture()
    for n in range(6):
        extra = CompetencyFactory(code=f"extra-{n}", label=f"Extra {n}")
        _asks(OpportunityFactory(municipality=world.assen), extra, 2)
        _residents(1, place="GM0014", extra=(extra, 2))
        ModuleCompetencyFactory(module=ModuleFactory(), competency=extra, level=1)
        CompetencyDemandFactory(competency=extra, sector=SectorFactory(code="bouw", label="Bouw"))
    with CaptureQueriesContext(connection) as large:
        picture = regional_picture()
    assert len(picture.rows) == 9
    assert len(large.captured_queries) == len(small.captured_queries)
    with django_assert_max_num_queries(12):
        regional_picture(municipality=world.groningen)
