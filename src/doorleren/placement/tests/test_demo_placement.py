"""The demo region has a placed round at the innovation workshop in Eemsdelta (Loppersum)."""

import numpy as np
import pytest

from doorleren.demo.services import demo_build, demo_reset
from doorleren.demo.tests.conftest import SMALL
from doorleren.engine.placement import parse_instance, stability_report
from doorleren.placement import selectors, services
from doorleren.placement.models import PlacementResult, PlacementRound, RoundState, TeamOutcome

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_placed_round_with_outcomes_and_reset_removes_it():
    demo_build(seed=11, **SMALL)
    found = PlacementRound.objects.get()
    assert found.organiser.is_innovation_workshop
    assert found.state == RoundState.ALLOCATED and found.blocking_pairs == 0
    assert found.assignments.count() == 3
    results = PlacementResult.objects.filter(round=found)
    assert 8 <= results.count() <= 12
    placement = parse_instance(services.placement_instance(round=found))
    index = {a: n for n, a in enumerate(placement.assignment_ids)}
    stored = dict(results.values_list("learner_id", "assignment_id"))
    assignment_of = np.array(
        [index[str(stored[int(lid)])] if stored[int(lid)] else -1 for lid in placement.learner_ids]
    )
    assert stability_report(placement, assignment_of)["blocking_pairs"] == 0
    assert TeamOutcome.objects.filter(completed=True).exists()
    assert any(w.completed for w in selectors.workshops_overview())
    demo_reset()
    assert not PlacementRound.objects.exists()
