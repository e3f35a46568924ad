"""The cells and tables of the dashboard: shown on the page and also its CSV/XLSX downloads."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..outcomes import SMALL_CELL, Figure, Rate


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
