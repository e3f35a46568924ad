"""Rebuild the platform outcomes (``OutcomeFigure``) from what the platform records (docs/monitoring.md,
"Uitkomsten").

One run reads plain columns of every resident, participation, enrolment, payment, competency with
proof and work start (through the owning apps' selectors), counts them in numpy per period (quarter,
year, all years), measure (or all), municipality (or the region) and target group (or all), and
replaces all figures in one transaction. Each figure keeps the number of different residents
behind it, so pages can apply the small-cell rule for any period they show.

Definitions (the page texts say the same in plain Dutch):

- ``reached``: residents who started taking part (in the measure; for "all measures": their first
  measure), counted in the period they started.
- ``routes_started`` / ``routes_completed``: modules begun / completed (by start date / by the day
  they were completed). For a measure: those of its participants from the day they joined.
- ``competencies_gained``: competencies with proof (diploma, certificate, employer or host statement),
  gained since the resident came to the platform (their first recorded situation).
- ``cohort_6m``/``cohort_12m``: participants whose first 6/12 months have passed, counted in the
  period they started; ``work_6m``/``work_12m``: those of them who started work within 6/12 months.
- ``work_started``: all starts in work (all residents; only for "all measures").
- ``spent_cents``: money paid to providers from budgets; for a measure: from budgets of its
  grant rules.
- The target group of a figure is the resident's situation (worker, job seeker, student) on the day
  of the event; the municipality is where the resident lives now (mapped to the current
  municipality).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from doorleren.enrolments import selectors as enrolments_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.region import selectors as region_selectors

from ..models import (
    ALL_PERIODS_START,
    MeasureParticipation,
    Metric,
    OutcomeFigure,
    PeriodKind,
    TargetGroup,
    WorkStart,
)

EPOCH = dt.date(1970, 1, 1)
# Target groups as small integers (0 = all / unknown).
TG_CODES = {value: index + 1 for index, value in enumerate(TargetGroup.values)}
TG_VALUES = {code: value for value, code in TG_CODES.items()}
ALL_PERIODS_DAY = (dt.date.fromisoformat(ALL_PERIODS_START) - EPOCH).days
BATCH = 5_000


@dataclass
class Facts:
    """One row per counted thing: who, when (days since 1970), how much, for which measure (0: the
    figures of all measures), the target group code and the municipality id (0 unknown)."""

    pid: np.ndarray
    day: np.ndarray
    value: np.ndarray
    measure: np.ndarray
    tg: np.ndarray
    muni: np.ndarray

    @classmethod
    def empty(cls) -> Facts:
        z = np.zeros(0, dtype=np.int64)
        return cls(z, z, z, z, z, z)


def _days(dates) -> np.ndarray:
    return np.fromiter(((d - EPOCH).days for d in dates), dtype=np.int64)


def _months_later(days: np.ndarray, months: int) -> np.ndarray:
    """The same day ``months`` later (the last day of the month when it does not exist)."""
    as_dates = days.astype("datetime64[D]")
    month = as_dates.astype("datetime64[M]")
    day_in_month = (as_dates - month.astype("datetime64[D]")).astype(np.int64)
    target = month + np.timedelta64(months, "M")
    last = ((target + np.timedelta64(1, "M")).astype("datetime64[D]") - np.timedelta64(1, "D")).astype(
        np.int64
    )
    start = target.astype("datetime64[D]").astype(np.int64)
    return np.minimum(start + day_in_month, last)


def _period_start(days: np.ndarray, kind: str) -> np.ndarray:
    as_dates = days.astype("datetime64[D]")
    if kind == PeriodKind.QUARTER:
        months = as_dates.astype("datetime64[M]").astype(np.int64)
        return (months - months % 3).astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    if kind == PeriodKind.YEAR:
        return as_dates.astype("datetime64[Y]").astype("datetime64[D]").astype(np.int64)
    return np.full(len(days), ALL_PERIODS_DAY, dtype=np.int64)


class _Residents:
    """Profiles, their current municipality and their situation on any day."""

    def __init__(self) -> None:
        rows = profiles_selectors.residents_for_monitoring()
        self.pid = np.array([r[0] for r in rows], dtype=np.int64)
        raw_munis = {r[2] for r in rows if r[2] is not None}
        current = region_selectors.municipality_current_ids(municipality_ids=raw_munis) if raw_munis else {}
        size = int(self.pid.max()) + 1 if len(self.pid) else 1
        self.muni_of = np.zeros(size, dtype=np.int64)
        self.status_now = np.zeros(size, dtype=np.int64)
        for pid, _user, muni, status in rows:
            self.muni_of[pid] = current.get(muni, muni) if muni is not None else 0
            self.status_now[pid] = TG_CODES.get(status, 0)
        self.pid_of_user = {user: pid for pid, user, _muni, _status in rows}
        changes = profiles_selectors.status_changes_for_monitoring()
        self.sc_key = np.array(
            [pid * 1_000_000 + (on - EPOCH).days for pid, on, _s in changes], dtype=np.int64
        )
        self.sc_pid = np.array([pid for pid, _on, _s in changes], dtype=np.int64)
        self.sc_status = np.array([TG_CODES.get(s, 0) for _p, _on, s in changes], dtype=np.int64)

    def registered_on(self, pid: np.ndarray) -> np.ndarray:
        """The day of each resident's first recorded situation (days since 1970; 0 when unknown)."""
        result = np.zeros(len(pid), dtype=np.int64)
        if not len(pid) or not len(self.sc_pid):
            return result
        first = np.searchsorted(self.sc_pid, pid, side="left")
        known = (first < len(self.sc_pid)) & (self.sc_pid[np.clip(first, 0, len(self.sc_pid) - 1)] == pid)
        result[known] = self.sc_key[first[known]] - pid[known] * 1_000_000
        return result

    def users_to_pids(self, users) -> np.ndarray:
        get = self.pid_of_user.get
        return np.fromiter((get(u, -1) for u in users), dtype=np.int64)

    def status_on(self, pid: np.ndarray, day: np.ndarray) -> np.ndarray:
        """Situation on ``day`` (the last change on or before it; the first known one before that)."""
        if not len(pid):
            return np.zeros(0, dtype=np.int64)
        if not len(self.sc_key):
            return self.status_now[pid]
        idx = np.searchsorted(self.sc_key, pid * 1_000_000 + day, side="right") - 1
        found = (idx >= 0) & (self.sc_pid[np.clip(idx, 0, None)] == pid)
        # Before the first recorded change: the first situation the resident gave.
        first = np.searchsorted(self.sc_pid, pid, side="left")
        has_any = (first < len(self.sc_pid)) & (self.sc_pid[np.clip(first, 0, len(self.sc_pid) - 1)] == pid)
        result = self.status_now[pid].copy()
        result[has_any] = self.sc_status[first[has_any]]
        result[found] = self.sc_status[idx[found]]
        return result

    def facts(self, pid, day, value, measure=None) -> Facts:
        pid = np.asarray(pid, dtype=np.int64)
        keep = pid >= 0
        pid, day, value = (
            pid[keep],
            np.asarray(day, dtype=np.int64)[keep],
            np.asarray(value, dtype=np.int64)[keep],
        )
        measure = (
            np.zeros(len(pid), dtype=np.int64)
            if measure is None
            else np.asarray(measure, dtype=np.int64)[keep]
        )
        return Facts(pid, day, value, measure, self.status_on(pid, day), self.muni_of[pid])


