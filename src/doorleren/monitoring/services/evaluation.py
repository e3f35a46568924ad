"""Rebuild the effect estimates (``EffectEstimate``): does taking part in a measure help people into
work? The method, its rules and limits: docs/monitoring-evaluation.md.

Everything is read once per refresh as columns (``values_list``): the profiles' covariates and
situation history through ``profiles.selectors``, all participations and all work starts. The
grouping is numpy (``engine.evaluation``): no Python loop per person. Comparison persons of a cohort
quarter are the same for every measure except the measure's own participants, so their counts per
stratum are made once per quarter and a measure's own participants are subtracted.
"""

from __future__ import annotations

import datetime
import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.engine import evaluation as engine
from doorleren.profiles import selectors as profiles_selectors

from ..models import EffectEstimate, MeasureParticipation, WorkStart

DEFAULT_HORIZON_MONTHS = 12
# Also reported, in ``details["other_horizons"]``: the share in work within 6 months.
SHORT_HORIZON_MONTHS = 6
MAX_HORIZON_MONTHS = 60
METHOD_VERSION = 1
# Columns of a stratum key, in this order (docs: "Vergelijkbaar: de strata").
DIMENSIONS = ("cohort", "age_band", "education", "municipality", "prior_status")


@dataclass
class _Population:
    """All residents as columns, person index = position in ``profile_ids`` (sorted)."""

    profile_ids: np.ndarray
    birth_years: np.ndarray
    education: np.ndarray
    municipality: np.ndarray  # dense codes, 0 = unknown
    municipality_ids: np.ndarray  # code → municipality id (0 = unknown)
    status_words: list[str]
    statuses: engine.History
    registered_on: np.ndarray  # first situation row (NaT: never registered one)
    work: engine.History
    # participations
    measure: np.ndarray
    person: np.ndarray
    started_on: np.ndarray
    status_at_start: np.ndarray

    @property
    def size(self) -> int:
        return len(self.profile_ids)

    def index(self, profile_ids) -> np.ndarray:
        ids = np.asarray(list(profile_ids), dtype=np.int64)
        position = np.searchsorted(self.profile_ids, ids)
        if len(ids) and (
            (position >= len(self.profile_ids)).any()
            or (self.profile_ids[np.minimum(position, len(self.profile_ids) - 1)] != ids).any()
        ):
            raise ValueError("a row refers to an unknown profile")
        return position


def _days(values) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]") if len(values) else np.zeros(0, dtype="datetime64[D]")


def _load() -> _Population:
    covariates = profiles_selectors.resident_covariates()
    profile_ids = np.asarray(covariates.profile_ids, dtype=np.int64)
    municipality, municipality_ids = engine.dense_codes(
        np.asarray([m or 0 for m in covariates.municipality_ids], dtype=np.int64)
    )
    status_words = profiles_selectors.resident_status_values()
    population = _Population(
        profile_ids=profile_ids,
        birth_years=np.asarray([year or 0 for year in covariates.birth_years], dtype=np.int64),
        education=engine.education_group(covariates.education_levels),
        municipality=municipality,
        municipality_ids=municipality_ids,
        status_words=status_words,
        statuses=engine.History(np.zeros(0), _days([])),
        registered_on=np.zeros(0, dtype="datetime64[D]"),
        work=engine.History(np.zeros(0), _days([])),
        measure=np.zeros(0, np.int64),
        person=np.zeros(0, np.int64),
        started_on=_days([]),
        status_at_start=np.zeros(0, np.int64),
    )
    history = profiles_selectors.status_history()
    population.statuses = engine.History(
        population.index(history.profile_ids),
        _days(history.changed_on),
        engine.codes_for(history.statuses, status_words),
    )
    population.registered_on = population.statuses.first_day(population.size)
    work = list(WorkStart.objects.order_by().values_list("resident_id", "started_on"))
    population.work = engine.History(population.index(r[0] for r in work), _days([r[1] for r in work]))
    rows = list(
        MeasureParticipation.objects.order_by().values_list(
            "measure_id", "resident_id", "started_on", "status_at_start"
        )
    )
    population.measure = np.asarray([r[0] for r in rows], dtype=np.int64)
    population.person = population.index(r[1] for r in rows)
    population.started_on = _days([r[2] for r in rows])
    population.status_at_start = engine.codes_for((r[3] for r in rows), status_words)
    return population


