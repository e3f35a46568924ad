"""The verdict on a measure from its estimate (docs/monitoring-evaluation.md, "Het oordeel").

In this order:

1. ``too_early``: fewer than ``MIN_MATCHED_PARTICIPANTS`` matched participants with a complete
   follow-up, or fewer than ``MIN_COMPARISON_PERSONS`` comparison persons, or no estimate;
2. ``continue``: the whole interval is above zero (``ci_low > 0``): the measure helps;
3. ``stop``: the whole interval is below the minimal relevant effect (``ci_high <
   MINIMAL_RELEVANT_EFFECT``): it clearly does not help enough, or it harms;
4. ``adjust``: otherwise: it may help, but we cannot tell yet whether it helps enough.
"""

from __future__ import annotations

MIN_MATCHED_PARTICIPANTS = 50
MIN_COMPARISON_PERSONS = 20
# The smallest effect worth the money: +2 percentage points more people in work.
MINIMAL_RELEVANT_EFFECT = 0.02

CONTINUE, ADJUST, STOP, TOO_EARLY = "continue", "adjust", "stop", "too_early"
VERDICTS = (CONTINUE, ADJUST, STOP, TOO_EARLY)


def verdict_for(
    *,
    matched_participants: int,
    comparison_persons: int,
    ci_low: float | None,
    ci_high: float | None,
    min_matched: int = MIN_MATCHED_PARTICIPANTS,
    min_comparison: int = MIN_COMPARISON_PERSONS,
    minimal_effect: float = MINIMAL_RELEVANT_EFFECT,
) -> str:
    """One of ``VERDICTS`` by the rules in this module's text."""
    if (
        matched_participants < min_matched
        or comparison_persons < min_comparison
        or ci_low is None
        or ci_high is None
    ):
        return TOO_EARLY
    if ci_low > 0:
        return CONTINUE
    if ci_high < minimal_effect:
        return STOP
    return ADJUST
