"""What every part of the demo generator shares: the seed, the region, the competency map, counts."""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext as _
from tqdm import tqdm

from doorleren.core.errors import ApplicationError
from doorleren.organisations.models import SectorCode
from doorleren.region.models import Municipality
from doorleren.taxonomy.models import Competency, RegionalOccupation, RegionalOccupationCompetency, Sector

from ..sources import Weighted, data_file

# Sectors of the competency map that the regional plan names as growing; residents prefer them a bit.
GROWTH_SECTORS = ("energie-waterstof", "ict-digitalisering", "zorg-welzijn", "afval-circulair")
DEFAULT_SECTOR_SHARE = 5


@dataclass(frozen=True)
class OccupationSpec:
    """A regional occupation with what it asks, kept in memory while generating."""

    id: int
    code: str
    label: str
    sector_id: int
    sector_code: str
    esco_id: int | None
    requirements: tuple[tuple[int, int, bool], ...]  # (competency id, level 1-4, essential)

    @property
    def demand_level(self) -> float:
        """Average level the occupation asks for its essential competencies (1-4)."""
        levels = [level for _cid, level, essential in self.requirements if essential] or [2]
        return sum(levels) / len(levels)


@dataclass
class CompetencyMap:
    sectors: dict[str, Sector]
    competencies: dict[int, Competency]
    basic: list[int]
    transversal: list[int]
    vocational_by_sector: dict[str, list[int]]
    sectors_of: dict[int, list[str]]  # competency id → sector codes
    occupations: list[OccupationSpec]
    occupations_by_sector: dict[str, list[OccupationSpec]]
    sector_weights: Weighted[str]
    employer_sector_weights: Weighted[str]

    @classmethod
    def from_database(cls) -> CompetencyMap:
        sectors = {sector.code: sector for sector in Sector.objects.order_by("code")}
        competencies = {c.pk: c for c in Competency.objects.order_by("code")}
        sector_codes_by_id = {sector.pk: code for code, sector in sectors.items()}
        vocational_by_sector: dict[str, list[int]] = {code: [] for code in sectors}
        sectors_of: dict[int, list[str]] = {}
        through = Competency.sectors.through
        for competency_id, sector_id in through.objects.order_by(
            "competency__code", "sector__code"
        ).values_list("competency_id", "sector_id"):
            sectors_of.setdefault(competency_id, []).append(sector_codes_by_id[sector_id])
            if competencies[competency_id].kind == Competency.Kind.VOCATIONAL:
                vocational_by_sector[sector_codes_by_id[sector_id]].append(competency_id)
        requirements: dict[int, list[tuple[int, int, bool]]] = {}
        for occupation_id, competency_id, level, essential in RegionalOccupationCompetency.objects.order_by(
            "regional_occupation__code", "competency__code"
        ).values_list("regional_occupation_id", "competency_id", "level", "essential"):
            requirements.setdefault(occupation_id, []).append((competency_id, level, essential))
        occupations = [
            OccupationSpec(
                id=occupation.pk,
                code=occupation.code,
                label=occupation.label,
                sector_id=occupation.sector_id,
                sector_code=sector_codes_by_id[occupation.sector_id],
                esco_id=occupation.occupation_id,
                requirements=tuple(requirements.get(occupation.pk, ())),
            )
            for occupation in RegionalOccupation.objects.order_by("code")
        ]
        occupations = [o for o in occupations if o.requirements]
        by_sector: dict[str, list[OccupationSpec]] = {}
        for occupation in occupations:
            by_sector.setdefault(occupation.sector_code, []).append(occupation)
        if not occupations:
            raise ApplicationError(
                _(
                    "De competentiekaart heeft geen beroepen met competenties. De demo kan zo niet worden gemaakt."
                ),
                code="demo_competency_map_empty",
            )
        shares = data_file("employers")["sectors"]
        weights = {
            code: shares.get(code, {}).get("share", DEFAULT_SECTOR_SHARE) for code in sorted(by_sector)
        }
        # Employers carry a sector code from organisations.SectorCode; only those sectors can have employers.
        employer_weights = {code: weight for code, weight in weights.items() if code in SectorCode.values}
        if not employer_weights:
            raise ApplicationError(
                _("Geen sector van de competentiekaart past bij de sectoren van werkgevers."),
                code="demo_competency_map_sectors",
            )
        return cls(
            sectors=sectors,
            competencies=competencies,
            basic=[pk for pk, c in competencies.items() if c.kind == Competency.Kind.BASIC],
            transversal=[pk for pk, c in competencies.items() if c.kind == Competency.Kind.TRANSVERSAL],
            vocational_by_sector=vocational_by_sector,
            sectors_of=sectors_of,
            occupations=occupations,
            occupations_by_sector=by_sector,
            sector_weights=Weighted.from_mapping(weights),
            employer_sector_weights=Weighted.from_mapping(employer_weights),
        )

    def competency_by_code(self, code: str) -> Competency | None:
        for competency in self.competencies.values():
            if competency.code == code:
                return competency
        return None


