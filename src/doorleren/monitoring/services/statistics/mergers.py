"""The region's municipal mergers in an import: which current municipality a reported code or name
belongs to, how the figures of old municipalities are combined into one (``StatIndicator.aggregation``),
and how the figures of one indicator are stored. A combination is only made when every old
municipality of that year is there; otherwise the figure is skipped with the reason, never guessed."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ...models import MAX_STAT_VALUE, TITLE_MAX, StatAggregation, StatIndicator
from .common import _PLACES, REGION, Figure, ImportResult, WeightOf, _stat_value_save


@dataclass
class _Region:
    """What an import needs to know of the region, read once through ``region.selectors``."""

    current: dict[str, Any] = field(default_factory=dict)  # code → current municipality
    current_of: dict[str, Any] = field(default_factory=dict)  # any code → current municipality
    known: dict[str, Any] = field(default_factory=dict)  # any code → municipality (current or old)
    predecessors: dict[str, list] = field(default_factory=dict)  # current code → old municipalities
    continues_until: dict[str, int] = field(default_factory=dict)  # current code → year of its merger
    formed_in: dict[str, int] = field(default_factory=dict)  # current code → year it was formed
    partial_into: dict[str, list[str]] = field(default_factory=dict)  # old code → other successors
    _lookups: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls) -> _Region:
        region = cls()
        for municipality in region_selectors.municipalities_current():
            code = municipality.code
            region.current[code] = municipality
            region.current_of[code] = municipality
            region.known[code] = municipality
            region.predecessors[code] = region_selectors.municipality_predecessors(municipality=municipality)
            for old in region.predecessors[code]:
                region.current_of[old.code] = municipality
                region.known[old.code] = old
            for merger in region_selectors.municipality_mergers(municipality=municipality):
                year = merger.effective_on.year
                sources = list(merger.source_links.all())
                if any(link.municipality.code == code for link in sources):
                    region.continues_until[code] = max(region.continues_until.get(code, 0), year)
                else:
                    region.formed_in[code] = max(region.formed_in.get(code, 0), year)
                for link in sources:
                    if link.partial:
                        region.partial_into.setdefault(link.municipality.code, []).append(municipality.name)
        return region

    def resolve(self, text: str):
        """The municipality (current or old) for a CBS code or a name; None outside the region."""
        key = " ".join(text.split()).casefold()
        if key in self._lookups:
            return self._lookups[key]
        found = None
        match = re.fullmatch(r"(?:gm)?\s*(\d{1,4})", key)
        if match:
            found = self.known.get(f"GM{int(match.group(1)):04d}")
        else:
            try:
                found = region_selectors.municipality_lookup(code_or_name=text)
            except ApplicationError:
                found = None
            if found is not None and found.code not in self.known:
                found = None
        self._lookups[key] = found
        return found


def _codes_text(codes: Iterable[str]) -> str:
    return ", ".join(sorted(codes))


def _names(municipalities: Iterable) -> str:
    return ", ".join(f"{m.name} ({m.code})" for m in sorted(municipalities, key=lambda m: m.code))


def _combine(
    *,
    indicator: StatIndicator,
    current,
    year: int,
    members: list[tuple[Any, Figure]],
    region: _Region,
    weight_of: WeightOf,
    result: ImportResult,
) -> tuple[Decimal, str] | None:
    """One value for ``current`` in ``year`` from figures under old codes (and maybe its own code).

    Returns (value, reported codes), or None after noting in ``result`` why it was skipped."""
    code = current.code
    own = [(m, f) for m, f in members if m.code == code]
    old = [(m, f) for m, f in members if m.code != code]
    gone = [(m, f) for m, f in old if m.dissolved_on is not None and m.dissolved_on.year <= year]
    for municipality, figure in gone:
        result.skip(
            figure,
            _("%(name)s bestond in %(year)d niet meer; dit cijfer hoort bij %(current)s.")
            % {"name": municipality.name, "year": year, "current": current.name},
        )
    old = [(m, f) for m, f in old if (m, f) not in gone]
    if not old:
        return (own[0][1].value, "") if own else None
    if own and region.formed_in.get(code, 0) > year and region.continues_until.get(code, 0) <= year:
        # CBS already gave a figure for the new municipality's area in a year before it was formed.
        result.notes.append(
            _(
                "%(indicator)s, %(current)s %(year)d: het CBS gaf al een cijfer voor de nieuwe gemeente; "
                "de cijfers van de oude gemeenten (%(codes)s) zijn niet gebruikt."
            )
            % {
                "indicator": indicator.name,
                "current": current.name,
                "year": year,
                "codes": _codes_text(m.code for m, _f in old),
            }
        )
        return own[0][1].value, ""
    present = {m.code for m, _f in members}
    expected = {
        m.code
        for m in region.predecessors.get(code, [])
        if m.dissolved_on is not None and m.dissolved_on.year > year
    }
    if region.continues_until.get(code, 0) > year:
        expected.add(code)
    missing = [region.known[c] for c in expected - present]
    first = members[0][1]
    if missing:
        result.skip(
            first,
            _(
                "Voor %(current)s in %(year)d ontbreken de cijfers van %(missing)s. Wij tellen geen deel "
                "van de oude gemeenten op; dit cijfer is niet opgeslagen."
            )
            % {"current": current.name, "year": year, "missing": _names(missing)},
        )
        return None
    values = [(m, f.value) for m, f in members]
    if indicator.aggregation == StatAggregation.WEIGHTED_MEAN:
        weight_name = indicator.weight_indicator.name if indicator.weight_indicator_id else ""
        weights = (
            {m.code: weight_of(m.code, year) for m, _v in values} if indicator.weight_indicator_id else {}
        )
        lacking = [m for m, _v in values if weights.get(m.code) is None]
        if lacking:
            result.skip(
                first,
                _(
                    "Om %(codes)s samen te voegen tot %(current)s (%(year)d) is een gewogen gemiddelde nodig. "
                    "Het gewicht (%(weight)s) ontbreekt in deze import voor %(lacking)s. Wij gokken niet; "
                    "dit cijfer is niet opgeslagen."
                )
                % {
                    "codes": _codes_text(present),
                    "current": current.name,
                    "year": year,
                    "weight": weight_name or _("geen weging ingesteld"),
                    "lacking": _names(lacking),
                },
            )
            return None
        total_weight = sum(weights[m.code] for m, _v in values)
        if total_weight <= 0:
            result.skip(first, _("De gewichten om de oude gemeenten samen te voegen zijn samen 0."))
            return None
        value = sum(v * weights[m.code] for m, v in values) / total_weight
    else:
        value = sum(v for _m, v in values)
    for municipality, _figure in old:
        others = region.partial_into.get(municipality.code)
        if others:
            result.notes.append(
                _(
                    "%(name)s (%(code)s) is maar voor een deel opgegaan in %(current)s; een ander deel ging naar "
                    "%(others)s. Het hele cijfer van %(name)s telt mee bij %(current)s, de gemeente die het "
                    "grootste deel kreeg."
                )
                % {
                    "name": municipality.name,
                    "code": municipality.code,
                    "current": current.name,
                    "others": ", ".join(sorted(set(others))),
                }
            )
    return value, _codes_text(present)


def _store_indicator(
    *,
    indicator: StatIndicator,
    figures: list[Figure],
    region: _Region,
    weight_of: WeightOf,
    result: ImportResult,
    now: dt.datetime,
) -> None:
    groups: dict[tuple[str | None, int], list[tuple[Any, Figure]]] = defaultdict(list)
    for figure in figures:
        if figure.where.strip().casefold() == REGION:
            groups[(None, figure.year)].append((None, figure))
            continue
        municipality = region.resolve(figure.where)
        if municipality is None:
            result.skip(
                figure,
                _("“%(where)s” is geen gemeente in de regio Groningen en Noord-Drenthe.")
                % {"where": figure.where[:60]},
            )
            continue
        current = region.current_of.get(municipality.code)
        if current is None:
            result.skip(
                figure,
                _("Voor %(name)s weten wij niet in welke gemeente zij is opgegaan.")
                % {"name": municipality.name},
            )
            continue
        groups[(current.code, figure.year)].append((municipality, figure))

    for (code, year), members in sorted(groups.items(), key=lambda item: (item[0][0] or "", item[0][1])):
        if code is None:
            value, reported, current = members[0][1].value, "", None
        else:
            current = region.current[code]
            codes = [m.code for m, _f in members]
            if len(set(codes)) != len(codes):
                result.skip(
                    members[0][1],
                    _("Voor %(name)s staat in %(year)d meer dan één cijfer; wij weten niet welk klopt.")
                    % {"name": current.name, "year": year},
                )
                continue
            combined = _combine(
                indicator=indicator,
                current=current,
                year=year,
                members=members,
                region=region,
                weight_of=weight_of,
                result=result,
            )
            if combined is None:
                continue
            value, reported = combined
        if abs(value) > MAX_STAT_VALUE:  # before quantize: a huge weighted mean has too many digits for it
            result.skip(members[0][1], _("Dit getal is te groot."))
            continue
        value = value.quantize(_PLACES, rounding=ROUND_HALF_UP)
        created = _stat_value_save(
            indicator=indicator,
            municipality=current,
            year=year,
            value=value,
            source=result.source,
            source_detail=result.source_detail[:TITLE_MAX],
            reported_codes=reported[:TITLE_MAX],
            now=now,
        )
        if created:
            result.stored += 1
        else:
            result.updated += 1
        if reported:
            result.mapped_from_old_codes.append(
                {
                    "indicator": indicator.code,
                    "gemeente": current.name,
                    "code": current.code,
                    "jaar": year,
                    "reported_codes": reported,
                    "waarde": str(value),
                }
            )
