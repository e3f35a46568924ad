"""Read ``data/municipalities.yaml`` and write it into the region tables.

This module imports no models: the data migration passes its historical models, the service
``region_load`` passes the real ones. Applying the same file twice changes nothing.
"""

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

DATA_PATH = Path(__file__).resolve().parent / "data" / "municipalities.yaml"
CBS_CODE = re.compile(r"^GM[0-9]{4}$")


class RegionDataError(ValueError):
    """The data file is not consistent (unknown code, missing field, ...)."""


def region_data_read(*, path: Path = DATA_PATH) -> dict[str, Any]:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    region_data_check(data=data)
    return data


def region_data_check(*, data: dict[str, Any]) -> None:
    """Raise ``RegionDataError`` when the file contradicts itself."""
    subregions = {s["code"] for s in data["subregions"]}
    current = {m["code"]: m for m in data["current"]}
    for code, row in current.items():
        if not CBS_CODE.match(code):
            raise RegionDataError(f"bad CBS code {code!r}")
        if row["subregion"] not in subregions:
            raise RegionDataError(f"{code}: unknown subregion {row['subregion']!r}")
    former: dict[str, dict] = {}
    for merger in data["mergers"]:
        if not isinstance(merger["effective_on"], dt.date):
            raise RegionDataError(f"merger into {merger['into']}: effective_on is not a date")
        for source in merger["sources"]:
            code = source["code"]
            if not CBS_CODE.match(code):
                raise RegionDataError(f"bad CBS code {code!r}")
            if source.get("continues"):
                if code != merger["into"]:
                    raise RegionDataError(f"{code} continues but the merger is into {merger['into']}")
            elif not source.get("partial"):
                if code in former or code in current:
                    raise RegionDataError(f"{code} is dissolved twice or still current")
                former[code] = source
    known = set(current) | set(former)
    for merger in data["mergers"]:
        if merger["into"] not in known:
            raise RegionDataError(f"merger into unknown municipality {merger['into']}")
        for source in merger["sources"]:
            if source.get("partial") and source["code"] not in former:
                raise RegionDataError(f"partial source {source['code']} has no merger where it is dissolved")
    for code in data.get("regional_plan_2020", []):
        if code not in known:
            raise RegionDataError(f"regional plan lists unknown municipality {code}")


def region_data_apply(*, data: dict[str, Any], get_model: Callable[[str], Any]) -> dict[str, int]:
    """Create or update subregions, municipalities and mergers; return counts."""
    Subregion = get_model("Subregion")
    Municipality = get_model("Municipality")
    MunicipalityMerger = get_model("MunicipalityMerger")
    MunicipalityMergerSource = get_model("MunicipalityMergerSource")

    subregions = {}
    for row in data["subregions"]:
        subregions[row["code"]], _created = Subregion.objects.update_or_create(
            code=row["code"], defaults={"name": row["name"], "position": row["position"]}
        )

    by_code = {}
    for row in data["current"]:
        by_code[row["code"]], _created = Municipality.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "subregion": subregions[row["subregion"]],
                "province": row["province"],
                "main_town": row.get("town", ""),
                "latitude": row["lat"],
                "longitude": row["lon"],
                "is_current": True,
                "successor": None,
                "dissolved_on": None,
            },
        )

    # Newest merger first, so a municipality that itself merged away later exists before its predecessors.
    mergers = sorted(data["mergers"], key=lambda m: m["effective_on"], reverse=True)
    for merger in mergers:
        result = by_code[merger["into"]]
        for source in merger["sources"]:
            if source.get("continues") or source.get("partial"):
                continue
            by_code[source["code"]], _created = Municipality.objects.update_or_create(
                code=source["code"],
                defaults={
                    "name": source["name"],
                    "subregion": result.subregion,
                    "province": result.province,
                    "main_town": source.get("town", ""),
                    "latitude": source.get("lat", result.latitude),
                    "longitude": source.get("lon", result.longitude),
                    "is_current": False,
                    "successor": result,
                    "dissolved_on": merger["effective_on"],
                },
            )

    links = 0
    for merger in mergers:
        record, _created = MunicipalityMerger.objects.update_or_create(
            effective_on=merger["effective_on"],
            result=by_code[merger["into"]],
            defaults={"note": merger.get("note", "")},
        )
        for source in merger["sources"]:
            MunicipalityMergerSource.objects.update_or_create(
                merger=record,
                municipality=by_code[source["code"]],
                defaults={"partial": bool(source.get("partial"))},
            )
            links += 1

    return {
        "subregions": len(subregions),
        "current": len(data["current"]),
        "former": len(by_code) - len(data["current"]),
        "mergers": len(mergers),
        "merger_sources": links,
    }
