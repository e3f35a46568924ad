"""Which work fits a resident: ranking by the matching engine, its explanation, and the preference filters."""

import pytest

from doorleren.matching.selectors_work import work_matches_for_resident
from doorleren.opportunities.models import OpportunityStatus
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory
from doorleren.profiles.tests.factories import (
    CompetencyFactory,
    ResidentCompetencyFactory,
    ResidentProfileFactory,
    SectorFactory,
)
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db

# From Groningen: Eemsdelta (Delfzijl) about 26 km, Westerwolde (Ter Apel) about 49 km.
GRONINGEN, EEMSDELTA, WESTERWOLDE = "GM0014", "GM1979", "GM1950"


@pytest.fixture
def comps():
    return {
        "lassen": CompetencyFactory(code="tech-lassen", label="Metaal lassen"),
        "plannen": CompetencyFactory(code="alg-plannen", label="Werk plannen"),
        "excel": CompetencyFactory(code="ict-excel", label="Werken met een rekenblad"),
        "zorg": CompetencyFactory(code="zorg-wassen", label="Mensen helpen bij wassen"),
    }


@pytest.fixture
def anne(comps):
    """In Groningen, 30 km, 24 hours; welds at level 2, plans at level 2."""
    profile = ResidentProfileFactory(hours_per_week=24, max_travel_km=30)
    ResidentCompetencyFactory(profile=profile, competency=comps["lassen"], level=2)
    ResidentCompetencyFactory(profile=profile, competency=comps["plannen"], level=2)
    return profile


def _opportunity(title, requires, *, place=GRONINGEN, hours=24, **extra):
    opportunity = OpportunityFactory(
        title=title, municipality=municipality(place), hours_per_week=hours, **extra
    )
    for competency, level, essential in requires:
        OpportunityCompetencyFactory(
            opportunity=opportunity, competency=competency, level=level, essential=essential
        )
    return opportunity


def _titles(found):
    return [match.opportunity.title for match in found.results]


def test_best_fit_first_with_the_engine_score(anne, comps):
    partial = _opportunity(  # the example of docs/matching.md: 0.583
        "Lasser", [(comps["lassen"], 3, True), (comps["plannen"], 2, False), (comps["excel"], 1, False)]
    )
    full = _opportunity("Planner", [(comps["plannen"], 2, True)])
    half = _opportunity("Kantoor", [(comps["plannen"], 2, False), (comps["excel"], 2, False)])

    found = work_matches_for_resident(profile=anne)

    assert found.has_competencies
    assert [m.opportunity for m in found.results] == [full, partial, half]
    assert [m.percent for m in found.results] == [100, 58, 50]
    assert found.results[1].score == pytest.approx(7 / 12)


def test_equal_scores_keep_the_oldest_opportunity_first(anne, comps):
    first = _opportunity("Eerste", [(comps["plannen"], 2, True)])
    second = _opportunity("Tweede", [(comps["plannen"], 2, True)])
    assert [m.opportunity for m in work_matches_for_resident(profile=anne).results] == [first, second]


def test_explanation_names_what_matches_what_is_too_low_and_what_is_missing(anne, comps):
    _opportunity(
        "Lasser", [(comps["lassen"], 3, True), (comps["plannen"], 2, False), (comps["excel"], 1, False)]
    )
    (match,) = work_matches_for_resident(profile=anne).results
    assert match.matched == ["Werk plannen"]
    assert match.sentences == [
        "U kunt 1 van de 3 dingen die nodig zijn.",
        "Hierin moet u nog beter worden: Metaal lassen (u heeft niveau 2, nodig is niveau 3).",
        "Dit mist nog: Werken met een rekenblad.",
        "Dit is echt nodig voor dit werk: Metaal lassen.",
    ]


def test_work_without_any_shared_competency_is_not_shown(anne, comps):
    _opportunity("Zorg", [(comps["zorg"], 1, True)])
    _opportunity("Geen eisen", [])
    _opportunity("Gesloten", [(comps["plannen"], 2, True)], status=OpportunityStatus.CLOSED)
    found = work_matches_for_resident(profile=anne)
    assert found.results == []
    assert found.opportunity_count == 2