class _Participations:
    def __init__(self) -> None:
        rows = list(
            MeasureParticipation.objects.order_by("resident_id", "started_on", "pk").values_list(
                "resident_id", "measure_id", "started_on"
            )
        )
        self.pid = np.array([r[0] for r in rows], dtype=np.int64)
        self.measure = np.array([r[1] for r in rows], dtype=np.int64)
        self.day = _days(r[2] for r in rows)

    def first_per_resident(self) -> tuple[np.ndarray, np.ndarray]:
        """(pid, day) of each resident's first participation (rows are sorted by resident and date)."""
        if not len(self.pid):
            return self.pid, self.day
        first = np.r_[True, self.pid[1:] != self.pid[:-1]]
        return self.pid[first], self.day[first]

    def attribute(self, pid: np.ndarray, day: np.ndarray, value: np.ndarray):
        """Each event once per measure its resident joined on or before the event's day."""
        lo = np.searchsorted(self.pid, pid, side="left")
        hi = np.searchsorted(self.pid, pid, side="right")
        counts = hi - lo
        event = np.repeat(np.arange(len(pid)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        part = np.repeat(lo, counts) + offsets
        keep = self.day[part] <= day[event]
        event, part = event[keep], part[keep]
        return pid[event], day[event], value[event], self.measure[part]


def _work_within(work_key: np.ndarray, pid: np.ndarray, start: np.ndarray, months: int) -> np.ndarray:
    """1 where the resident started work after ``start`` and within ``months`` months."""
    end = _months_later(start, months)
    base = pid * 1_000_000
    n = np.searchsorted(work_key, base + end, side="right") - np.searchsorted(
        work_key, base + start, side="right"
    )
    return (n > 0).astype(np.int64)


def _concat(parts: list[Facts]) -> Facts:
    parts = [p for p in parts if len(p.pid)]
    if not parts:
        return Facts.empty()
    return Facts(
        *(
            np.concatenate([getattr(p, f) for p in parts])
            for f in ("pid", "day", "value", "measure", "tg", "muni")
        )
    )


def _aggregate(facts: Facts, *, value_is_persons: bool) -> list[tuple[str, int, int, int, int, int, int]]:
    """(period kind, period day, measure, municipality, target group, value, persons) per cell, with the
    municipality and the target group also rolled up to "all" (0). Facts with an unknown municipality
    or target group (0) count only in the roll-ups."""
    out: list[tuple[str, int, int, int, int, int, int]] = []
    if not len(facts.pid):
        return out
    width = int(facts.pid.max()) + 1
    zeros = np.zeros_like(facts.muni)
    for kind in PeriodKind.values:
        period = _period_start(facts.day, kind)
        for rolled_muni in (False, True):
            for rolled_tg in (False, True):
                muni = zeros if rolled_muni else facts.muni
                tg = zeros if rolled_tg else facts.tg
                keep = np.ones(len(muni), dtype=bool)
                if not rolled_muni:
                    keep &= muni != 0
                if not rolled_tg:
                    keep &= tg != 0
                key = ((((period[keep] << 24) | facts.measure[keep]) << 16 | muni[keep]) << 4) | tg[keep]
                if not len(key):
                    continue
                groups, inverse = np.unique(key, return_inverse=True)
                inverse = inverse.reshape(-1).astype(np.int64)
                pairs = np.unique(inverse * width + facts.pid[keep])
                persons = np.bincount(pairs // width, minlength=len(groups))
                if value_is_persons:
                    values = persons
                else:
                    values = np.bincount(inverse, weights=facts.value[keep], minlength=len(groups))
                for g, v, n in zip(groups.tolist(), values.tolist(), persons.tolist(), strict=True):
                    out.append(
                        (kind, g >> 44, (g >> 20) & 0xFFFFFF, (g >> 4) & 0xFFFF, g & 0xF, int(v), int(n))
                    )
    return out


def outcomes_compute(*, today: dt.date | None = None) -> dict[str, list[tuple]]:
    """All outcome cells per metric, without writing them (``outcomes_refresh`` writes)."""
    today = today or timezone.localdate()
    today_day = (today - EPOCH).days
    residents = _Residents()
    parts = _Participations()
    measure_rules = _measure_rules()

    work_rows = list(
        WorkStart.objects.order_by("resident_id", "started_on").values_list("resident_id", "started_on")
    )
    work_pid = np.array([r[0] for r in work_rows], dtype=np.int64)
    work_day = _days(r[1] for r in work_rows)
    work_key = np.sort(work_pid * 1_000_000 + work_day)

    facts: dict[str, tuple[Facts, bool]] = {}

    # Reached: each participation; for all measures, each resident's first.
    first_pid, first_day = parts.first_per_resident()
    facts[Metric.REACHED] = (
        _concat(
            [
                residents.facts(first_pid, first_day, np.ones(len(first_pid))),
                residents.facts(parts.pid, parts.day, np.ones(len(parts.pid)), parts.measure),
            ]
        ),
        True,
    )

    # Cohorts and work within 6 / 12 months of the start.
    for months, cohort_metric, work_metric in (
        (6, Metric.COHORT_6M, Metric.WORK_6M),
        (12, Metric.COHORT_12M, Metric.WORK_12M),
    ):
        cohort_sets, work_sets = [], []
        for pid, day, measure in ((first_pid, first_day, None), (parts.pid, parts.day, parts.measure)):
            done = _months_later(day, months) <= today_day
            pid_d, day_d = pid[done], day[done]
            measure_d = None if measure is None else measure[done]
            in_work = (
                _work_within(work_key, pid_d, day_d, months) if len(pid_d) else np.zeros(0, dtype=np.int64)
            )
            cohort_sets.append(residents.facts(pid_d, day_d, np.ones(len(pid_d)), measure_d))
            worked = in_work == 1
            work_sets.append(
                residents.facts(
                    pid_d[worked],
                    day_d[worked],
                    np.ones(int(worked.sum())),
                    None if measure_d is None else measure_d[worked],
                )
            )
        facts[cohort_metric] = (_concat(cohort_sets), True)
        facts[work_metric] = (_concat(work_sets), True)

    facts[Metric.WORK_STARTED] = (residents.facts(work_pid, work_day, np.ones(len(work_pid))), False)

    # Modules begun and completed.
    enrolments = enrolments_selectors.enrolments_for_monitoring()
    e_pid = residents.users_to_pids(r[0] for r in enrolments)
    e_start = _days(r[1] for r in enrolments)
    started = e_start <= today_day
    facts[Metric.ROUTES_STARTED] = (_with_measures(residents, parts, e_pid[started], e_start[started]), False)
    done = [i for i, r in enumerate(enrolments) if r[3] and r[2] is not None]
    d_pid = e_pid[done] if done else np.zeros(0, dtype=np.int64)
    d_day = _days(enrolments[i][2] for i in done)
    facts[Metric.ROUTES_COMPLETED] = (_with_measures(residents, parts, d_pid, d_day), False)

    gained = profiles_selectors.competencies_gained_for_monitoring()
    g_pid = np.array([r[0] for r in gained], dtype=np.int64)
    g_day = _days(r[1] for r in gained)
    since = g_day >= residents.registered_on(g_pid)  # a diploma from before the platform is not "gained"
    g_pid, g_day = g_pid[since], g_day[since]
    facts[Metric.COMPETENCIES_GAINED] = (_with_measures(residents, parts, g_pid, g_day), False)

    # Money paid to providers; for a measure: from budgets of its grant rules.
    payments = enrolments_selectors.payments_for_monitoring()
    p_pid = residents.users_to_pids(r[0] for r in payments)
    p_day = _days(r[1] for r in payments)
    p_cents = np.array([r[2] for r in payments], dtype=np.int64)
    per_measure = [(i, measure) for i, r in enumerate(payments) for measure in measure_rules.get(r[3], ())]
    idx = np.array([i for i, _m in per_measure], dtype=np.int64)
    facts[Metric.SPENT_CENTS] = (
        _concat(
            [
                residents.facts(p_pid, p_day, p_cents),
                residents.facts(
                    p_pid[idx],
                    p_day[idx],
                    p_cents[idx],
                    np.array([m for _i, m in per_measure], dtype=np.int64),
                ),
            ]
        ),
        False,
    )

    return {metric: _aggregate(f, value_is_persons=persons) for metric, (f, persons) in facts.items()}


def _with_measures(residents: _Residents, parts: _Participations, pid: np.ndarray, day: np.ndarray) -> Facts:
    keep = pid >= 0
    pid, day = pid[keep], day[keep]
    ones = np.ones(len(pid), dtype=np.int64)
    m_pid, m_day, m_value, m_measure = parts.attribute(pid, day, ones)
    return _concat([residents.facts(pid, day, ones), residents.facts(m_pid, m_day, m_value, m_measure)])


def _measure_rules() -> dict[int, list[int]]:
    from ..models import Measure

    through = Measure.grant_rules.through
    rules: dict[int, list[int]] = {}
    for measure_id, rule_id in through.objects.values_list("measure_id", "grantrule_id"):
        rules.setdefault(rule_id, []).append(measure_id)
    return rules


def outcomes_refresh(*, today: dt.date | None = None) -> dict[str, int | float]:
    """Replace all ``OutcomeFigure`` rows by a fresh count; returns counts and seconds."""
    started = time.monotonic()
    cells = outcomes_compute(today=today)
    rows = [
        OutcomeFigure(
            period_kind=kind,
            period_start=EPOCH + dt.timedelta(days=int(day)),
            measure_id=measure or None,
            municipality_id=muni or None,
            target_group=TG_VALUES.get(tg, ""),
            metric=metric,
            value=value,
            persons=persons,
        )
        for metric, metric_cells in cells.items()
        for kind, day, measure, muni, tg, value, persons in metric_cells
    ]
    with transaction.atomic():
        OutcomeFigure.objects.all().delete()
        for start in range(0, len(rows), BATCH):
            OutcomeFigure.objects.bulk_create(rows[start : start + BATCH])
    return {"figures": len(rows), "seconds": round(time.monotonic() - started, 1)}
