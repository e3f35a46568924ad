"""Load the regional competency map (YAML) into sectors, competencies, demand and regional occupations.

The map is read and checked completely before anything is written; then one transaction writes it.
Loading is idempotent: a second load of the same files changes nothing and reports zero created
and updated. Rows are matched by ``code``. What the map owns is synchronised exactly (a
competency's sectors, ESCO skills and demand; a regional occupation's competencies); sectors,
competencies and regional occupations that disappeared from the map are kept, because other apps
may refer to them, and are listed under ``not_in_map``.

ESCO URIs in the map point to ``Skill`` and ``Occupation`` rows. When ESCO is not imported (yet),
a minimal row with only the URI and the map's label is created, so the demo works without ESCO;
``esco_import`` fills such rows in later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from doorleren.taxonomy.competency_map_yaml import MAP_FILE, OCCUPATIONS_FILE, MapError, competency_map_read
from doorleren.taxonomy.models import (
    Competency,
    CompetencyDemand,
    Occupation,
    RegionalOccupation,
    RegionalOccupationCompetency,
    Sector,
    Skill,
)
from doorleren.taxonomy.services.versions import taxonomy_version_bump

__all__ = ["MAP_FILE", "OCCUPATIONS_FILE", "MapError", "competency_map_load"]


@dataclass
class _Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "deleted": self.deleted,
        }

    def count(self, created: bool, changed: bool) -> None:
        if created:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


def _sync_by_code(model, specs: dict[str, dict]) -> tuple[dict[str, Any], set[str], set[str]]:
    """Create or update one row per code with its values; return rows by code, created and changed codes."""
    rows = {row.code: row for row in model.objects.filter(code__in=list(specs))}
    created = [model(code=code, **values) for code, values in specs.items() if code not in rows]
    changed, fields = [], set()
    now = timezone.now()
    for code, row in rows.items():
        names = [name for name, value in specs[code].items() if getattr(row, name) != value]
        if names:
            for name in names:
                setattr(row, name, specs[code][name])
            row.updated_at = now
            fields.update(names)
            changed.append(row)
    model.objects.bulk_create(created)
    if changed:
        model.objects.bulk_update(changed, [*sorted(fields), "updated_at"])
    rows.update({row.code: row for row in created})
    return rows, {row.code for row in created}, {row.code for row in changed}


def _sync_pairs(through, owner: str, target: str, owner_ids: list[int], wanted: set[tuple[int, int]]) -> set:
    """Make the (owner, target) rows of ``through`` for ``owner_ids`` exactly ``wanted``.

    Returns the pairs added and removed, each tagged ``("added"|"removed", owner id, target id)``.
    """
    existing = {
        (o, t): pk
        for pk, o, t in through.objects.filter(**{f"{owner}_id__in": owner_ids}).values_list(
            "pk", f"{owner}_id", f"{target}_id"
        )
    }
    added = wanted - existing.keys()
    removed = existing.keys() - wanted
    through.objects.bulk_create([through(**{f"{owner}_id": o, f"{target}_id": t}) for o, t in added])
    if removed:
        through.objects.filter(pk__in=[existing[key] for key in removed]).delete()
    return {("added", *pair) for pair in added} | {("removed", *pair) for pair in removed}


def _sync_children(model, owner: str, key: str, owner_ids: list[int], wanted: dict, counts: _Counts) -> None:
    """Rows of ``model`` keyed by (owner id, ``key`` id) with values: create, update, delete and count."""
    existing = {
        (getattr(row, f"{owner}_id"), getattr(row, f"{key}_id")): row
        for row in model.objects.filter(**{f"{owner}_id__in": owner_ids})
    }
    created, changed, fields = [], [], set()
    for pair, values in wanted.items():
        row = existing.get(pair)
        if row is None:
            created.append(model(**{f"{owner}_id": pair[0], f"{key}_id": pair[1]}, **values))
            continue
        names = [name for name, value in values.items() if getattr(row, name) != value]
        if names:
            for name in names:
                setattr(row, name, values[name])
            fields.update(names)
            changed.append(row)
        else:
            counts.unchanged += 1
    stale = [row.pk for pair, row in existing.items() if pair not in wanted]
    model.objects.bulk_create(created)
    if changed:
        model.objects.bulk_update(changed, sorted(fields))
    if stale:
        model.objects.filter(pk__in=stale).delete()
    counts.created += len(created)
    counts.updated += len(changed)
    counts.deleted += len(stale)


def _count(counts: _Counts, rows: dict, created: set[str], changed: set[str]) -> None:
    counts.created += len(created)
    counts.updated += len(changed)
    counts.unchanged += len(rows) - len(created) - len(changed)


def _esco_rows(model, uris: dict[str, str]) -> tuple[dict[str, int], int]:
    """URI → id for every URI; create a minimal row (URI and map label) for URIs ESCO did not bring."""
    found = dict(model.objects.filter(uri__in=list(uris)).values_list("uri", "id"))
    missing = [model(uri=uri, label=label[:500]) for uri, label in uris.items() if uri not in found]
    if missing:
        model.objects.bulk_create(missing)
        found.update(model.objects.filter(uri__in=[m.uri for m in missing]).values_list("uri", "id"))
    return found, len(missing)


def competency_map_load(
    *, map_path: Path = MAP_FILE, occupations_path: Path | None = OCCUPATIONS_FILE
) -> dict:
    """Load the competency map (and the regional occupations, when a path is given) idempotently.

    Returns counts per part, ESCO placeholder rows created, and the codes no longer in the map.
    Raises ``MapError`` (nothing written) when a file is missing or wrong.
    """
    spec = competency_map_read(map_path=map_path, occupations_path=occupations_path)
    parts = ("sectors", "competencies", "demands", "regional_occupations", "requirements")
    counts = {part: _Counts() for part in parts}
    with transaction.atomic():
        sectors, created, changed = _sync_by_code(
            Sector, {s.code: {"label": s.label, "explanation": s.explanation} for s in spec.sectors}
        )
        _count(counts["sectors"], sectors, created, changed)
        sector_ids = {code: row.pk for code, row in sectors.items()}

        skill_ids, skill_placeholders = _esco_rows(
            Skill, {uri: c.label for c in reversed(spec.competencies) for uri in c.esco}
        )
        occupation_ids, occupation_placeholders = _esco_rows(
            Occupation, {o.esco: o.label for o in reversed(spec.occupations) if o.esco}
        )

        competencies, created, changed = _sync_by_code(
            Competency,
            {
                c.code: {"label": c.label, "explanation": c.explanation, "kind": c.kind}
                for c in spec.competencies
            },
        )
        ids = {code: row.pk for code, row in competencies.items()}
        owners = list(ids.values())
        links = _sync_pairs(
            Competency.sectors.through,
            "competency",
            "sector",
            owners,
            {(ids[c.code], sector_ids[code]) for c in spec.competencies for code in c.sectors},
        )
        links |= _sync_pairs(
            Competency.esco_skills.through,
            "competency",
            "skill",
            owners,
            {(ids[c.code], skill_ids[uri]) for c in spec.competencies for uri in c.esco},
        )
        relinked = {owner for _change, owner, _target in links}
        changed |= {code for code, pk in ids.items() if pk in relinked} - created
        _count(counts["competencies"], competencies, created, changed)
        _sync_children(
            CompetencyDemand,
            "competency",
            "sector",
            owners,
            {
                (ids[c.code], sector_ids[d.sector]): {"trend": d.trend, "source": d.source}
                for c in spec.competencies
                for d in c.demand
            },
            counts["demands"],
        )

        occupations, created, changed = _sync_by_code(
            RegionalOccupation,
            {
                o.code: {
                    "label": o.label,
                    "explanation": o.explanation,
                    "sector_id": sector_ids[o.sector],
                    "occupation_id": occupation_ids.get(o.esco),
                }
                for o in spec.occupations
            },
        )
        _count(counts["regional_occupations"], occupations, created, changed)
        _sync_children(
            RegionalOccupationCompetency,
            "regional_occupation",
            "competency",
            [row.pk for row in occupations.values()],
            {
                (occupations[o.code].pk, ids[r.competency]): {"level": r.level, "essential": r.essential}
                for o in spec.occupations
                for r in o.competencies
            },
            counts["requirements"],
        )

        if any(c.created or c.updated or c.deleted for c in counts.values()) or links:
            taxonomy_version_bump(name="map")
        if skill_placeholders or occupation_placeholders:
            taxonomy_version_bump(name="esco")  # new ESCO rows: the occupation and skill indexes change too
    return {
        **{part: value.as_dict() for part, value in counts.items()},
        "competency_links": {
            "added": sum(1 for change, *_pair in links if change == "added"),
            "removed": sum(1 for change, *_pair in links if change == "removed"),
        },
        "esco_placeholders": {"skills": skill_placeholders, "occupations": occupation_placeholders},
        "not_in_map": {
            "sectors": sorted(
                Sector.objects.exclude(code__in=[s.code for s in spec.sectors]).values_list("code", flat=True)
            ),
            "competencies": sorted(
                Competency.objects.exclude(code__in=[c.code for c in spec.competencies]).values_list(
                    "code", flat=True
                )
            ),
            "regional_occupations": sorted(
                RegionalOccupation.objects.exclude(code__in=[o.code for o in spec.occupations]).values_list(
                    "code", flat=True
                )
            )
            if occupations_path is not None
            else [],
        },
    }
