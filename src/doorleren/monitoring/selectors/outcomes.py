"""Read the platform outcomes (``OutcomeFigure``, rebuilt by ``services.outcomes.outcomes_refresh``) with
the small-cell rule applied (docs/monitoring.md, "Uitkomsten").

Every figure reaches a page, a chart, an export or the API as a ``Figure``: ``state`` is ``shown``
(``value`` is exact), ``small`` (fewer than ``SMALL_CELL`` persons behind it: "minder dan 10"),
``hidden`` (enough persons, but showing it would give a small cell away by subtraction from the
total) or ``none`` (nothing recorded). Only ``shown`` figures carry a value.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ..models import ALL_PERIODS_START, Measure, Metric, OutcomeFigure, PeriodKind, TargetGroup

# CBS's rule: a count of fewer than 10 persons is never shown (same as web/start_pages.py).
SMALL_CELL = 10
ALL_START = dt.date.fromisoformat(ALL_PERIODS_START)
# Metrics in cents (shown in euro).
MONEY_METRICS = frozenset({Metric.SPENT_CENTS})
# Share in work: (numerator, denominator).
RATES = {
    "work_rate_6m": (Metric.WORK_6M, Metric.COHORT_6M),
    "work_rate_12m": (Metric.WORK_12M, Metric.COHORT_12M),
}
RATE_LABELS = {
    "work_rate_6m": gettext_lazy("Deel van de deelnemers dat binnen 6 maanden werk vond"),
    "work_rate_12m": gettext_lazy("Deel van de deelnemers dat binnen 12 maanden werk vond"),
}
# The figures a dashboard shows first, in this order.
MAIN_METRICS = (
    Metric.REACHED,
    Metric.ROUTES_STARTED,
    Metric.ROUTES_COMPLETED,
    Metric.COMPETENCIES_GAINED,
    Metric.WORK_6M,
    Metric.WORK_12M,
    Metric.SPENT_CENTS,
)


@dataclass(frozen=True)
class Figure:
    state: str  # shown | small | hidden | none
    value: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == "shown"

    def text(self, *, money: bool = False) -> str:
        """The figure as a Dutch reader sees it."""
        if self.state == "small":
            return _("minder dan %(n)s") % {"n": SMALL_CELL}
        if self.state == "hidden":
            return _("niet getoond")
        if self.state == "none" or self.value is None:
            return "–"
        if money:
            return "€ " + _thousands(self.value // 100)
        return _thousands(self.value)

    def export(self) -> int | str:
        """For CSV and XLSX: the number, or a short marker CBS also uses."""
        if self.state == "shown" and self.value is not None:
            return self.value
        return {"small": f"<{SMALL_CELL}", "hidden": "x"}.get(self.state, "")


def _thousands(value: int) -> str:
    return f"{value:,}".replace(",", ".")


NONE = Figure("none")
SMALL = Figure("small")
HIDDEN = Figure("hidden")


def figure_from(value: int | None, persons: int | None) -> Figure:
    if value is None or persons is None:
        return NONE
    if persons < SMALL_CELL:
        return SMALL
    return Figure("shown", int(value))


@dataclass(frozen=True)
class Rate:
    """A share (numerator / denominator) shown only when both counts pass the small-cell rule."""

    state: str
    numerator: int | None = None
    denominator: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == "shown"

    @property
    def fraction(self) -> float | None:
        if not self.shown or not self.denominator:
            return None
        return self.numerator / self.denominator

    def text(self) -> str:
        if self.state == "small":
            return _("minder dan %(n)s personen") % {"n": SMALL_CELL}
        if not self.shown or not self.denominator:
            return "–"
        return f"{100 * self.numerator / self.denominator:.0f}%".replace(".", ",")


def rate_from(numerator: Figure, denominator: Figure) -> Rate:
    if denominator.state == "none" or (denominator.value == 0 and denominator.shown):
        return Rate("none")
    if numerator.state == "none" and denominator.shown:
        return Rate("small")  # nobody in work, but fewer than 10 is never shown, 0 neither
    if not (numerator.shown and denominator.shown):
        return Rate("small")
    return Rate("shown", numerator.value, denominator.value)


# --- periods -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    kind: str
    start: dt.date

    @property
    def param(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year}-K{(self.start.month - 1) // 3 + 1}"
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return "alle"

    @property
    def label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return _("%(year)s kwartaal %(q)s") % {
                "year": self.start.year,
                "q": (self.start.month - 1) // 3 + 1,
            }
        if self.kind == PeriodKind.YEAR:
            return str(self.start.year)
        return _("alle jaren")

    @property
    def short_label(self) -> str:
        if self.kind == PeriodKind.QUARTER:
            return f"{self.start.year} K{(self.start.month - 1) // 3 + 1}"
        return self.label


ALL_YEARS = Period(PeriodKind.ALL, ALL_START)
_PERIOD_RE = re.compile(r"^(?:(?P<year>\d{4})(?:-[Kk](?P<q>[1-4]))?|alle)$")


def periods_available() -> list[Period]:
    """Years and quarters that have figures, newest first, then "alle jaren"."""
    starts = (
        OutcomeFigure.objects.filter(period_kind__in=[PeriodKind.YEAR, PeriodKind.QUARTER])
        .order_by()
        .values_list("period_kind", "period_start")
        .distinct()
    )
    periods = sorted(
        {Period(kind, start) for kind, start in starts},
        key=lambda p: (p.start, p.kind == PeriodKind.QUARTER),
        reverse=True,
    )
    return [*periods, ALL_YEARS] if periods else []


def period_default() -> Period:
    """The last full calendar year with figures; else the latest year; else all years."""
    years = sorted(
        OutcomeFigure.objects.filter(period_kind=PeriodKind.YEAR)
        .order_by()
        .values_list("period_start", flat=True)
        .distinct()
    )
    if not years:
        return ALL_YEARS
    this_year = dt.date.today().year
    full = [y for y in years if y.year < this_year]
    return Period(PeriodKind.YEAR, (full or years)[-1])


def period_parse(value: str | None) -> Period:
    """``2026``, ``2026-K3`` or ``alle``; empty: ``period_default()``. Anything else: a 400."""
    if not value:
        return period_default()
    match = _PERIOD_RE.match(value.strip())
    if not match:
        raise ApplicationError(
            _("Kies een periode als 2026, 2026-K3 of alle."), code="monitoring_period_invalid", status=400
        )
    if value.strip() == "alle":
        return ALL_YEARS
    year = int(match["year"])
    if not 2000 <= year <= 2100:
        raise ApplicationError(
            _("Kies een jaar tussen 2000 en 2100."), code="monitoring_period_invalid", status=400
        )
    if match["q"]:
        return Period(PeriodKind.QUARTER, dt.date(year, 3 * (int(match["q"]) - 1) + 1, 1))
    return Period(PeriodKind.YEAR, dt.date(year, 1, 1))


def target_group_parse(value: str | None) -> str:
    """A ``TargetGroup`` value, or "" for everyone. Anything else: a 400."""
    if not value:
        return ""
    if value not in TargetGroup.values:
        raise ApplicationError(
            _("Kies een bestaande doelgroep."), code="monitoring_target_group_invalid", status=400
        )
    return value


def metric_parse(value: str | None, *, default: str = Metric.REACHED) -> str:
    if not value:
        return default
    if value not in Metric.values:
        raise ApplicationError(_("Kies een bestaand cijfer."), code="monitoring_metric_invalid", status=400)
    return value


def metrics() -> list[tuple[str, str, bool]]:
    """(code, Dutch label, in cents?) of every metric."""
    return [(value, str(label), value in MONEY_METRICS) for value, label in Metric.choices]


# --- figures -------------------------------------------------------------------------------------


def _rows_by(key: str, **filters) -> dict:
    """``{value of column key: (value, persons)}`` of the outcome figures matching ``filters``."""
    return {
        by: (value, persons)
        for by, value, persons in OutcomeFigure.objects.filter(**filters)
        .order_by()
        .values_list(key, "value", "persons")
    }


def _periods_between(kind: str, first: dt.date, last: dt.date) -> list[Period]:
    """Every quarter (or year) from ``first`` to ``last``, both included."""
    periods, start = [], first
    step = 3 if kind == PeriodKind.QUARTER else 12
    while start <= last:
        periods.append(Period(kind, start))
        month = start.month - 1 + step
        start = dt.date(start.year + month // 12, month % 12 + 1, 1)
    return periods


def figures_for(
    *,
    period: Period,
    measure_id: int | None = None,
    municipality_id: int | None = None,
    target_group: str = "",
) -> dict[str, Figure]:
    """Every metric for one cell (a measure or all, a municipality or the region, a group or all).
    Also the rates ``work_rate_6m`` and ``work_rate_12m`` (as ``Rate``)."""
    rows = _rows_by(
        "metric",
        period_kind=period.kind,
        period_start=period.start,
        measure_id=measure_id,
        municipality_id=municipality_id,
        target_group=target_group,
    )
    figures: dict = {metric: figure_from(*rows.get(metric, (None, None))) for metric in Metric.values}
    for name, (top, bottom) in RATES.items():
        figures[name] = rate_from(figures[top], figures[bottom])
    return figures


@dataclass(frozen=True)
class MunicipalityRef:
    id: int
    code: str
    name: str


def _protect(
    figures: list[Figure], raw: list[tuple[int | None, int | None]], total_shown: bool
) -> list[Figure]:
    """Secondary suppression: when the total is shown and exactly one cell is small, hide the next
    smallest shown cell too, so the small one cannot be worked out by subtraction."""
    small = [i for i, f in enumerate(figures) if f.state == "small" and raw[i][0] is not None]
    if not total_shown or len(small) != 1:
        return figures
    candidates = [i for i, f in enumerate(figures) if f.shown]
    if not candidates:
        return figures
    victim = min(candidates, key=lambda i: (raw[i][1] or 0, figures[i].value or 0))
    return [HIDDEN if i == victim else f for i, f in enumerate(figures)]


def figures_by_municipality(
    *, period: Period, metric: str, measure_id: int | None = None, target_group: str = ""
) -> tuple[list[tuple[MunicipalityRef, Figure]], Figure]:
    """The metric for each current municipality of the region (by name) and for the whole region."""
    rows = _rows_by(
        "municipality_id",
        period_kind=period.kind,
        period_start=period.start,
        measure_id=measure_id,
        target_group=target_group,
        metric=metric,
    )
    municipalities = [
        MunicipalityRef(m.pk, m.code, m.name)
        for m in region_selectors.municipalities_current().order_by("name")
    ]
    raw = [rows.get(m.id, (None, None)) for m in municipalities]
    total = figure_from(*rows.get(None, (None, None)))
    figures = _protect([figure_from(*r) for r in raw], raw, total.shown)
    return list(zip(municipalities, figures, strict=True)), total


def figures_by_measure(
    *, period: Period, metric: str, municipality_id: int | None = None, target_group: str = ""
) -> list[tuple[Measure, Figure]]:
    """The metric for each measure (by programme line and code). Measures overlap (one person can take
    part in several), so the measures do not add up to a total and no secondary suppression is needed."""
    rows = _rows_by(
        "measure_id",
        period_kind=period.kind,
        period_start=period.start,
        municipality_id=municipality_id,
        target_group=target_group,
        metric=metric,
        measure__isnull=False,
    )
    measures = Measure.objects.select_related("programme_line").order_by("programme_line__number", "code")
    return [(m, figure_from(*rows.get(m.pk, (None, None)))) for m in measures]


def figures_by_target_group(
    *, period: Period, metric: str, measure_id: int | None = None, municipality_id: int | None = None
) -> tuple[list[tuple[str, str, Figure]], Figure]:
    """(code, label, figure) per target group, and the total over all groups."""
    rows = _rows_by(
        "target_group",
        period_kind=period.kind,
        period_start=period.start,
        measure_id=measure_id,
        municipality_id=municipality_id,
        metric=metric,
    )
    raw = [rows.get(value, (None, None)) for value in TargetGroup.values]
    total = figure_from(*rows.get("", (None, None)))
    figures = _protect([figure_from(*r) for r in raw], raw, total.shown)
    return [
        (value, str(label), f) for (value, label), f in zip(TargetGroup.choices, figures, strict=True)
    ], total


def trend(
    *,
    metric: str,
    kind: str = PeriodKind.QUARTER,
    measure_id: int | None = None,
    municipality_id: int | None = None,
    target_group: str = "",
) -> list[tuple[Period, Figure]]:
    """The metric per quarter (or year) from its first to its last recorded period, oldest first, with
    gaps filled as ``none``."""
    rows = _rows_by(
        "period_start",
        period_kind=kind,
        measure_id=measure_id,
        municipality_id=municipality_id,
        target_group=target_group,
        metric=metric,
    )
    if not rows:
        return []
    return [
        (p, figure_from(*rows.get(p.start, (None, None))))
        for p in _periods_between(kind, min(rows), max(rows))
    ]


def outcomes_exist() -> bool:
    return OutcomeFigure.objects.exists()


# --- appended by helper DASHBOARD: reads of several metrics in one query -------------------------


def figures_by_measures(
    *,
    period: Period,
    metric_codes: list[str] | tuple[str, ...],
    municipality_id: int | None = None,
    target_group: str = "",
) -> dict[int, dict[str, Figure]]:
    """For every measure with figures: its ``metric_codes`` (and the rates both of whose counts are
    asked) as ``Figure``/``Rate``, in one query. Measures overlap, so no secondary suppression."""
    rows: dict[int, dict[str, tuple[int, int]]] = {}
    for measure, metric, value, persons in (
        OutcomeFigure.objects.filter(
            period_kind=period.kind,
            period_start=period.start,
            municipality_id=municipality_id,
            target_group=target_group,
            metric__in=list(metric_codes),
            measure__isnull=False,
        )
        .order_by()
        .values_list("measure_id", "metric", "value", "persons")
    ):
        rows.setdefault(measure, {})[metric] = (value, persons)
    result: dict[int, dict[str, Figure]] = {}
    for measure, cells in rows.items():
        figures: dict = {m: figure_from(*cells.get(m, (None, None))) for m in metric_codes}
        for name, (top, bottom) in RATES.items():
            if top in figures and bottom in figures:
                figures[name] = rate_from(figures[top], figures[bottom])
        result[measure] = figures
    return result


def trends(
    *,
    metric_codes: list[str] | tuple[str, ...],
    periods: list[Period],
    measure_id: int | None = None,
    municipality_id: int | None = None,
    target_group: str = "",
) -> dict[str, list[tuple[Period, Figure]]]:
    """``trend`` for several metrics in one query, over the given periods (all of one kind, e.g. the
    quarters of ``periods_available()``, in any order; the result is oldest first, gaps as ``none``)."""
    ordered = sorted(periods, key=lambda p: p.start)
    if not ordered:
        return {metric: [] for metric in metric_codes}
    kind = ordered[0].kind
    rows: dict[str, dict[dt.date, tuple[int, int]]] = {metric: {} for metric in metric_codes}
    for metric, start, value, persons in (
        OutcomeFigure.objects.filter(
            period_kind=kind,
            measure_id=measure_id,
            municipality_id=municipality_id,
            target_group=target_group,
            metric__in=list(metric_codes),
        )
        .order_by()
        .values_list("metric", "period_start", "value", "persons")
    ):
        rows[metric][start] = (value, persons)
    # From the first to the last period any of the metrics has, within the periods asked for.
    recorded = [start for by_start in rows.values() for start in by_start]
    if not recorded:
        return {metric: [] for metric in metric_codes}
    ordered = [p for p in ordered if min(recorded) <= p.start <= max(recorded)] or ordered
    # Fill gaps between the first and the last period.
    filled = _periods_between(kind, ordered[0].start, ordered[-1].start)
    return {
        metric: [(p, figure_from(*rows[metric].get(p.start, (None, None)))) for p in filled]
        for metric in metric_codes
    }


def figures_version() -> int:
    """Changes whenever ``outcomes_refresh`` rewrote the figures (the highest row id; ids are never
    reused), 0 without figures. For cache keys of what is derived from all figures."""
    return OutcomeFigure.objects.aggregate(top=Max("id"))["top"] or 0
