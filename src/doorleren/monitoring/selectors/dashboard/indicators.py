"""The regional indicators of a page: the latest value of each, for the region or one municipality."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ...models import StatIndicator, StatSource, StatValue
from .tables import Cell, Table, text_cell


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
