"""The suggestions come from the taxonomy's linking search (a real index, built in a private folder)."""

import pytest

from doorleren.profiles.selectors import competency_suggestions, occupation_suggestions
from doorleren.profiles.tests.factories import CompetencyFactory, OccupationFactory
from doorleren.taxonomy.selectors import linking_cache_clear, linking_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_index(settings, tmp_path):
    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    yield
    linking_cache_clear()


def test_competencies_that_fit_the_words_come_first():
    CompetencyFactory(code="zorg-wondzorg", label="Wonden verzorgen")
    CompetencyFactory(code="tech-lassen", label="Metaal lassen")
    CompetencyFactory(code="ict-excel", label="Werken met een rekenblad")
    linking_index(kind="competencies", build=True)  # as `doorleren taxonomy build-index` does

    found = competency_suggestions(query="lassen", top=5)

    assert found[0].code == "tech-lassen"


def test_occupations_that_fit_the_words_come_first():
    OccupationFactory(label="bakker")
    welder = OccupationFactory(label="lasser")
    linking_index(kind="occupations", build=True)

    assert occupation_suggestions(query="lasser", top=5)[0] == welder


@pytest.mark.parametrize("query", ["", "   ", "x" * 500])
def test_an_empty_or_huge_query_gives_no_error(query):
    CompetencyFactory(label="Metaal lassen")
    assert isinstance(competency_suggestions(query=query, top=5), list)
