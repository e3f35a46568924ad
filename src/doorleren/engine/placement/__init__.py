"""Placement of learners in practical assignments (pure Python and numpy, no Django).

Learners list the assignments they want, best first; each assignment has a capacity and ranks the
learners it accepts. ``parse_instance`` checks a JSON instance, ``deferred_acceptance`` finds the
learner-optimal stable matching (learner-proposing deferred acceptance, in vectorised rounds),
``explain`` says per learner why they got their place, ``stability_report`` counts blocking pairs.
Optional reserved seats per kind of learner give a team mix. See docs/placement.md.
"""

from collections.abc import Callable

from doorleren.engine.placement.check import stability_report
from doorleren.engine.placement.errors import MESSAGES_NL, PlacementInstanceError
from doorleren.engine.placement.explain import MESSAGES_NL as EXPLANATIONS_NL
from doorleren.engine.placement.explain import explain, explanation_text, reason_text
from doorleren.engine.placement.instance import (
    MAX_FILE_BYTES,
    Placement,
    Reserve,
    loads_instance,
    parse_instance,
    read_instance_file,
)
from doorleren.engine.placement.reference import reference_violations, sequential_deferred_acceptance
from doorleren.engine.placement.solve import Pairs, PlacementResult, acceptable_pairs, deferred_acceptance


def _identity(text: str) -> str:
    return text


def placement_for_instance(
    data: object, *, with_explanations: bool = False, translate: Callable[[str], str] = _identity
) -> dict:
    """Check a parsed JSON instance and place the learners: ``{"matching": {learner: assignment or None}}``.

    With ``with_explanations`` also ``"explanations"``: per learner the code, params and text of the
    outcome, and the reasons (code, params, text) for each assignment they listed higher (or for every
    one, when they got no place). ``explanation_text`` joins the outcome and its reasons.
    """
    placement = parse_instance(data)
    result = deferred_acceptance(placement)
    answer: dict = {"matching": result.matching(placement)}
    if with_explanations:
        explained = explain(placement, result)
        answer["explanations"] = {
            placement.learner_ids[learner]: {
                "code": item["code"],
                "params": item["params"],
                "text": reason_text(item, translate),
                "reasons": [{**reason, "text": reason_text(reason, translate)} for reason in item["reasons"]],
            }
            for learner, item in explained.items()
        }
    return answer


__all__ = [
    "EXPLANATIONS_NL",
    "MAX_FILE_BYTES",
    "MESSAGES_NL",
    "Pairs",
    "Placement",
    "PlacementInstanceError",
    "PlacementResult",
    "Reserve",
    "acceptable_pairs",
    "deferred_acceptance",
    "explain",
    "explanation_text",
    "loads_instance",
    "parse_instance",
    "placement_for_instance",
    "read_instance_file",
    "reason_text",
    "reference_violations",
    "sequential_deferred_acceptance",
    "stability_report",
]
