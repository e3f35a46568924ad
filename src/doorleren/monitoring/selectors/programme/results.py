"""A measure's results and aims in short: results per activity and year, its targets as people
write the numbers, and the effect estimate in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ...models import Activity, ActivityResult, Measure, MeasureTarget, Verdict

# A table of results per year shows at most this many years.
YEARS_MAX = 12
RUN_YEARS = 4


# --- results per year -------------------------------------------------------------------------------


@dataclass
class ResultRow:
    activity: Activity
    cells: list[list[ActivityResult]]


@dataclass
class ResultsTable:
    years: list[int]
    rows: list[ResultRow]

    @property
    def has_results(self) -> bool:
        return any(cell for row in self.rows for cell in row.cells)


def measure_years(*, measure: Measure) -> list[int]:
    """The years of the measure's run (four years from the start when it has no end)."""
    first = measure.starts_on.year
    last = measure.ends_on.year if measure.ends_on else first + RUN_YEARS - 1
    return list(range(first, min(last, first + YEARS_MAX - 1) + 1))


def measure_results_by_year(*, measure: Measure) -> ResultsTable:
    """Activities × years: the results of each activity in each year of the measure's run, plus any
    year outside the run that has a result."""
    activities = list(
        Activity.objects.filter(measure=measure)
        .order_by("starts_on", "id")
        .prefetch_related(Prefetch("results", queryset=ActivityResult.objects.order_by("year", "id")))
    )
    years = set(measure_years(measure=measure))
    for activity in activities:
        years.update(result.year for result in activity.results.all())
    ordered = sorted(years)[:YEARS_MAX] if len(years) > YEARS_MAX else sorted(years)
    rows = []
    for activity in activities:
        by_year: dict[int, list[ActivityResult]] = {}
        for result in activity.results.all():
            by_year.setdefault(result.year, []).append(result)
        rows.append(ResultRow(activity=activity, cells=[by_year.get(year, []) for year in ordered]))
    return ResultsTable(years=ordered, rows=rows)


# --- the effect estimate in short -------------------------------------------------------------------

SMALL_CELL = 10


@dataclass
class EstimateSummary:
    effect: str
    interval: str
    participants: str
    verdict: str
    computed_at: dt.datetime | None


def _points(value: float | None) -> str:
    if value is None:
        return _("onbekend")
    return _("%(sign)s%(value)s procentpunt") % {
        "sign": "+" if value > 0 else "",
        "value": number_format(round(value * 100, 1), decimal_pos=1),
    }


def estimate_summary(*, estimate: dict[str, Any] | Any | None) -> EstimateSummary | None:
    """The effect estimate (an ``EffectEstimate`` or the JSON copy kept with a judgement) in words:
    the effect on work within 12 months in percentage points, its interval, the number of
    participants (fewer than 10 is never shown as a number) and the verdict."""
    if estimate is None:
        return None
    read = estimate.get if isinstance(estimate, dict) else lambda key: getattr(estimate, key, None)
    participants = read("participants") or 0
    verdict = read("verdict")
    computed_at = read("computed_at")
    if isinstance(computed_at, str):
        try:
            computed_at = dt.datetime.fromisoformat(computed_at)
        except ValueError:
            computed_at = None
    low, high = read("ci_low"), read("ci_high")
    return EstimateSummary(
        effect=_points(read("effect")),
        interval=(
            _("van %(low)s tot %(high)s") % {"low": _points(low), "high": _points(high)}
            if low is not None and high is not None
            else _("onbekend")
        ),
        participants=(
            _("minder dan %(n)d") % {"n": SMALL_CELL}
            if participants < SMALL_CELL
            else number_format(participants, force_grouping=True)
        ),
        verdict=str(Verdict(verdict).label) if verdict in Verdict.values else _("onbekend"),
        computed_at=computed_at,
    )


def number_text(*, value) -> str:
    """A target value as people write it: ``Decimal("66.5000")`` → "66,5", 345000 → "345.000"."""
    normalized = value.normalize() if hasattr(value, "normalize") else value
    exponent = normalized.as_tuple().exponent if hasattr(normalized, "as_tuple") else 0
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return number_format(normalized, decimal_pos=decimals, force_grouping=True)


@dataclass
class TargetRow:
    target: MeasureTarget
    value: str


def measure_targets(*, measure: Measure) -> list[TargetRow]:
    return [
        TargetRow(target=target, value=number_text(value=target.target_value))
        for target in sorted(measure.targets.all(), key=lambda t: (t.target_year, t.indicator.position, t.pk))
    ]
