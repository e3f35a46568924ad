"""The tile grid: one tile per current municipality, placed roughly as on a map, coloured by band."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .. import outcomes
from ..outcomes import Figure

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
    nothing_to_compare = len(values) < 2 or values[0] == values[-1]

    def band(value: int) -> int:
        if nothing_to_compare:
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
        elif nothing_to_compare:
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
