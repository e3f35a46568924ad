"""What the imports and the demo figures share: limits, the figure as reported, the result of an
import, and how one figure is stored."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from ...models import StatIndicator, StatValue

REGION = "regio"
FIRST_YEAR = 1990
LAST_YEAR = 2100
_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class Figure:
    """One figure as reported: ``where`` is the municipality code or name, or ``regio``."""

    indicator: str
    where: str
    year: int
    value: Decimal
    origin: str = ""  # "regel 4" (CSV) or "" (CBS)


@dataclass
class ImportResult:
    source: str
    source_detail: str
    figures: int = 0
    stored: int = 0
    updated: int = 0
    mapped_from_old_codes: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, figure: Figure | None, reason: str, *, indicator: str = "", where: str = "", year=None):
        self.skipped.append(
            {
                "indicator": figure.indicator if figure else indicator,
                "gemeente": figure.where if figure else where,
                "jaar": figure.year if figure else year,
                "regel": figure.origin if figure else "",
                "reden": reason,
            }
        )

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "source_detail": self.source_detail,
            "figures": self.figures,
            "stored": self.stored,
            "updated": self.updated,
            "mapped_from_old_codes": self.mapped_from_old_codes,
            "skipped": self.skipped,
            "notes": self.notes,
        }


WeightOf = Callable[[str, int], Decimal | None]


def _stat_value_save(
    *,
    indicator: StatIndicator,
    municipality,
    year: int,
    value: Decimal,
    source: str,
    source_detail: str,
    now: dt.datetime,
    reported_codes: str = "",
) -> bool:
    """Store (create or update) the figure of ``indicator`` for ``municipality`` (None: the region)
    in ``year``. True when it was created."""
    _row, created = StatValue.objects.update_or_create(
        indicator=indicator,
        municipality=municipality,
        year=year,
        defaults={
            "value": value,
            "source": source,
            "source_detail": source_detail,
            "reported_codes": reported_codes,
            "imported_at": now,
        },
    )
    return created
