"""Read and check the regional competency map (``competency_map.yaml``, ``regional_occupations.yaml``).

Nothing here touches the database: ``competency_map_read`` returns plain dataclasses, or raises
``MapError`` with the file name, the item and a Dutch reason. The schema is documented in
docs/competency-map.md and checked in ``tests/test_competency_map.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.esco_csv import URI_PATTERNS
from doorleren.taxonomy.models import Competency, CompetencyDemand

SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DATA_DIR = Path(__file__).resolve().parent / "data"
MAP_FILE = DATA_DIR / "competency_map.yaml"
OCCUPATIONS_FILE = DATA_DIR / "regional_occupations.yaml"


class MapError(ApplicationError):
    def __init__(self, file_name: str, reason: str):
        super().__init__(
            _("%(file)s: %(reason)s") % {"file": file_name, "reason": reason}, code="competency_map_invalid"
        )


@dataclass
class SectorSpec:
    code: str
    label: str
    explanation: str


@dataclass
class DemandSpec:
    sector: str
    trend: str
    source: str


@dataclass
class CompetencySpec:
    code: str
    label: str
    explanation: str
    kind: str
    sectors: list[str]
    esco: list[str]
    demand: list[DemandSpec]


@dataclass
class RequirementSpec:
    competency: str
    level: int
    essential: bool


@dataclass
class RegionalOccupationSpec:
    code: str
    label: str
    explanation: str
    sector: str
    esco: str
    competencies: list[RequirementSpec]


@dataclass
class CompetencyMap:
    sectors: list[SectorSpec] = field(default_factory=list)
    competencies: list[CompetencySpec] = field(default_factory=list)
    occupations: list[RegionalOccupationSpec] = field(default_factory=list)


class _Checker:
    def __init__(self, file_name: str):
        self.file_name = file_name

    def fail(self, where: str, reason: str) -> MapError:
        return MapError(self.file_name, f"{where}: {reason}" if where else reason)

    def mapping(self, value: Any, where: str) -> dict:
        if not isinstance(value, dict):
            raise self.fail(where, _("hier hoort een lijst van sleutels en waarden."))
        return value

    def items(self, value: Any, where: str) -> list:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, _("hier hoort een lijst."))
        return value

    def text(self, data: dict, key: str, where: str, *, required: bool = True, max_length: int = 0) -> str:
        value = data.get(key)
        if value is None and not required:
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            raise self.fail(where, _("'%(key)s' ontbreekt of is geen tekst.") % {"key": key})
        if max_length and len(value.strip()) > max_length:
            raise self.fail(
                where, _("'%(key)s' is langer dan %(max)d tekens.") % {"key": key, "max": max_length}
            )
        return value.strip()

    def choice(self, data: dict, key: str, where: str, choices: list[str]) -> str:
        value = data.get(key)
        if value not in choices:
            raise self.fail(
                where,
                _("'%(key)s' is '%(value)s'; kies uit: %(choices)s.")
                % {"key": key, "value": value, "choices": ", ".join(choices)},
            )
        return value

    def uri(self, value: Any, where: str, kind: str) -> str:
        if not isinstance(value, str) or not URI_PATTERNS[kind].match(value.strip()):
            raise self.fail(where, _("'%(value)s' is geen geldige ESCO-URI.") % {"value": value})
        return value.strip()

    def unique(self, codes: list[str], what: str) -> None:
        seen: set[str] = set()
        for code in codes:
            if code in seen:
                raise self.fail(
                    "", _("%(what)s '%(code)s' staat twee keer in de kaart.") % {"what": what, "code": code}
                )
            seen.add(code)


def _load_yaml(path: Path) -> dict:
    try:
        with path.open(encoding="utf-8") as handle:
            data = yaml.load(handle, Loader=SafeLoader)  # noqa: S506 - the safe loader (C version when present)
    except FileNotFoundError:
        raise MapError(path.name, _("het bestand bestaat niet.")) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = _("regel %(line)d") % {"line": mark.line + 1} if mark else ""
        raise MapError(path.name, f"{where}: " + _("dit is geen geldige YAML.")) from None
    if not isinstance(data, dict):
        raise MapError(path.name, _("het bestand is leeg of geen lijst van sleutels en waarden."))
    return data


def competency_map_read(
    *, map_path: Path = MAP_FILE, occupations_path: Path | None = OCCUPATIONS_FILE
) -> CompetencyMap:
    """Read and check both YAML files; raise ``MapError`` (Dutch, with file and item) on a problem."""
    result = CompetencyMap()
    check = _Checker(map_path.name)
    data = _load_yaml(map_path)
    for index, raw in enumerate(check.items(data.get("sectors"), "sectors"), start=1):
        where = _("sector %(n)d") % {"n": index}
        raw = check.mapping(raw, where)
        result.sectors.append(
            SectorSpec(
                code=check.text(raw, "code", where, max_length=50),
                label=check.text(raw, "label", where, max_length=200),
                explanation=check.text(raw, "explanation", where, required=False),
            )
        )
    check.unique([s.code for s in result.sectors], _("sector"))
    sector_codes = {s.code for s in result.sectors}
    kinds = [choice.value for choice in Competency.Kind]
    trends = [choice.value for choice in CompetencyDemand.Trend]
    for index, raw in enumerate(check.items(data.get("competencies"), "competencies"), start=1):
        raw = check.mapping(raw, _("competentie %(n)d") % {"n": index})
        code = check.text(raw, "code", _("competentie %(n)d") % {"n": index}, max_length=80)
        where = _("competentie '%(code)s'") % {"code": code}
        sectors = [str(s) for s in check.items(raw.get("sectors"), where)]
        for sector in sectors:
            if sector not in sector_codes:
                raise check.fail(
                    where, _("sector '%(code)s' staat niet in de lijst sectors.") % {"code": sector}
                )
        demand = []
        for sector, spec in check.mapping(raw.get("demand") or {}, where).items():
            if sector not in sector_codes:
                raise check.fail(
                    where,
                    _("vraag in sector '%(code)s', die staat niet in de lijst sectors.") % {"code": sector},
                )
            spec = check.mapping(spec, where)
            demand.append(
                DemandSpec(
                    sector=sector,
                    trend=check.choice(spec, "trend", where, trends),
                    source=check.text(spec, "source", where, required=False),
                )
            )
        esco = [check.uri(uri, where, "skill") for uri in check.items(raw.get("esco"), where)]
        result.competencies.append(
            CompetencySpec(
                code=code,
                label=check.text(raw, "label", where, max_length=200),
                explanation=check.text(raw, "explanation", where, required=False),
                kind=check.choice(raw, "kind", where, kinds),
                sectors=list(dict.fromkeys(sectors)),
                esco=list(dict.fromkeys(esco)),
                demand=demand,
            )
        )
    check.unique([c.code for c in result.competencies], _("competentie"))
    if occupations_path is not None:
        _read_occupations(occupations_path, result)
    return result


def _read_occupations(path: Path, result: CompetencyMap) -> None:
    check = _Checker(path.name)
    data = _load_yaml(path)
    sector_codes = {s.code for s in result.sectors}
    competency_codes = {c.code for c in result.competencies}
    key = "regional_occupations" if "regional_occupations" in data else "occupations"
    for index, raw in enumerate(check.items(data.get(key), key), start=1):
        raw = check.mapping(raw, _("beroep %(n)d") % {"n": index})
        code = check.text(raw, "code", _("beroep %(n)d") % {"n": index}, max_length=80)
        where = _("beroep '%(code)s'") % {"code": code}
        sector = check.text(raw, "sector", where)
        if sector not in sector_codes:
            raise check.fail(
                where, _("sector '%(code)s' staat niet in de competentiekaart.") % {"code": sector}
            )
        requirements = []
        for item in check.items(raw.get("competencies"), where):
            item = check.mapping(item, where)
            competency = check.text(item, "code", where)
            if competency not in competency_codes:
                raise check.fail(
                    where,
                    _("competentie '%(code)s' staat niet in de competentiekaart.") % {"code": competency},
                )
            level = item.get("level")
            if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 4:
                raise check.fail(
                    where, _("niveau van '%(code)s' moet 1, 2, 3 of 4 zijn.") % {"code": competency}
                )
            essential = item.get("essential", True)
            if not isinstance(essential, bool):
                raise check.fail(
                    where, _("'essential' van '%(code)s' moet true of false zijn.") % {"code": competency}
                )
            requirements.append(RequirementSpec(competency=competency, level=level, essential=essential))
        check.unique([r.competency for r in requirements], where + " " + _("competentie"))
        result.occupations.append(
            RegionalOccupationSpec(
                code=code,
                label=check.text(raw, "label", where, max_length=200),
                explanation=check.text(raw, "explanation", where, required=False),
                sector=sector,
                esco=check.uri(raw.get("esco"), where, "occupation") if raw.get("esco") else "",
                competencies=requirements,
            )
        )
    check.unique([o.code for o in result.occupations], _("beroep"))