@dataclass
class _Quarter:
    """Everybody as a possible comparison person of one cohort quarter."""

    reference: np.datetime64
    window_end: np.datetime64
    eligible: np.ndarray  # registered on or before the reference date
    keys: np.ndarray
    outcome: np.ndarray
    counts: engine.StratumCounts


class _Run:
    """One horizon over the whole population: per-quarter comparison tables are cached."""

    def __init__(self, population: _Population, *, today: datetime.date, horizon: int):
        self.p = population
        self.today = np.datetime64(today, "D")
        self.horizon = horizon
        self.quarters: dict[int, _Quarter] = {}
        quarters = engine.quarter_index(population.started_on)
        self.first_quarter = int(quarters.min()) if len(quarters) else 0
        self.sizes = (
            int(quarters.max()) - self.first_quarter + 1 if len(quarters) else 1,
            engine.AGE_BAND_COUNT,
            engine.EDUCATION_GROUP_COUNT,
            len(population.municipality_ids),
            len(population.status_words) + 1,
        )

    def keys(self, person, quarter, reference, status) -> np.ndarray:
        reference_year = reference.astype("datetime64[Y]").astype(np.int64) + 1970
        return engine.stratum_keys(
            [
                np.asarray(quarter, dtype=np.int64) - self.first_quarter,
                engine.age_band(self.p.birth_years[person], reference_year),
                self.p.education[person],
                self.p.municipality[person],
                status,
            ],
            self.sizes,
        )

    def quarter(self, q: int) -> _Quarter:
        if q not in self.quarters:
            everyone = np.arange(self.p.size)
            reference = engine.quarter_middle(q)
            window_end = engine.add_months(np.array([reference]), self.horizon)[0]
            references = np.full(self.p.size, reference, dtype="datetime64[D]")
            eligible = ~np.isnat(self.p.registered_on) & (self.p.registered_on <= reference)
            status = self.p.statuses.value_on(everyone, references)
            keys = self.keys(everyone, np.full(self.p.size, q), references, status)
            outcome = self.p.work.count_between(everyone, references, np.full(self.p.size, window_end)) > 0
            self.quarters[q] = _Quarter(
                reference=reference,
                window_end=window_end,
                eligible=eligible,
                keys=keys,
                outcome=outcome,
                counts=engine.stratum_counts(keys[eligible], outcome[eligible]),
            )
        return self.quarters[q]

    def measure(self, measure_id: int) -> dict:
        p = self.p
        rows = p.measure == measure_id
        person, started = p.person[rows], p.started_on[rows]
        quarter = engine.quarter_index(started)
        # Follow-up is complete when the window of the participant and of their comparison group ended.
        latest = np.maximum(started, engine.quarter_middle(quarter))
        complete = engine.add_months(latest, self.horizon) <= self.today
        total = int(rows.sum())
        person_t, started_t, quarter_t = person[complete], started[complete], quarter[complete]
        status = p.statuses.value_on(person_t, started_t)
        status = np.where(status > 0, status, p.status_at_start[rows][complete])
        keys_t = self.keys(person_t, quarter_t, started_t, status)
        window_end_t = engine.add_months(started_t, self.horizon)
        outcome_t = p.work.count_between(person_t, started_t, window_end_t) > 0
        treated = engine.stratum_counts(keys_t, outcome_t)

        tables, signs = [], []
        used = np.zeros(p.size, dtype=bool)
        excluded_by_quarter = {}
        for q in np.unique(quarter_t).tolist():
            comparison = self.quarter(q)
            # Not a comparison person: whoever took part in this measure up to the window's end.
            excluded = np.unique(person[started <= comparison.window_end])
            excluded = excluded[comparison.eligible[excluded]]
            excluded_by_quarter[q] = excluded
            tables += [
                comparison.counts,
                engine.stratum_counts(comparison.keys[excluded], comparison.outcome[excluded]),
            ]
            signs += [1, -1]
        control = (
            engine.combine_counts(*tables, signs=tuple(signs)) if tables else engine.StratumCounts.empty()
        )
        result = engine.estimate_att_from_counts(treated, control)
        for q, excluded in excluded_by_quarter.items():
            comparison = self.quarter(q)
            chosen = comparison.eligible & np.isin(comparison.keys, result.matched.keys)
            chosen[excluded] = False
            used |= chosen
        comparison_persons = int(used.sum())
        matched_rows = np.isin(keys_t, result.matched.keys)
        verdict = engine.verdict_for(
            matched_participants=result.matched_participants,
            comparison_persons=comparison_persons,
            ci_low=result.ci_low,
            ci_high=result.ci_high,
        )
        return {
            "measure_id": measure_id,
            "horizon_months": self.horizon,
            "participants": int(complete.sum()),
            "participants_total": total,
            "participants_waiting": total - int(complete.sum()),
            "matched_participants": result.matched_participants,
            "unmatched_participants": result.unmatched_participants,
            "unmatched_strata": len(result.unmatched),
            "matched_strata": len(result.matched),
            "comparison_persons": comparison_persons,
            "comparison_rows": result.comparison_rows,
            "participant_rate": result.participant_rate,
            "comparison_rate": result.comparison_rate,
            "effect": result.effect,
            "se": result.se,
            "ci_low": result.ci_low,
            "ci_high": result.ci_high,
            "naive_difference": result.naive_difference,
            "overlap_participants": self._overlap(
                measure_id, person_t[matched_rows], window_end_t[matched_rows]
            ),
            "verdict": verdict,
            "by": self._by_dimension(result),
        }

    def _overlap(self, measure_id: int, person: np.ndarray, window_end: np.ndarray) -> int:
        """Matched participants who also took part in another measure before their window ended."""
        p = self.p
        other = p.measure != measure_id
        if not other.any() or not len(person):
            return 0
        first_other = np.full(p.size, np.datetime64("9999-12-31"), dtype="datetime64[D]")
        np.minimum.at(first_other, p.person[other], p.started_on[other])
        return int((first_other[person] <= window_end).sum())

    def _by_dimension(self, result: engine.EffectResult) -> dict:
        """Per value of each dimension: matched participants, comparison persons (counted per
        stratum), their shares in work, the comparison share weighted to the participants' mix."""
        columns = engine.split_keys(result.matched.keys, self.sizes)
        n_t = result.matched.n
        s_t = result.matched.successes
        n_c = result.matched_control.n
        p_c = result.matched_control.successes / np.maximum(n_c, 1)
        by: dict[str, list[dict]] = {}
        for name, codes in zip(DIMENSIONS, columns, strict=True):
            rows = []
            for code in np.unique(codes).tolist():
                here = codes == code
                participants = int(n_t[here].sum())
                rows.append(
                    {
                        "value": self._dimension_value(name, code),
                        "participants": participants,
                        "comparison": int(n_c[here].sum()),
                        "participant_rate": float(s_t[here].sum() / participants),
                        "comparison_rate": float((n_t[here] * p_c[here]).sum() / participants),
                    }
                )
            by[name] = rows
        return by

    def _dimension_value(self, name: str, code: int):
        if name == "cohort":
            return str(engine.quarter_start(code + self.first_quarter))
        if name == "municipality":
            return int(self.p.municipality_ids[code]) or None
        if name == "prior_status":
            return self.p.status_words[code - 1] if code else ""
        return int(code)


