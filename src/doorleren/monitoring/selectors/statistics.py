"""Read the regional indicators: per municipality and year, the region, trends and the latest figure.

The region's figure for a year is the stored region figure (the plan's, or a CSV row ``regio``)
or else, when every current municipality has a figure, the municipalities combined as the
indicator says (a sum, or a mean weighted with the weight indicator's figures of the same year).

Small cells: a count (an indicator that adds up) below ``SMALL_CELL`` is never shown ("minder dan
10"), and then the region's figure of that year is not shown either, because it would give the
small cell away by subtraction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils.formats import number_format

from doorleren.region import selectors as region_selectors

from ..models import StatAggregation, StatIndicator, StatSource, StatValue

SMALL_CELL = 10
YEARS_SHOWN = 12


@dataclass(frozen=True)
class StatCell:
    """One figure in a table. ``value`` is None when there is none or it may not be shown."""

    value: Decimal | None
    decimals: int = 0
    source: str = ""
    source_detail: str = ""
    reported_codes: str = ""
    suppressed: bool = False
    computed: bool = False  # the region: combined from the municipalities
    hidden: bool = False  # the region: not shown because a municipality's cell is small

    @property
    def merged(self) -> bool:
        return bool(self.reported_codes)

    @property
    def is_demo(self) -> bool:
        return self.source == StatSource.DEMO

    @property
    def source_label(self) -> str:
        return str(StatSource(self.source).label) if self.source in StatSource.values else ""

    @property
    def display(self) -> str:
        """Dutch notation: ``64,8``, ``339.000``; empty when there is nothing to show."""
        if self.value is None or self.suppressed or self.hidden:
            return ""
        return format_stat(self.value, self.decimals)

    @property
    def csv_value(self) -> str:
        """For a CSV download: decimal comma, no thousands separator."""
        if self.value is None or self.suppressed or self.hidden:
            return ""
        rounded = Decimal(self.value).quantize(Decimal(1).scaleb(-self.decimals), rounding=ROUND_HALF_UP)
        return f"{rounded:f}".replace(".", ",")


def format_stat(value: Decimal, decimals: int) -> str:
    """Rounded half up first: Django's ``number_format`` cuts decimals off instead of rounding."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def stat_indicators() -> QuerySet[StatIndicator]:
    return StatIndicator.objects.select_related("weight_indicator").order_by("position", "code")


def stat_indicator_get(*, code: str) -> StatIndicator | None:
    return stat_indicators().filter(code=(code or "")[:60]).first()


def _is_count(indicator: StatIndicator) -> bool:
    return indicator.aggregation == StatAggregation.SUM


def _cell(indicator: StatIndicator, row: StatValue | None) -> StatCell:
    if row is None:
        return StatCell(value=None, decimals=indicator.decimals)
    return StatCell(
        value=row.value,
        decimals=indicator.decimals,
        source=row.source,
        source_detail=row.source_detail,
        reported_codes=row.reported_codes,
        suppressed=_is_count(indicator) and row.value < SMALL_CELL,
    )


def _values(indicator: StatIndicator) -> dict[tuple[int | None, int], StatValue]:
    return {(row.municipality_id, row.year): row for row in StatValue.objects.filter(indicator=indicator)}


def _region_cells(
    indicator: StatIndicator, years: list[int], municipalities: list, values: dict
) -> dict[int, StatCell]:
    """The region's figure per year (stored, or combined from every current municipality)."""
    weights = _values(indicator.weight_indicator) if indicator.weight_indicator_id else {}
    cells: dict[int, StatCell] = {}
    for year in years:
        rows = [values.get((m.pk, year)) for m in municipalities]
        small = any(_is_count(indicator) and row is not None and row.value < SMALL_CELL for row in rows)
        stored = values.get((None, year))
        if stored is not None:
            cell = _cell(indicator, stored)
        elif municipalities and all(row is not None for row in rows):
            cell = _combined(indicator, year, municipalities, rows, weights)
        else:
            cell = StatCell(value=None, decimals=indicator.decimals)
        if small and cell.value is not None:
            cell = StatCell(value=None, decimals=indicator.decimals, source=cell.source, hidden=True)
        cells[year] = cell
    return cells


def _combined(indicator, year, municipalities, rows, weights) -> StatCell:
    sources = {row.source for row in rows}
    source = StatSource.DEMO if StatSource.DEMO in sources else (sources.pop() if len(sources) == 1 else "")
    reported = ", ".join(row.reported_codes for row in rows if row.reported_codes)
    if indicator.aggregation == StatAggregation.WEIGHTED_MEAN:
        weight_rows = [weights.get((m.pk, year)) for m in municipalities]
        if any(w is None for w in weight_rows):
            return StatCell(value=None, decimals=indicator.decimals)
        total = sum(w.value for w in weight_rows)
        if total <= 0:
            return StatCell(value=None, decimals=indicator.decimals)
        value = sum(row.value * w.value for row, w in zip(rows, weight_rows, strict=True)) / total
    else:
        value = sum(row.value for row in rows)
    return StatCell(
        value=value,
        decimals=indicator.decimals,
        source=source,
        reported_codes=reported,
        computed=True,
    )


@dataclass
class StatRow:
    name: str
    code: str
    cells: list[StatCell]


