"""Reads for the monitoring dashboard of the programme office (docs/monitoring-dashboard.md).

Every outcome figure comes from ``selectors.outcomes`` (small-cell rule applied there); this module
puts them together per page: key figures, charts (``ChartSpec`` for ``monitoring.charts`` plus a text
alternative and a data table), the tile grid of the municipalities, the measures per programme line
with their effect verdict, and the regional indicators. A page's ``tables`` are also its downloads.

Only materialised figures are read (``OutcomeFigure``, ``EffectEstimate``); a page costs a fixed,
small number of queries whatever the number of residents. The list of periods is cached under
``outcomes.figures_version()``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.fund import selectors as fund_selectors
from doorleren.region import selectors as region_selectors

from ..charts import ChartSpec
from ..models import (
    EffectEstimate,
    Measure,
    MeasureJudgement,
    Metric,
    PeriodKind,
    StatIndicator,
    StatSource,
    StatValue,
    TargetGroup,
    Verdict,
)
from . import outcomes
from .outcomes import SMALL_CELL, Figure, Period, Rate

# The metrics of the trend lines.
TREND_METRICS = (Metric.REACHED, Metric.WORK_STARTED)
MEASURE_TREND_METRICS = (Metric.REACHED, Metric.WORK_12M)
# The columns of a measure row: reached, in work within 12 months (and its cohort), money.
MEASURE_METRICS = (Metric.REACHED, Metric.COHORT_12M, Metric.WORK_12M, Metric.SPENT_CENTS)
# Metrics that can be chosen for the bars and the tile grid.
BAR_METRICS = (
    Metric.REACHED,
    Metric.ROUTES_STARTED,
    Metric.ROUTES_COMPLETED,
    Metric.COMPETENCIES_GAINED,
    Metric.WORK_6M,
    Metric.WORK_12M,
    Metric.WORK_STARTED,
    Metric.SPENT_CENTS,
)
PERIODS_CACHE_SECONDS = 10 * 60
TILE_BANDS = 4

# Tiles of the current municipalities, placed roughly as on a map (row, column) in a 5 × 4 grid:
# Groningen province north and east, the Drenthe part south-west.
TILE_PLACES: dict[str, tuple[int, int]] = {
    "GM1966": (1, 2),  # Het Hogeland
    "GM1979": (1, 4),  # Eemsdelta
    "GM1969": (2, 1),  # Westerkwartier
    "GM0014": (2, 2),  # Groningen
    "GM1952": (2, 3),  # Midden-Groningen
    "GM1895": (2, 5),  # Oldambt
    "GM1699": (3, 1),  # Noordenveld
    "GM1730": (3, 2),  # Tynaarlo
    "GM0047": (3, 4),  # Veendam
    "GM0765": (3, 5),  # Pekela
    "GM0106": (4, 2),  # Assen
    "GM1680": (4, 3),  # Aa en Hunze
    "GM0037": (4, 4),  # Stadskanaal
    "GM1950": (4, 5),  # Westerwolde
}
# Municipalities of the regional plan (2020) that are now one tile.
TILE_NOTES = {"GM1979": "Appingedam, Delfzijl, Loppersum"}


# --- filters --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    period: Period
    target_group: str = ""
    metric: str = Metric.REACHED

    def query(self, **change: str) -> str:
        """The filters as a query string (for links and downloads)."""
        from urllib.parse import urlencode

        values = {"periode": self.period.param, "doelgroep": self.target_group, "cijfer": self.metric}
        values.update(change)
        return urlencode({k: v for k, v in values.items() if v})

    @property
    def target_group_label(self) -> str:
        return str(TargetGroup(self.target_group).label) if self.target_group else _("iedereen")

    @property
    def metric_label(self) -> str:
        return str(Metric(self.metric).label)

    @property
    def money(self) -> bool:
        return self.metric in outcomes.MONEY_METRICS


def periods_cached() -> list[Period]:
    """``outcomes.periods_available()``, cached until the figures are refreshed."""
    key = f"monitoring:dashboard:periods:{outcomes.figures_version()}"
    found = cache.get(key)
    if found is None:
        found = [(p.kind, p.start.isoformat()) for p in outcomes.periods_available()]
        cache.set(key, found, PERIODS_CACHE_SECONDS)
    return [Period(kind, dt.date.fromisoformat(start)) for kind, start in found]


def _default_period(periods: list[Period]) -> Period:
    """As ``outcomes.period_default`` (the last full year with figures), from the cached list."""
    years = sorted(p.start for p in periods if p.kind == PeriodKind.YEAR)
    if not years:
        return outcomes.ALL_YEARS
    full = [y for y in years if y.year < timezone.localdate().year]
    return Period(PeriodKind.YEAR, (full or years)[-1])


def filters_parse(
    *, period: str | None, target_group: str | None = None, metric: str | None = None
) -> tuple[Filters, list[Period]]:
    """The filters from the query string, and the periods that have figures. Bad input: a Dutch
    ``ApplicationError`` with status 400."""
    periods = periods_cached()
    chosen = outcomes.period_parse(period) if period else _default_period(periods)
    group = outcomes.target_group_parse(target_group)
    code = outcomes.metric_parse(metric)
    if code not in BAR_METRICS:
        raise ApplicationError(
            _("Voor de staven en de kaart kunt u dit cijfer niet kiezen. Kies een ander cijfer."),
            code="monitoring_metric_invalid",
            status=400,
        )
    return Filters(chosen, group, code), periods


def bar_metric_choices() -> list[tuple[str, str]]:
    return [(code, label) for code, label, _money in outcomes.metrics() if code in BAR_METRICS]


def target_group_choices() -> list[tuple[str, str]]:
    return [(value, str(label)) for value, label in TargetGroup.choices]


# --- tables ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    text: str
    export: object = ""
    numeric: bool = True
    state: str = "shown"
    href: str = ""

    @property
    def suppressed(self) -> bool:
        return self.state in ("small", "hidden")


def text_cell(value: object, *, href: str = "") -> Cell:
    return Cell(str(value), str(value), numeric=False, href=href)


def figure_cell(figure: Figure, *, money: bool = False) -> Cell:
    export = figure.export()
    if money and isinstance(export, int):
        export = (Decimal(export) / 100).quantize(Decimal("0.01"))
    return Cell(figure.text(money=money), export, state=figure.state)


def rate_cell(rate: Rate) -> Cell:
    if rate.shown and rate.fraction is not None:
        return Cell(rate.text(), round(100 * rate.fraction, 1))
    export = f"<{SMALL_CELL}" if rate.state == "small" else ""
    return Cell(rate.text(), export, state=rate.state)


@dataclass
class Table:
    key: str
    caption: str
    header: list[str]
    rows: list[list[Cell]]

    def export_rows(self) -> list[list[object]]:
        return [list(self.header), *[[cell.export for cell in row] for row in self.rows]]


# --- charts ---------------------------------------------------------------------------------------


@dataclass
class Chart:
    spec: ChartSpec
    caption: str
    text: str  # the text alternative, written from the data
    table: Table

    @property
    def key(self) -> str:
        return self.spec.key


def _value(figure: Figure, money: bool) -> float | None:
    if not figure.shown or figure.value is None:
        return None
    return figure.value / 100 if money else float(figure.value)


def _gap_text(figure: Figure) -> str:
    return figure.text() if figure.state in ("small", "hidden") else ""


def trend_chart(
    *,
    key: str,
    title: str,
    series: dict[str, list[tuple[Period, Figure]]],
) -> Chart | None:
    """A line chart of one or more metrics (or measures) per quarter, with its table and text."""
    named = [(name, points) for name, points in series.items() if points]
    if not named:
        return None
    periods = [p for p, _f in named[0][1]]
    labels = tuple(p.short_label for p in periods)
    spec = ChartSpec(
        key=key,
        kind="line",
        title=title,
        labels=labels,
        series=tuple((name, tuple(_value(f, False) for _p, f in points)) for name, points in named),
        value_label=_("aantal"),
    )
    sentences = []
    for name, points in named:
        shown = [(p, f) for p, f in points if f.shown]
        if not shown:
            sentences.append(_("%(name)s: er zijn geen cijfers die wij mogen tonen.") % {"name": name})
            continue
        (first_p, first_f), (last_p, last_f) = shown[0], shown[-1]
        high_p, high_f = max(shown, key=lambda pf: pf[1].value)
        sentence = _(
            "%(name)s: van %(first)s in %(first_period)s naar %(last)s in %(last_period)s. "
            "Het hoogste was %(high)s in %(high_period)s."
        ) % {
            "name": name,
            "first": first_f.text(),
            "first_period": first_p.short_label,
            "last": last_f.text(),
            "last_period": last_p.short_label,
            "high": high_f.text(),
            "high_period": high_p.short_label,
        }
        hidden = sum(1 for _p, f in points if f.state in ("small", "hidden"))
        if hidden:
            sentence += " " + _(
                "%(n)s kwartalen zijn niet getoond, omdat het om minder dan %(small)s personen gaat."
            ) % {"n": hidden, "small": SMALL_CELL}
        sentences.append(sentence)
    table = Table(
        key=key,
        caption=title,
        header=[_("Kwartaal"), *[name for name, _p in named]],
        rows=[
            [text_cell(period.short_label), *[figure_cell(points[i][1]) for _n, points in named]]
            for i, period in enumerate(periods)
        ],
    )
    return Chart(spec=spec, caption=title, text=" ".join(sentences), table=table)


def bar_chart(
    *,
    key: str,
    title: str,
    label_header: str,
    rows: list[tuple[str, Figure]],
    metric: str,
    total: tuple[str, Figure] | None = None,
) -> Chart:
    """Horizontal bars of one metric, with its table (and total row) and text."""
    money = metric in outcomes.MONEY_METRICS
    metric_label = str(Metric(metric).label)
    spec = ChartSpec(
        key=key,
        kind="bars",
        title=title,
        labels=tuple(name for name, _f in rows),
        series=((metric_label, tuple(_value(f, money) for _n, f in rows)),),
        gap_texts=tuple(_gap_text(f) for _n, f in rows),
        value_label=metric_label + (" (euro)" if money else ""),
        money=money,
    )
    shown = [(name, f) for name, f in rows if f.shown]
    if shown:
        high = max(shown, key=lambda nf: nf[1].value)
        low = min(shown, key=lambda nf: nf[1].value)
        text = _(
            "Het hoogste cijfer heeft %(high)s (%(high_value)s), het laagste %(low)s (%(low_value)s)."
        ) % {
            "high": high[0],
            "high_value": high[1].text(money=money),
            "low": low[0],
            "low_value": low[1].text(money=money),
        }
    else:
        text = _("Er zijn hier geen cijfers die wij mogen tonen.")
    hidden = sum(1 for _n, f in rows if f.state in ("small", "hidden"))
    if hidden:
        text += " " + _(
            "%(n)s niet getoond: het gaat om minder dan %(small)s personen, of het kleine aantal is anders "
            "uit te rekenen."
        ) % {"n": hidden, "small": SMALL_CELL}
    table_rows = [[text_cell(name), figure_cell(f, money=money)] for name, f in rows]
    if total is not None:
        table_rows.append([text_cell(total[0]), figure_cell(total[1], money=money)])
    table = Table(
        key=key,
        caption=title,
        header=[label_header, metric_label + (" (euro)" if money else "")],
        rows=table_rows,
    )
    return Chart(spec=spec, caption=title, text=text, table=table)


# --- key figures ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    code: str
    label: str
    text: str
    note: str = ""
    state: str = "shown"


def key_figures(figures: dict) -> list[KeyFigure]:
    """The main metrics of one cell, with the share in work after 6 and 12 months."""
    result = []
    for metric in outcomes.MAIN_METRICS:
        figure = figures[metric]
        note = ""
        if metric == Metric.WORK_6M:
            note = _("%(rate)s van de deelnemers die al 6 maanden meedoen") % {
                "rate": figures["work_rate_6m"].text()
            }
        elif metric == Metric.WORK_12M:
            note = _("%(rate)s van de deelnemers die al 12 maanden meedoen") % {
                "rate": figures["work_rate_12m"].text()
            }
        result.append(
            KeyFigure(
                code=metric,
                label=str(Metric(metric).label),
                text=figure.text(money=metric in outcomes.MONEY_METRICS),
                note=note,
                state=figure.state,
            )
        )
    return result


def key_figures_table(*, key: str, caption: str, figures: dict) -> Table:
    rows = []
    for metric in outcomes.MAIN_METRICS:
        rows.append(
            [
                text_cell(Metric(metric).label),
                figure_cell(figures[metric], money=metric in outcomes.MONEY_METRICS),
            ]
        )
    for name, label in outcomes.RATE_LABELS.items():
        rows.append([text_cell(f"{label} (%)"), rate_cell(figures[name])])
    return Table(key=key, caption=caption, header=[_("Cijfer"), _("Waarde")], rows=rows)


# --- tile grid ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    text: str
    state: str
    band: int  # 0: no colour (not shown), 1 (lowest) .. TILE_BANDS (highest)
    band_label: str
    row: int
    column: int
    note: str = ""
    href: str = ""


def _band_labels() -> dict[int, str]:
    return {
        0: _("geen kleur: niet getoond"),
        1: _("laag"),
        2: _("onder het midden"),
        3: _("boven het midden"),
        4: _("hoog"),
    }


def tiles(
    *,
    rows: list[tuple[outcomes.MunicipalityRef, Figure]],
    money: bool = False,
    link_for: Callable[[str], str] | None = None,
) -> list[Tile]:
    """One tile per current municipality, in a band by its value (quartiles of the shown values)."""
    values = sorted(f.value for _m, f in rows if f.shown)
    labels = _band_labels()

    def band(value: int) -> int:
        if len(values) < 2 or values[0] == values[-1]:
            return 2
        # By rank among the shown values: the lowest in band 1, the highest in the top band.
        below = sum(1 for v in values if v < value)
        return 1 + round(below * (TILE_BANDS - 1) / (len(values) - 1))

    result = []
    for index, (ref, figure) in enumerate(rows):
        place = TILE_PLACES.get(ref.code, (5, 1 + index % 5))
        number = band(figure.value) if figure.shown else 0
        if not figure.shown:
            label = labels[0] if figure.state in ("small", "hidden") else _("geen kleur: geen cijfer")
        elif len(values) < 2 or values[0] == values[-1]:
            label = _("niets om mee te vergelijken")
        else:
            label = labels[number]
        result.append(
            Tile(
                code=ref.code,
                name=ref.name,
                text=figure.text(money=money),
                state=figure.state,
                band=number,
                band_label=label,
                row=place[0],
                column=place[1],
                note=TILE_NOTES.get(ref.code, ""),
                href=link_for(ref.code) if link_for else "",
            )
        )
    return result


# --- programme lines and measures -----------------------------------------------------------------


@dataclass
class MeasureRow:
    measure: Measure
    reached: Figure
    rate_12m: Rate
    spent: Figure
    verdict: str  # the latest effect estimate's verdict, as text
    judgement: str  # the programme office's latest judgement, as text


@dataclass
class LineSummary:
    line: object  # fund.ProgrammeLine
    rows: list[MeasureRow]
    table: Table


def _verdicts() -> dict[int, str]:
    return {
        measure_id: str(Verdict(verdict).label)
        for measure_id, verdict in EffectEstimate.objects.order_by().values_list("measure_id", "verdict")
    }


def _judgements(measure_ids: list[int] | None = None) -> dict[int, str]:
    query = MeasureJudgement.objects.order_by("measure_id", "-judged_on", "-id")
    if measure_ids is not None:
        query = query.filter(measure_id__in=measure_ids)
    result: dict[int, str] = {}
    for measure_id, verdict, judged_on in query.values_list("measure_id", "verdict", "judged_on"):
        if measure_id not in result:
            result[measure_id] = _("%(verdict)s (%(date)s)") % {
                "verdict": Verdict(verdict).label,
                "date": judged_on.strftime("%d-%m-%Y"),
            }
    return result


def measure_rows(
    *,
    measures: list[Measure],
    filters: Filters,
    municipality_id: int | None = None,
) -> list[MeasureRow]:
    figures = outcomes.figures_by_measures(
        period=filters.period,
        metric_codes=MEASURE_METRICS,
        municipality_id=municipality_id,
        target_group=filters.target_group,
    )
    verdicts = _verdicts()
    judgements = _judgements([m.pk for m in measures])
    empty = dict.fromkeys(MEASURE_METRICS, outcomes.NONE) | {"work_rate_12m": Rate("none")}
    rows = []
    for measure in measures:
        cell = figures.get(measure.pk, empty)
        rows.append(
            MeasureRow(
                measure=measure,
                reached=cell[Metric.REACHED],
                rate_12m=cell["work_rate_12m"],
                spent=cell[Metric.SPENT_CENTS],
                verdict=verdicts.get(measure.pk, _("nog geen schatting")),
                judgement=judgements.get(measure.pk, _("nog geen oordeel")),
            )
        )
    return rows


def measures_table(
    *, key: str, caption: str, rows: list[MeasureRow], link_for: Callable[[int], str] | None = None
) -> Table:
    return Table(
        key=key,
        caption=caption,
        header=[
            _("Maatregel"),
            str(Metric.REACHED.label),
            _("Binnen 12 maanden aan het werk (deel, %)"),
            _("Geld uitgegeven (euro)"),
            _("Effect op werk (laatste schatting)"),
            _("Oordeel programmabureau"),
        ],
        rows=[
            [
                text_cell(row.measure.name, href=link_for(row.measure.pk) if link_for else ""),
                figure_cell(row.reached),
                rate_cell(row.rate_12m),
                figure_cell(row.spent, money=True),
                text_cell(row.verdict),
                text_cell(row.judgement),
            ]
            for row in rows
        ],
    )


def line_summaries(
    *, filters: Filters, link_for: Callable[[int], str] | None = None, number: int | None = None
) -> list[LineSummary]:
    """Each programme line (and the theme) with its measures and their figures."""
    lines = [line for line in fund_selectors.programme_lines() if number is None or line.number == number]
    measures = list(
        Measure.objects.select_related("programme_line").order_by("programme_line__number", "code")
    )
    if number is not None:
        measures = [m for m in measures if m.programme_line.number == number]
    rows = measure_rows(measures=measures, filters=filters)
    result = []
    for line in lines:
        line_rows = [r for r in rows if r.measure.programme_line_id == line.pk]
        result.append(
            LineSummary(
                line=line,
                rows=line_rows,
                table=measures_table(
                    key=f"lijn-{line.number}",
                    caption=_("Maatregelen van %(line)s, %(period)s")
                    % {"line": line, "period": filters.period.label},
                    rows=line_rows,
                    link_for=link_for,
                ),
            )
        )
    return result


# --- regional indicators --------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    value: str
    year: int | None
    source: str
    is_demo: bool
    merged_from: str = ""


def stat_text(value: Decimal, *, decimals: int, unit: str) -> str:
    number = f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    if unit == "%":
        return f"{number}%"
    return f"{number} {unit}".strip()


def _source_text(source: str) -> str:
    if source == StatSource.DEMO:
        return _("voorbeeldcijfer")
    return str(StatSource(source).label) if source in StatSource.values else source


def indicator_rows(*, municipality_id: int | None = None, main_only: bool = True) -> list[IndicatorRow]:
    """The latest value of each (main) regional indicator for the region or one municipality."""
    indicators = StatIndicator.objects.order_by("position", "code")
    if main_only:
        indicators = indicators.filter(is_main_goal=True)
    indicators = list(indicators)
    values = StatValue.objects.filter(indicator__in=indicators).order_by("indicator_id", "-year")
    values = (
        values.filter(municipality_id=municipality_id)
        if municipality_id
        else values.filter(municipality__isnull=True)
    )
    latest: dict[int, StatValue] = {}
    for value in values.only("indicator_id", "year", "value", "source", "reported_codes", "municipality_id"):
        latest.setdefault(value.indicator_id, value)
    result = []
    for indicator in indicators:
        found = latest.get(indicator.pk)
        result.append(
            IndicatorRow(
                code=indicator.code,
                name=indicator.name,
                value=stat_text(found.value, decimals=indicator.decimals, unit=indicator.unit)
                if found
                else "–",
                year=found.year if found else None,
                source=_source_text(found.source) if found else _("nog geen cijfer"),
                is_demo=bool(found and found.source == StatSource.DEMO),
                merged_from=found.reported_codes if found else "",
            )
        )
    return result


def indicators_table(*, key: str, caption: str, rows: list[IndicatorRow]) -> Table:
    return Table(
        key=key,
        caption=caption,
        header=[_("Indicator"), _("Waarde"), _("Jaar"), _("Bron")],
        rows=[
            [
                text_cell(row.name),
                Cell(row.value, row.value),
                Cell(str(row.year or "–"), row.year or ""),
                text_cell(
                    row.source + (f" ({_('omgerekend van')} {row.merged_from})" if row.merged_from else "")
                ),
            ]
            for row in rows
        ],
    )


# --- pages ----------------------------------------------------------------------------------------


@dataclass
class Page:
    """What a dashboard page shows; ``tables`` are also the CSV/XLSX downloads."""

    filters: Filters
    periods: list[Period]
    has_figures: bool
    title: str
    key_figures: list[KeyFigure] = field(default_factory=list)
    charts: dict[str, Chart] = field(default_factory=dict)
    tiles: list[Tile] = field(default_factory=list)
    lines: list[LineSummary] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    extra: dict = field(default_factory=dict)

    @property
    def quarters(self) -> list[Period]:
        return [p for p in self.periods if p.kind == PeriodKind.QUARTER]

    @property
    def demo_values(self) -> bool:
        return any(row.is_demo for row in self.indicators)


def _quarters(periods: list[Period]) -> list[Period]:
    return [p for p in periods if p.kind == PeriodKind.QUARTER]


def _municipality_rows(
    filters: Filters, measure_id: int | None = None
) -> tuple[list[tuple[outcomes.MunicipalityRef, Figure]], Figure]:
    return outcomes.figures_by_municipality(
        period=filters.period, metric=filters.metric, measure_id=measure_id, target_group=filters.target_group
    )


def _municipality_chart(key: str, filters: Filters, rows, total, where: str) -> Chart:
    return bar_chart(
        key=key,
        title=_("%(metric)s per gemeente%(where)s, %(period)s")
        % {"metric": filters.metric_label, "where": where, "period": filters.period.label},
        label_header=_("Gemeente"),
        rows=[(ref.name, f) for ref, f in rows],
        metric=filters.metric,
        total=(_("Hele regio"), total),
    )


def overview(
    *,
    filters: Filters,
    periods: list[Period],
    measure_link: Callable[[int], str] | None = None,
    municipality_link: Callable[[str], str] | None = None,
) -> Page:
    """The main page: the whole region."""
    page = Page(filters=filters, periods=periods, has_figures=bool(periods), title=_("de hele regio"))
    figures = outcomes.figures_for(period=filters.period, target_group=filters.target_group)
    page.key_figures = key_figures(figures)
    page.tables.append(
        key_figures_table(
            key="kerncijfers",
            caption=_("Kerncijfers van de regio, %(period)s, %(group)s")
            % {"period": filters.period.label, "group": filters.target_group_label},
            figures=figures,
        )
    )
    series = outcomes.trends(
        metric_codes=TREND_METRICS, periods=_quarters(periods), target_group=filters.target_group
    )
    trend = trend_chart(
        key="trend",
        title=_("Inwoners bereikt en aan het werk gegaan, per kwartaal"),
        series={str(Metric(m).label): series[m] for m in TREND_METRICS},
    )
    if trend:
        page.charts["trend"] = trend
    rows, total = _municipality_rows(filters)
    page.charts["gemeenten"] = _municipality_chart("gemeenten", filters, rows, total, "")
    page.tiles = tiles(rows=rows, money=filters.money, link_for=municipality_link)
    page.lines = line_summaries(filters=filters, link_for=measure_link)
    page.indicators = indicator_rows()
    page.tables += [c.table for c in page.charts.values()]
    page.tables += [s.table for s in page.lines]
    page.tables.append(
        indicators_table(
            key="indicatoren", caption=_("Hoofddoelen van het regionale plan"), rows=page.indicators
        )
    )
    return page


def programme_line_get(*, number: int):
    for line in fund_selectors.programme_lines():
        if line.number == number:
            return line
    return None


def line_page(
    *,
    line,
    filters: Filters,
    periods: list[Period],
    measure_link: Callable[[int], str] | None = None,
) -> Page:
    page = Page(filters=filters, periods=periods, has_figures=bool(periods), title=str(line))
    page.lines = line_summaries(filters=filters, link_for=measure_link, number=line.number)
    rows = page.lines[0].rows if page.lines else []
    bars = outcomes.figures_by_measures(
        period=filters.period, metric_codes=(filters.metric,), target_group=filters.target_group
    )
    if rows:
        page.charts["maatregelen"] = bar_chart(
            key="maatregelen",
            title=_("%(metric)s per maatregel, %(period)s")
            % {"metric": filters.metric_label, "period": filters.period.label},
            label_header=_("Maatregel"),
            rows=[
                (r.measure.name, bars.get(r.measure.pk, {}).get(filters.metric, outcomes.NONE)) for r in rows
            ],
            metric=filters.metric,
        )
        # One line per measure: who was reached, per quarter (at most six lines).
        quarters = _quarters(periods)
        series = {}
        for row in rows[:6]:
            points = outcomes.trends(
                metric_codes=(Metric.REACHED,),
                periods=quarters,
                measure_id=row.measure.pk,
                target_group=filters.target_group,
            )[Metric.REACHED]
            series[row.measure.name] = points
        trend = trend_chart(
            key="trend", title=_("Inwoners bereikt per maatregel, per kwartaal"), series=series
        )
        if trend:
            page.charts["trend"] = trend
    page.tables += [s.table for s in page.lines]
    page.tables += [c.table for c in page.charts.values()]
    return page


def measure_get(*, pk: int) -> Measure | None:
    return Measure.objects.select_related("programme_line").filter(pk=pk).first()


def measure_page(
    *,
    measure: Measure,
    filters: Filters,
    periods: list[Period],
    municipality_link: Callable[[str], str] | None = None,
) -> Page:
    page = Page(filters=filters, periods=periods, has_figures=bool(periods), title=measure.name)
    figures = outcomes.figures_for(
        period=filters.period, measure_id=measure.pk, target_group=filters.target_group
    )
    page.key_figures = key_figures(figures)
    page.tables.append(
        key_figures_table(
            key="kerncijfers",
            caption=_("Kerncijfers van %(measure)s, %(period)s, %(group)s")
            % {"measure": measure.name, "period": filters.period.label, "group": filters.target_group_label},
            figures=figures,
        )
    )
    series = outcomes.trends(
        metric_codes=MEASURE_TREND_METRICS,
        periods=_quarters(periods),
        measure_id=measure.pk,
        target_group=filters.target_group,
    )
    trend = trend_chart(
        key="trend",
        title=_("Deelnemers en wie binnen 12 maanden werk vond, per kwartaal van de start"),
        series={str(Metric(m).label): series[m] for m in MEASURE_TREND_METRICS},
    )
    if trend:
        page.charts["trend"] = trend
    rows, total = _municipality_rows(filters, measure_id=measure.pk)
    page.charts["gemeenten"] = _municipality_chart("gemeenten", filters, rows, total, _(" (deze maatregel)"))
    page.tiles = tiles(rows=rows, money=filters.money, link_for=municipality_link)
    groups, group_total = outcomes.figures_by_target_group(
        period=filters.period, metric=filters.metric, measure_id=measure.pk
    )
    page.charts["doelgroepen"] = bar_chart(
        key="doelgroepen",
        title=_("%(metric)s per doelgroep, %(period)s")
        % {"metric": filters.metric_label, "period": filters.period.label},
        label_header=_("Doelgroep"),
        rows=[(label, f) for _code, label, f in groups],
        metric=filters.metric,
        total=(_("Alle doelgroepen"), group_total),
    )
    page.extra["effect"] = EffectEstimate.objects.filter(measure=measure).first()
    page.extra["judgement"] = _judgements([measure.pk]).get(measure.pk, "")
    page.tables += [c.table for c in page.charts.values()]
    return page


@dataclass(frozen=True)
class MunicipalityFound:
    municipality: object | None
    redirect_code: str = ""


def municipality_for_page(*, code: str) -> MunicipalityFound:
    """The current municipality with this code; for an old code the code of its successor (to
    redirect to). ``ApplicationError`` (404) for a code we do not know."""
    municipality = region_selectors.municipality_get(code=code)
    if municipality.is_current:
        if municipality.code != code:
            return MunicipalityFound(None, municipality.code)
        return MunicipalityFound(municipality)
    try:
        current = region_selectors.municipality_current_for(municipality=municipality)
    except ApplicationError as error:
        raise ApplicationError(error.message, code=error.code, status=404) from error
    return MunicipalityFound(None, current.code)


def municipality_page(
    *,
    municipality,
    filters: Filters,
    periods: list[Period],
    measure_link: Callable[[int], str] | None = None,
) -> Page:
    page = Page(filters=filters, periods=periods, has_figures=bool(periods), title=municipality.name)
    figures = outcomes.figures_for(
        period=filters.period, municipality_id=municipality.pk, target_group=filters.target_group
    )
    page.key_figures = key_figures(figures)
    page.tables.append(
        key_figures_table(
            key="kerncijfers",
            caption=_("Kerncijfers van %(name)s, %(period)s, %(group)s")
            % {
                "name": municipality.name,
                "period": filters.period.label,
                "group": filters.target_group_label,
            },
            figures=figures,
        )
    )
    series = outcomes.trends(
        metric_codes=TREND_METRICS,
        periods=_quarters(periods),
        municipality_id=municipality.pk,
        target_group=filters.target_group,
    )
    trend = trend_chart(
        key="trend",
        title=_("Inwoners bereikt en aan het werk gegaan in %(name)s, per kwartaal")
        % {"name": municipality.name},
        series={str(Metric(m).label): series[m] for m in TREND_METRICS},
    )
    if trend:
        page.charts["trend"] = trend
    measures = list(
        Measure.objects.select_related("programme_line")
        .filter(municipalities=municipality)
        .order_by("programme_line__number", "code")
    )
    with_figures = outcomes.figures_by_measures(
        period=filters.period,
        metric_codes=(Metric.REACHED,),
        municipality_id=municipality.pk,
        target_group=filters.target_group,
    )
    listed = {m.pk for m in measures}
    if with_figures.keys() - listed:
        measures += list(
            Measure.objects.select_related("programme_line")
            .filter(pk__in=with_figures.keys() - listed)
            .order_by("programme_line__number", "code")
        )
    rows = measure_rows(measures=measures, filters=filters, municipality_id=municipality.pk)
    page.extra["measures"] = rows
    page.tables.append(
        measures_table(
            key="maatregelen",
            caption=_("Maatregelen in %(name)s, %(period)s")
            % {"name": municipality.name, "period": filters.period.label},
            rows=rows,
            link_for=measure_link,
        )
    )
    page.indicators = indicator_rows(municipality_id=municipality.pk, main_only=False)
    page.tables += [c.table for c in page.charts.values()]
    page.tables.append(
        indicators_table(
            key="indicatoren",
            caption=_("Regionale cijfers van %(name)s") % {"name": municipality.name},
            rows=page.indicators,
        )
    )
    return page


# --- the quarterly report -------------------------------------------------------------------------


@dataclass
class QuarterlyReport:
    quarter: Period
    year: Period
    year_label: str
    has_figures: bool
    quarter_figures: dict
    year_figures: dict
    lines: list[LineSummary]
    effects: list[tuple[Measure, EffectEstimate]]
    indicators: list[IndicatorRow]
    charts: list[Chart]
    made_on: dt.date


def report_quarter_parse(*, year: int, quarter: int, today: dt.date | None = None) -> Period:
    """The quarter of the report; a Dutch ``ApplicationError`` (404) for one that does not exist or
    has not started yet."""
    today = today or timezone.localdate()
    if not (2000 <= year <= 2100 and 1 <= quarter <= 4):
        raise ApplicationError(
            _("Dit kwartaal bestaat niet. Kies een jaar en een kwartaal van 1 tot en met 4, zoals 2026-K3."),
            code="monitoring_quarter_invalid",
            status=404,
        )
    start = dt.date(year, 3 * (quarter - 1) + 1, 1)
    if start > today:
        raise ApplicationError(
            _("Dit kwartaal is nog niet begonnen. Er is nog geen rapport."),
            code="monitoring_quarter_future",
            status=404,
        )
    return Period(PeriodKind.QUARTER, start)


def quarterly_report(*, quarter: Period, today: dt.date | None = None) -> QuarterlyReport:
    today = today or timezone.localdate()
    year = Period(PeriodKind.YEAR, dt.date(quarter.start.year, 1, 1))
    year_label = (
        _("%(year)s tot nu toe") % {"year": year.start.year}
        if year.start.year == today.year
        else _("heel %(year)s") % {"year": year.start.year}
    )
    periods = periods_cached()
    lines = line_summaries(filters=Filters(year))
    estimates = {e.measure_id: e for e in EffectEstimate.objects.select_related("measure")}
    effects = [
        (row.measure, estimates[row.measure.pk])
        for summary in lines
        for row in summary.rows
        if row.measure.pk in estimates
    ]
    up_to = [p for p in _quarters(periods) if p.start <= quarter.start]
    series = outcomes.trends(metric_codes=TREND_METRICS, periods=up_to)
    charts = []
    trend = trend_chart(
        key="rapport-trend",
        title=_("Inwoners bereikt en aan het werk gegaan, per kwartaal"),
        series={str(Metric(m).label): series[m] for m in TREND_METRICS},
    )
    if trend:
        charts.append(trend)
    rows, total = _municipality_rows(Filters(year))
    charts.append(_municipality_chart("rapport-gemeenten", Filters(year), rows, total, ""))
    quarter_figures = outcomes.figures_for(period=quarter)
    return QuarterlyReport(
        quarter=quarter,
        year=year,
        year_label=year_label,
        has_figures=any(p == quarter for p in periods),
        quarter_figures=quarter_figures,
        year_figures=outcomes.figures_for(period=year),
        lines=lines,
        effects=effects,
        indicators=indicator_rows(),
        charts=charts,
        made_on=today,
    )
