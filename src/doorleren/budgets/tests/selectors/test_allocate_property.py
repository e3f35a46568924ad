"""allocate (pure): against a brute-force maximum flow on random small instances.

The maximum over budgets 0..k-1 is computed by enumerating cuts: a set S of budgets whose money
reaches the items; the flow is at most the money of the budgets outside S plus the cost of every
item a budget in S may pay. The smallest such bound is the maximum flow (max-flow = min-cut).
"""

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from doorleren.budgets.selectors import allocate


def max_flow(capacities, demands, allowed) -> int:
    budgets = range(len(capacities))
    best = sum(capacities)
    for size in range(len(capacities) + 1):
        for inside in combinations(budgets, size):
            reached = set().union(*(set(allowed[b]) for b in inside)) if inside else set()
            bound = sum(capacities[b] for b in budgets if b not in inside) + sum(demands[i] for i in reached)
            best = min(best, bound)
    return best


@st.composite
def instances(draw):
    n_items = draw(st.integers(min_value=0, max_value=5))
    n_budgets = draw(st.integers(min_value=0, max_value=5))
    demands = draw(st.lists(st.integers(min_value=0, max_value=10_000), min_size=n_items, max_size=n_items))
    capacities = draw(
        st.lists(st.integers(min_value=0, max_value=10_000), min_size=n_budgets, max_size=n_budgets)
    )
    allowed = [
        draw(st.sets(st.integers(min_value=0, max_value=n_items - 1), max_size=n_items)) if n_items else set()
        for _ in range(n_budgets)
    ]
    return capacities, demands, allowed


@settings(max_examples=300, deadline=None)
@given(instances())
def test_allocation_is_feasible_maximal_and_pays_in_the_budgets_order(instance):
    capacities, demands, allowed = instance
    flow = allocate(capacities, demands, allowed)
    for b, row in enumerate(flow):
        assert all(amount >= 0 for amount in row)
        assert all(amount == 0 for i, amount in enumerate(row) if i not in allowed[b])
        assert sum(row) <= capacities[b]
    for i, demand in enumerate(demands):
        assert sum(flow[b][i] for b in range(len(flow))) <= demand
    # Pays as much as possible in total, and every first k budgets pay as much as they can
    # together: the budgets' amounts are the lexicographically largest in the co-funding order.
    for k in range(len(capacities) + 1):
        assert sum(sum(flow[b]) for b in range(k)) == max_flow(capacities[:k], demands, allowed[:k])


def test_an_earlier_budget_takes_over_only_when_the_later_one_can_pay_elsewhere():
    flow = allocate([100, 50], [60, 60], [{0, 1}, {0}])
    assert [sum(row) for row in flow] == [100, 20]
    assert [flow[0][i] + flow[1][i] for i in range(2)] == [60, 60]
