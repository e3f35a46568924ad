"""Does a measure work? The effect of taking part on starting work, estimated against similar
non-participants by exact matching on strata (pure numpy/scipy, no Django).

- ``covariates``: age bands, education groups, dates and quarters, histories (a status on a date, a
  work start in a window), stratum keys.
- ``estimate``: counts per stratum and the effect on participants (ATT) with its 95% interval.
- ``verdict``: continue / adjust / stop / too early, from the estimate.

The method, its rules and its limits: docs/monitoring-evaluation.md.
"""

from doorleren.engine.evaluation.covariates import (
    AGE_BAND_COUNT,
    AGE_BAND_LABELS,
    AGE_BANDS,
    EDUCATION_GROUP_COUNT,
    EDUCATION_GROUPS,
    HIGH,
    LOW,
    MIDDLE,
    OTHER_AGE,
    UNKNOWN,
    History,
    add_months,
    age_band,
    codes_for,
    dense_codes,
    education_group,
    quarter_index,
    quarter_middle,
    quarter_start,
    split_keys,
    stratum_keys,
)
from doorleren.engine.evaluation.estimate import (
    CONFIDENCE,
    EffectResult,
    StratumCounts,
    combine_counts,
    estimate_att,
    estimate_att_from_counts,
    naive_difference,
    stratum_counts,
)
from doorleren.engine.evaluation.verdict import (
    ADJUST,
    CONTINUE,
    MIN_COMPARISON_PERSONS,
    MIN_MATCHED_PARTICIPANTS,
    MINIMAL_RELEVANT_EFFECT,
    STOP,
    TOO_EARLY,
    VERDICTS,
    verdict_for,
)

__all__ = [
    "ADJUST",
    "AGE_BANDS",
    "AGE_BAND_COUNT",
    "AGE_BAND_LABELS",
    "CONFIDENCE",
    "CONTINUE",
    "EDUCATION_GROUPS",
    "EDUCATION_GROUP_COUNT",
    "HIGH",
    "LOW",
    "MIDDLE",
    "MINIMAL_RELEVANT_EFFECT",
    "MIN_COMPARISON_PERSONS",
    "MIN_MATCHED_PARTICIPANTS",
    "OTHER_AGE",
    "STOP",
    "TOO_EARLY",
    "UNKNOWN",
    "VERDICTS",
    "EffectResult",
    "History",
    "StratumCounts",
    "add_months",
    "age_band",
    "codes_for",
    "combine_counts",
    "dense_codes",
    "education_group",
    "estimate_att",
    "estimate_att_from_counts",
    "naive_difference",
    "quarter_index",
    "quarter_middle",
    "quarter_start",
    "split_keys",
    "stratum_keys",
    "stratum_counts",
    "verdict_for",
]