def _json_number(value):
    if value is None:
        return None
    return round(float(value), 6)


def effect_estimates_refresh(
    *, today: datetime.date | None = None, horizon_months: int = DEFAULT_HORIZON_MONTHS
) -> dict:
    """Compute and store the effect estimate of every measure with participants; remove the others.

    ``horizon_months``: in work within this many months after the start (1-60, default 12); the
    6-month figure is computed too and kept in ``details["other_horizons"]``. Returns counts: measures
    estimated, estimates removed, verdicts, seconds taken.
    """
    if (
        isinstance(horizon_months, bool)
        or not isinstance(horizon_months, int)
        or not (1 <= horizon_months <= MAX_HORIZON_MONTHS)
    ):
        raise ApplicationError(
            _("Kies een termijn van 1 tot en met %(max)s maanden.") % {"max": MAX_HORIZON_MONTHS},
            code="bad_horizon",
        )
    started = time.perf_counter()
    today = today or timezone.localdate()
    population = _load()
    measure_ids = np.unique(population.measure).tolist()
    horizons = [horizon_months] + ([SHORT_HORIZON_MONTHS] if horizon_months != SHORT_HORIZON_MONTHS else [])
    runs = [_Run(population, today=today, horizon=h) for h in horizons]
    computed_at = timezone.now()
    estimates = []
    verdicts: dict[str, int] = {}
    for measure_id in measure_ids:
        main, *others = (run.measure(measure_id) for run in runs)
        verdicts[main["verdict"]] = verdicts.get(main["verdict"], 0) + 1
        estimates.append(
            EffectEstimate(
                measure_id=measure_id,
                computed_at=computed_at,
                horizon_months=horizon_months,
                participants=main["participants"],
                matched_participants=main["matched_participants"],
                comparison_persons=main["comparison_persons"],
                participant_rate=main["participant_rate"],
                comparison_rate=main["comparison_rate"],
                effect=main["effect"],
                ci_low=main["ci_low"],
                ci_high=main["ci_high"],
                verdict=main["verdict"],
                details=_details(main, others, today=today),
            )
        )
    with transaction.atomic():
        removed = EffectEstimate.objects.exclude(measure_id__in=measure_ids).count()
        EffectEstimate.objects.all().delete()
        EffectEstimate.objects.bulk_create(estimates)
    return {
        "estimates": len(estimates),
        "removed": removed,
        "verdicts": verdicts,
        "horizon_months": horizon_months,
        "today": today.isoformat(),
        "seconds": round(time.perf_counter() - started, 3),
    }


_SUMMARY = (
    "participants",
    "matched_participants",
    "comparison_persons",
    "participant_rate",
    "comparison_rate",
    "effect",
    "ci_low",
    "ci_high",
    "verdict",
)


def _details(main: dict, others: list[dict], *, today: datetime.date) -> dict:
    floats = {"participant_rate", "comparison_rate", "effect", "se", "ci_low", "ci_high", "naive_difference"}
    details = {
        key: (_json_number(value) if key in floats else value)
        for key, value in main.items()
        if key not in {"measure_id", "by", *_SUMMARY}
    }
    details.update(
        {
            "method_version": METHOD_VERSION,
            "today": today.isoformat(),
            "dimensions": list(DIMENSIONS),
            "by": {
                name: [
                    {
                        **row,
                        "participant_rate": _json_number(row["participant_rate"]),
                        "comparison_rate": _json_number(row["comparison_rate"]),
                    }
                    for row in rows
                ]
                for name, rows in main["by"].items()
            },
            "other_horizons": [
                {
                    "horizon_months": other["horizon_months"],
                    **{key: (_json_number(other[key]) if key in floats else other[key]) for key in _SUMMARY},
                }
                for other in others
            ],
        }
    )
    return details
