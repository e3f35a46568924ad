"""The effect on participants (ATT) by exact matching on strata, with its 95% interval (numpy only).

Every person is a row with a stratum key (``covariates.stratum_keys``: cohort quarter × age band ×
education group × municipality × prior status) and an outcome 0/1 (in work within the horizon).
Within a stratum participants and comparison persons are alike on everything the key holds, so

    effect = Σ_s w_s (ȳ_t,s − ȳ_c,s),   w_s = n_t,s / N_matched

over the strata ``s`` that have at least one participant and one comparison person. Participants in
strata without a comparison person are *unmatched*: they are counted and reported, not estimated.

The standard error treats the weights as fixed (they are the participants' own mix):

    var = Σ_s w_s² (v_t,s + v_c,s),   v = p̃(1 − p̃) / (n − 1),   p̃ = (successes + ½) / (n + 1)

(the unbiased variance of a group's mean of a 0/1 outcome, with the share ``p̃`` pulled a little
towards ½ so that a group where nobody, or everybody, found work does not count as certain; for a
group of one person, whose variance cannot be estimated, the largest possible variance 0.25 is
used). The interval is effect ± z·se with the normal quantile z (1.96 for 95%).
docs/monitoring-evaluation.md shows the simulated coverage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy.stats import norm

CONFIDENCE = 0.95
# The variance of a 0/1 outcome when it cannot be estimated (one person): the largest there is.
MAX_BINARY_VARIANCE = 0.25


@dataclass(frozen=True)
class StratumCounts:
    """Per stratum (sorted unique ``keys``): how many people (``n``) and how many in work (``successes``)."""

    keys: np.ndarray
    n: np.ndarray
    successes: np.ndarray

    @classmethod
    def empty(cls) -> StratumCounts:
        return cls(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64))

    def __len__(self) -> int:
        return len(self.keys)


def stratum_counts(keys: np.ndarray, outcomes: np.ndarray) -> StratumCounts:
    """Count people and successes per stratum key (``np.unique`` + ``bincount``, no Python loop)."""
    keys = np.asarray(keys, dtype=np.int64)
    outcomes = np.asarray(outcomes)
    if keys.shape != outcomes.shape:
        raise ValueError("one outcome per key")
    unique, inverse = np.unique(keys, return_inverse=True)
    n = np.bincount(inverse, minlength=len(unique)).astype(np.int64)
    successes = np.bincount(inverse, weights=(outcomes > 0).astype(np.float64), minlength=len(unique))
    return StratumCounts(unique, n, np.rint(successes).astype(np.int64))


def combine_counts(*tables: StratumCounts, signs: tuple[int, ...] | None = None) -> StratumCounts:
    """Add tables (or subtract, with ``signs`` -1); strata that end with nobody are dropped."""
    signs = signs or (1,) * len(tables)
    if not tables:
        return StratumCounts.empty()
    keys = np.concatenate([t.keys for t in tables])
    n = np.concatenate([t.n * sign for t, sign in zip(tables, signs, strict=True)])
    successes = np.concatenate([t.successes * sign for t, sign in zip(tables, signs, strict=True)])
    unique, inverse = np.unique(keys, return_inverse=True)
    total_n = np.bincount(inverse, weights=n, minlength=len(unique))
    total_s = np.bincount(inverse, weights=successes, minlength=len(unique))
    total_n = np.rint(total_n).astype(np.int64)
    total_s = np.rint(total_s).astype(np.int64)
    if (total_n < 0).any() or (total_s < 0).any() or (total_s > total_n).any():
        raise ValueError("subtracting more people than a stratum has")
    keep = total_n > 0
    return StratumCounts(unique[keep], total_n[keep], total_s[keep])


@dataclass(frozen=True)
class EffectResult:
    """The estimate. Rates and effects are fractions (0.08 = 8 percentage points); ``None`` when there
    is nothing to estimate (no matched participant)."""

    participants: int
    matched_participants: int
    unmatched_participants: int
    comparison_rows: int  # comparison persons in matched strata (a person counts once per stratum)
    participant_rate: float | None
    comparison_rate: float | None  # weighted to the participants' mix of strata
    effect: float | None
    se: float | None
    ci_low: float | None
    ci_high: float | None
    naive_difference: float | None  # all participants' rate minus all comparison persons' rate
    confidence: float
    matched: StratumCounts  # participants of the matched strata
    matched_control: StratumCounts  # comparison persons of the same strata
    unmatched: StratumCounts  # participants of the strata without a comparison person
    notes: dict = field(default_factory=dict)


def _variance_of_mean(successes: np.ndarray, n: np.ndarray) -> np.ndarray:
    """Variance of each group's share in work (see the module text); 0.25 for a group of one."""
    n = n.astype(np.float64)
    p = (successes + 0.5) / (n + 1)
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.where(n > 1, p * (1 - p) / (n - 1), MAX_BINARY_VARIANCE)
    return v