def test_distance_and_hours_from_the_preferences_filter(anne, comps):
    requires = [(comps["plannen"], 2, True)]
    _opportunity("Dichtbij", requires, place=EEMSDELTA)
    _opportunity("Te ver", requires, place=WESTERWOLDE)
    _opportunity("Te veel uren", requires, hours=32)
    _opportunity("Minder uren", requires, hours=16)

    found = work_matches_for_resident(profile=anne)

    assert _titles(found) == ["Dichtbij", "Minder uren"]
    assert found.preferences.max_km == 30
    assert found.preferences.municipality == "Groningen"
    assert found.preferences.hours == 24


def test_without_preferences_the_whole_region_counts(anne, comps):
    anne.max_travel_km = None
    anne.hours_per_week = None
    anne.save()
    requires = [(comps["plannen"], 2, True)]
    _opportunity("Ver weg", requires, place=WESTERWOLDE, hours=40)
    found = work_matches_for_resident(profile=anne)
    assert _titles(found) == ["Ver weg"]
    assert not found.preferences.any


def test_distance_needs_a_municipality(anne, comps):
    anne.municipality = None
    anne.save()
    _opportunity("Ver weg", [(comps["plannen"], 2, True)], place=WESTERWOLDE)
    found = work_matches_for_resident(profile=anne)
    assert _titles(found) == ["Ver weg"]
    assert found.preferences.max_km is None


def test_preferred_sectors_filter(anne, comps):
    care = SectorFactory(code="zorg-welzijn", label="Zorg en welzijn")
    tech = SectorFactory(code="techniek", label="Techniek")
    anne.preferred_sectors.set([tech])
    requires = [(comps["plannen"], 2, True)]
    _opportunity("Zorgplanner", requires, sector=care)
    _opportunity("Werkplaatsplanner", requires, sector=tech)
    found = work_matches_for_resident(profile=anne)
    assert _titles(found) == ["Werkplaatsplanner"]
    assert found.preferences.sectors == ["Techniek"]


def test_at_most_top_results(anne, comps):
    for n in range(5):
        _opportunity(f"Planner {n}", [(comps["plannen"], 2, True)])
    assert len(work_matches_for_resident(profile=anne, top=3).results) == 3


def test_resident_without_competencies(comps):
    profile = ResidentProfileFactory()
    _opportunity("Planner", [(comps["plannen"], 2, True)])
    found = work_matches_for_resident(profile=profile)
    assert not found.has_competencies
    assert found.results == []


def test_the_kept_index_follows_changes_made_through_the_services(anne, comps, django_assert_max_num_queries):
    from doorleren.opportunities.services import CompetencyRequirement, opportunity_close, opportunity_update

    welder = _opportunity("Lasser", [(comps["lassen"], 2, True)])
    assert _titles(work_matches_for_resident(profile=anne)) == ["Lasser"]
    with django_assert_max_num_queries(8):  # the index is kept: no rows of all opportunities again
        assert _titles(work_matches_for_resident(profile=anne)) == ["Lasser"]

    opportunity_update(
        opportunity=welder,
        competencies=[CompetencyRequirement(competency=comps["zorg"], level=2, essential=True)],
    )
    assert _titles(work_matches_for_resident(profile=anne)) == []

    planner = _opportunity("Planner", [(comps["plannen"], 2, True)])
    assert _titles(work_matches_for_resident(profile=anne)) == ["Planner"]
    opportunity_update(opportunity=planner, hours_per_week=40)  # more than Anne's 24 hours
    assert _titles(work_matches_for_resident(profile=anne)) == []
    opportunity_update(opportunity=planner, hours_per_week=20)
    assert _titles(work_matches_for_resident(profile=anne)) == ["Planner"]
    opportunity_close(opportunity=planner)
    assert _titles(work_matches_for_resident(profile=anne)) == []