@dataclass
class RegionData:
    municipalities: dict[str, Municipality]  # current municipalities by CBS code
    population: Weighted[str]
    towns: dict[str, Weighted[str]]
    town_to_code: dict[str, str]

    @classmethod
    def from_database(cls) -> RegionData:
        spec = data_file("region")["municipalities"]
        found = {m.code: m for m in Municipality.objects.filter(code__in=list(spec), is_current=True)}
        missing = sorted(set(spec) - set(found))
        if missing:
            raise ApplicationError(
                _(
                    "De gemeenten van de regio staan nog niet in de database (%(codes)s ontbreken). "
                    "Voer eerst 'doorleren migrate' uit."
                )
                % {"codes": ", ".join(missing)},
                code="demo_region_missing",
            )
        towns = {}
        town_to_code = {}
        for code, entry in spec.items():
            names = entry["towns"]
            towns[code] = Weighted(names, [2, *([1] * (len(names) - 1))])
            for name in names:
                town_to_code.setdefault(name, code)
        population = Weighted.from_mapping({code: entry["population"] for code, entry in spec.items()})
        return cls(municipalities=found, population=population, towns=towns, town_to_code=town_to_code)

    def draw(self, rng: random.Random) -> tuple[Municipality, str]:
        """A municipality (weighted by population) and a town in it."""
        code = self.population.draw(rng)
        return self.municipalities[code], self.towns[code].draw(rng)


@dataclass
class DemoContext:
    seed: int
    today: dt.date
    batch_size: int
    progress: bool
    region: RegionData
    cmap: CompetencyMap
    counts: Counter = field(default_factory=Counter)
    organisation_ids: list[int] = field(default_factory=list)

    def rng(self, part: str) -> random.Random:
        """An independent generator per part, so changing one count never changes other parts."""
        return random.Random(f"doorleren-demo:{self.seed}:{part}")

    def bar(self, *, total: int, desc: str) -> tqdm:
        return tqdm(
            total=total, desc=desc, unit=" rij", file=sys.stderr, disable=not self.progress, leave=False
        )

    def bulk(
        self, model: type[models.Model], objects: Sequence[models.Model], *, count_as: str | None = None
    ) -> list:
        """Insert ``objects`` with ``bulk_create`` (in batches) and count them; returns them with ids."""
        if not objects:
            return []
        created = model.objects.bulk_create(objects, batch_size=self.batch_size)
        if count_as:
            self.counts[count_as] += len(objects)
        return created

    def aware(self, day: dt.date, hour: int = 10) -> dt.datetime:
        from django.utils import timezone

        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def batched_range(total: int, size: int) -> Iterable[range]:
    for start in range(0, total, size):
        yield range(start, min(total, start + size))
