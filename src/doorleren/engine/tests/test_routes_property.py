"""The integer program against brute force on tiny random instances (hypothesis)."""

from __future__ import annotations

from types import SimpleNamespace
from unittest.mock import patch

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doorleren.engine.routes import route_for_instance, solve
from doorleren.engine.tests.routes_brute import brute_force, route_key

COMPETENCIES = ["c1", "c2", "c3", "c4"]


@st.composite
def instances(draw) -> dict:
    count = draw(st.integers(min_value=1, max_value=9))
    modules = []
    for i in range(count):
        teaches = draw(st.dictionaries(st.sampled_from(COMPETENCIES), st.integers(1, 4), max_size=3))
        requires = (
            draw(st.lists(st.sampled_from([f"m{j}" for j in range(i)]), unique=True, max_size=2)) if i else []
        )
        modules.append(
            {
                "id": f"m{i}",
                "cost_cents": draw(st.sampled_from([0, 100, 200, 300, 500])),
                "hours": draw(st.sampled_from([0, 1, 2, 5])),
                "teaches": teaches,
                "requires": requires,
            }
        )
    ids = [m["id"] for m in modules]
    instance = {
        "modules": modules,
        "need": draw(
            st.dictionaries(st.sampled_from(COMPETENCIES), st.integers(1, 4), min_size=1, max_size=4)
        ),
        "have": draw(st.dictionaries(st.sampled_from(COMPETENCIES), st.integers(1, 4), max_size=2)),
        "done": draw(st.lists(st.sampled_from(ids), unique=True, max_size=2)),
        "certificates": [
            {"id": f"k{k}", "modules": members}
            for k, members in enumerate(
                draw(
                    st.lists(st.lists(st.sampled_from(ids), min_size=1, max_size=3, unique=True), max_size=3)
                )
            )
        ],
    }
    if draw(st.booleans()):
        instance["budget_cents"] = draw(st.sampled_from([0, 200, 400, 700, 1000]))
    if draw(st.booleans()):
        instance["max_hours"] = draw(st.sampled_from([0, 2, 4, 8]))
    return instance


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_route_is_as_good_as_the_best_of_all_module_sets(instance):
    result = route_for_instance(instance)
    expected = brute_force(instance)

    assert result["status"] == ("optimal" if expected["status"] == "optimal" else "infeasible")
    assert result["proven_optimal"] is True
    if expected["status"] == "optimal":
        assert result["reason"] is None
        assert route_key(instance, result) == expected["key"]
    else:
        assert result["reason"] == expected["reason"]
        assert result["modules"] == []
        if expected["reason"] == "offer":
            assert result["uncovered"] == expected["uncovered"]
        else:
            assert result["uncovered"] == {}
            assert result["cheapest_cost_cents"] == expected["cheapest_cost_cents"]
            assert result["fewest_hours"] == expected["fewest_hours"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instances())
def test_the_branch_and_cut_path_alone_gives_the_same_routes(instance):
    """Without the LP shortcuts every stage runs scipy's milp; the answer must not change."""

    def milp_only(model, objective, upper, extra, time_limit):
        result = solve._milp(model, objective, upper, extra, time_limit)
        if result.x is None:
            return None, result.status == 2, SimpleNamespace(status=-1)
        return np.round(result.x), result.status == 0, SimpleNamespace(status=-1)

    with patch.object(solve, "_exact", milp_only):
        result = route_for_instance(instance)
    expected = brute_force(instance)

    assert result["status"] == ("optimal" if expected["status"] == "optimal" else "infeasible")
    if expected["status"] == "optimal":
        assert route_key(instance, result) == expected["key"]
    else:
        assert result["reason"] == expected["reason"]
