"""Writes of the placement app (docs/placement.md, "In het platform"). Every function is keyword-only,
owns its transaction, refuses with a Dutch ``ApplicationError`` and writes an audit line."""

from .allocate import placement_instance, placement_round_allocate
from .choices import (
    SCORE_MAX,
    SCORE_MIN,
    choices_from_ranks,
    host_ranking_default,
    host_ranking_set,
    learner_choices_set,
    learner_kind,
    round_open_to,
)
from .outcomes import team_outcome_record
from .rounds import (
    cooperative_member_add,
    placement_round_close,
    placement_round_create,
    round_assignment_add,
)

__all__ = [
    "SCORE_MAX",
    "SCORE_MIN",
    "choices_from_ranks",
    "cooperative_member_add",
    "host_ranking_default",
    "host_ranking_set",
    "learner_choices_set",
    "learner_kind",
    "placement_instance",
    "placement_round_allocate",
    "placement_round_close",
    "placement_round_create",
    "round_assignment_add",
    "round_open_to",
    "team_outcome_record",
]

# privacy: erase what placement keeps about one resident (docs/security-privacy.md).
from .personal_data import personal_data_erase  # noqa: E402

__all__ += ["personal_data_erase"]  # noqa: PLE0605
