"""Matching reads all open opportunities with their requirements, by id, in a fixed number of queries."""

import pytest

from doorleren.opportunities.models import OpportunityStatus
from doorleren.opportunities.selectors import opportunities_open_with_requirements
from doorleren.opportunities.tests.factories import OpportunityCompetencyFactory, OpportunityFactory

pytestmark = pytest.mark.django_db


def test_open_ones_by_id_with_requirements(django_assert_num_queries):
    first = OpportunityFactory()
    closed = OpportunityFactory(status=OpportunityStatus.CLOSED)
    second = OpportunityFactory()
    OpportunityCompetencyFactory(opportunity=first, level=3, essential=True)
    OpportunityCompetencyFactory(opportunity=first, level=1, essential=False)
    OpportunityCompetencyFactory(opportunity=closed)

    with django_assert_num_queries(2):
        found = opportunities_open_with_requirements()
        rows = {
            o.pk: [(r.competency.code, r.level, r.essential) for r in o.competency_requirements.all()]
            for o in found
        }
        places = [o.municipality.latitude for o in found]

    assert [o.pk for o in found] == [first.pk, second.pk]
    assert sorted((level, essential) for _code, level, essential in rows[first.pk]) == [(1, False), (3, True)]
    assert rows[second.pk] == []
    assert all(places)
