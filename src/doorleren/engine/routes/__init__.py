"""Learning routes: the cheapest set of modules that closes a competency gap (pure numpy/scipy, no Django).

``parse_instance`` checks a JSON instance, ``solve_route`` answers it with an integer program
(scipy.optimize.milp, HiGHS), ``greedy_route`` is the benchmark's baseline. See docs/routes.md.
"""

from doorleren.engine.routes.errors import MESSAGES_NL, RouteInstanceError
from doorleren.engine.routes.greedy import greedy_route
from doorleren.engine.routes.instance import (
    MAX_FILE_BYTES,
    Catalogue,
    Question,
    loads_instance,
    parse_catalogue,
    parse_instance,
    parse_question,
    read_instance_file,
)
from doorleren.engine.routes.solve import solve_route


def route_for_instance(data: object) -> dict:
    """Check a parsed JSON instance and solve it."""
    catalogue, question = parse_instance(data)
    return solve_route(catalogue, question)


__all__ = [
    "MAX_FILE_BYTES",
    "MESSAGES_NL",
    "Catalogue",
    "Question",
    "RouteInstanceError",
    "greedy_route",
    "loads_instance",
    "parse_catalogue",
    "parse_instance",
    "parse_question",
    "read_instance_file",
    "route_for_instance",
    "solve_route",
]
