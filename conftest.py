"""Project-wide pytest setup."""

import pytest


@pytest.fixture(autouse=True)
def _dutch_by_default(settings):
    settings.LANGUAGE_CODE = "nl"


@pytest.fixture(autouse=True)
def _no_search_index_from_an_earlier_test():
    """Search indexes held in memory by one test must not answer another test's question."""
    from doorleren.learning.selectors import route_offer_cache_clear
    from doorleren.matching.selectors import goal_choices_cache_clear
    from doorleren.matching.selectors_work import work_index_cache_clear
    from doorleren.taxonomy.selectors import linking_cache_clear

    linking_cache_clear()
    work_index_cache_clear()
    route_offer_cache_clear()
    goal_choices_cache_clear()
    yield
    linking_cache_clear()
    work_index_cache_clear()
    route_offer_cache_clear()
    goal_choices_cache_clear()
