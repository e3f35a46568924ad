"""Fair allocation of scarce money (pure Python, no Django): need-based points, a published seeded
lottery for ties, grants in ranking order while the money lasts. See ``rank.py`` and docs/budgets.md.
"""

from doorleren.engine.allocation.errors import MESSAGES_NL, AllocationError
from doorleren.engine.allocation.rank import (
    CRITERIA,
    CRITERION_CODES,
    DEFAULT_POINTS,
    LOTTERY_HEX_DIGITS,
    MAX_CENTS,
    MAX_POINTS,
    MAX_SEED,
    AllocationResult,
    Applicant,
    Criterion,
    Decision,
    Reason,
    allocate,
    check_points,
    check_seed,
    lottery_number,
    score,
)

__all__ = [
    "CRITERIA",
    "CRITERION_CODES",
    "DEFAULT_POINTS",
    "LOTTERY_HEX_DIGITS",
    "MAX_CENTS",
    "MAX_POINTS",
    "MAX_SEED",
    "MESSAGES_NL",
    "AllocationError",
    "AllocationResult",
    "Applicant",
    "Criterion",
    "Decision",
    "Reason",
    "allocate",
    "check_points",
    "check_seed",
    "lottery_number",
    "score",
]