def estimate_att_from_counts(
    treated: StratumCounts, control: StratumCounts, *, confidence: float = CONFIDENCE
) -> EffectResult:
    """The ATT from participants' and comparison persons' counts per stratum."""
    if not 0 < confidence < 1:
        raise ValueError("confidence must be between 0 and 1")
    in_control = np.isin(treated.keys, control.keys)
    matched = StratumCounts(treated.keys[in_control], treated.n[in_control], treated.successes[in_control])
    unmatched = StratumCounts(
        treated.keys[~in_control], treated.n[~in_control], treated.successes[~in_control]
    )
    position = np.searchsorted(control.keys, matched.keys)
    matched_control = StratumCounts(matched.keys, control.n[position], control.successes[position])

    participants = int(treated.n.sum())
    all_control = int(control.n.sum())
    naive = None
    if participants and all_control:
        naive = float(treated.successes.sum() / participants - control.successes.sum() / all_control)
    n_matched = int(matched.n.sum())
    result = {
        "participants": participants,
        "matched_participants": n_matched,
        "unmatched_participants": int(unmatched.n.sum()),
        "comparison_rows": int(matched_control.n.sum()),
        "naive_difference": naive,
        "confidence": confidence,
        "matched": matched,
        "matched_control": matched_control,
        "unmatched": unmatched,
    }
    if n_matched == 0:
        return EffectResult(
            participant_rate=None,
            comparison_rate=None,
            effect=None,
            se=None,
            ci_low=None,
            ci_high=None,
            **result,
        )
    w = matched.n / n_matched
    p_t = matched.successes / matched.n
    p_c = matched_control.successes / matched_control.n
    participant_rate = float((w * p_t).sum())
    comparison_rate = float((w * p_c).sum())
    effect = participant_rate - comparison_rate
    variance = (
        w**2
        * (
            _variance_of_mean(matched.successes, matched.n)
            + _variance_of_mean(matched_control.successes, matched_control.n)
        )
    ).sum()
    se = float(np.sqrt(variance))
    z = float(norm.ppf(0.5 + confidence / 2))
    return EffectResult(
        participant_rate=participant_rate,
        comparison_rate=comparison_rate,
        effect=effect,
        se=se,
        ci_low=effect - z * se,
        ci_high=effect + z * se,
        **result,
    )


def estimate_att(
    treated_keys: np.ndarray,
    treated_outcomes: np.ndarray,
    control_keys: np.ndarray,
    control_outcomes: np.ndarray,
    *,
    confidence: float = CONFIDENCE,
) -> EffectResult:
    """The ATT from one row per participant and one row per comparison person (see the module text)."""
    return estimate_att_from_counts(
        stratum_counts(treated_keys, treated_outcomes),
        stratum_counts(control_keys, control_outcomes),
        confidence=confidence,
    )


def naive_difference(treated_outcomes: np.ndarray, control_outcomes: np.ndarray) -> float:
    """Participants' rate minus everybody else's, without matching (what matching corrects)."""
    return float(np.mean(np.asarray(treated_outcomes) > 0) - np.mean(np.asarray(control_outcomes) > 0))