@dataclass
class StatTable:
    indicator: StatIndicator
    years: list[int]
    rows: list[StatRow]
    region: list[StatCell]
    notes: list[dict] = field(default_factory=list)  # merged figures: who, year, old codes
    sources: list[tuple[str, str]] = field(default_factory=list)  # (label, detail)

    @property
    def has_demo(self) -> bool:
        return any(cell.is_demo for row in self.rows for cell in row.cells) or any(
            c.is_demo for c in self.region
        )

    @property
    def has_suppressed(self) -> bool:
        return any(cell.suppressed for row in self.rows for cell in row.cells)


def stat_years(*, indicator: StatIndicator) -> list[int]:
    """The years with a figure, the last ``YEARS_SHOWN``."""
    years = sorted(set(StatValue.objects.filter(indicator=indicator).values_list("year", flat=True)))
    return years[-YEARS_SHOWN:]


def stat_table(*, indicator: StatIndicator, years: list[int] | None = None) -> StatTable:
    """Per current municipality (name, code) a cell per year, the region's row, and notes."""
    years = sorted(set(years)) if years is not None else stat_years(indicator=indicator)
    municipalities = list(region_selectors.municipalities_current())
    values = _values(indicator)
    rows, notes, sources = [], [], {}
    for municipality in municipalities:
        cells = []
        for year in years:
            row = values.get((municipality.pk, year))
            cell = _cell(indicator, row)
            cells.append(cell)
            if row is not None:
                sources[(cell.source_label, row.source_detail)] = True
            if cell.merged:
                notes.append({"municipality": municipality.name, "year": year, "codes": cell.reported_codes})
        rows.append(StatRow(name=municipality.name, code=municipality.code, cells=cells))
    region_cells = _region_cells(indicator, years, municipalities, values)
    for year in years:
        stored = values.get((None, year))
        if stored is not None:
            sources[(_cell(indicator, stored).source_label, stored.source_detail)] = True
    return StatTable(
        indicator=indicator,
        years=years,
        rows=rows,
        region=[region_cells[year] for year in years],
        notes=notes,
        sources=sorted(sources),
    )


@dataclass(frozen=True)
class TrendPoint:
    year: int
    value: Decimal | None
    source: str
    merged: bool
    display: str = ""


def stat_trend(*, indicator: StatIndicator, municipality=None) -> list[TrendPoint]:
    """(year, value, source, merged) per year for a municipality, or for the region (None)."""
    years = stat_years(indicator=indicator)
    if municipality is None:
        municipalities = list(region_selectors.municipalities_current())
        cells = _region_cells(indicator, years, municipalities, _values(indicator))
    else:
        values = _values(indicator)
        cells = {year: _cell(indicator, values.get((municipality.pk, year))) for year in years}
    points = []
    for year in years:
        cell = cells[year]
        shown = None if cell.suppressed or cell.hidden else cell.value
        points.append(
            TrendPoint(year=year, value=shown, source=cell.source, merged=cell.merged, display=cell.display)
        )
    return points


@dataclass(frozen=True)
class LatestFigure:
    indicator: StatIndicator
    year: int
    cell: StatCell


def stat_latest(*, indicator: StatIndicator) -> LatestFigure | None:
    """The region's latest figure that can be shown, with its year and source; None if there is none."""
    years = stat_years(indicator=indicator)
    cells = _region_cells(
        indicator, years, list(region_selectors.municipalities_current()), _values(indicator)
    )
    for year in reversed(years):
        if cells[year].value is not None:
            return LatestFigure(indicator=indicator, year=year, cell=cells[year])
    return None


@dataclass
class IndicatorGroup:
    key: str
    indicators: list[tuple[StatIndicator, LatestFigure | None]]


WEIGHT_CODES = ("bevolking-15-75", "huishoudens")


def stat_overview() -> list[IndicatorGroup]:
    """Main goals, sub goals and the weights, each indicator with its latest region figure."""
    groups = {
        "main": IndicatorGroup("main", []),
        "sub": IndicatorGroup("sub", []),
        "weights": IndicatorGroup("weights", []),
    }
    for indicator in stat_indicators():
        key = "main" if indicator.is_main_goal else ("weights" if indicator.code in WEIGHT_CODES else "sub")
        groups[key].indicators.append((indicator, stat_latest(indicator=indicator)))
    return [groups["main"], groups["sub"], groups["weights"]]


def stat_values_list(*, indicator: StatIndicator, year: int | None = None, municipality=None) -> list[dict]:
    """The stored figures (municipalities and the region) as the API shows them, small cells hidden."""
    rows = (
        StatValue.objects.filter(indicator=indicator)
        .select_related("municipality")
        .order_by("year", "municipality__name")
    )
    if year is not None:
        rows = rows.filter(year=year)
    if municipality is not None:
        rows = rows.filter(municipality=municipality)
    rows = list(rows)
    # The region's row would give a small cell away by subtraction: hide it in those years.
    small_years = (
        set(
            StatValue.objects.filter(
                indicator=indicator, municipality__isnull=False, value__lt=SMALL_CELL
            ).values_list("year", flat=True)
        )
        if _is_count(indicator)
        else set()
    )
    output = []
    for row in rows:
        cell = _cell(indicator, row)
        hidden = row.municipality_id is None and row.year in small_years
        output.append(
            {
                "year": row.year,
                "municipality": row.municipality.code if row.municipality_id else None,
                "municipality_name": row.municipality.name if row.municipality_id else None,
                "value": None if cell.suppressed or hidden else row.value,
                "suppressed": cell.suppressed or hidden,
                "source": row.source,
                "source_detail": row.source_detail,
                "reported_codes": row.reported_codes,
                "merged": cell.merged,
            }
        )
    return output
