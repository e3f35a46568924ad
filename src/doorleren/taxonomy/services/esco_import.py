"""Import the official ESCO CSV export into the taxonomy tables.

``esco_import`` reads every ``<kind>_<lang>.csv`` it knows in a directory, in dependency order
(ISCO groups, skill groups, skills, occupations, skill hierarchy, broader relations,
occupation-skill relations), merges the languages per concept URI, and writes in batches of
``BATCH_SIZE`` records. All of it runs in one transaction: a bad file anywhere rolls everything
back, so the database is exactly as it was. Memory stays bounded: one batch of records, plus
a hash and line number per key already seen in the current file (to refuse duplicates).

Counts are per file kind and language. For concepts, a record counts as *created* when the
concept had nothing in that language yet (new concept, or new language), *updated* when
something of it changed, *unchanged* otherwise. A second import of the same files reports zero
created and zero updated.

Rules for merging: language-independent fields (code, status, skill type, reuse level, ISCO
group) take the file's value when it is not empty; an empty value never clears one. Labels and
the description of a language are replaced by what the file of that language says. Concepts and
relations missing from the files are kept (ESCO marks withdrawn concepts ``obsolete``).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any, Protocol

from django.db import transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy import esco_csv
from doorleren.taxonomy.esco_csv import BroaderRow, ConceptRow, EscoFile, EscoFileError, OccupationSkillRow
from doorleren.taxonomy.models import (
    IscoGroup,
    IscoGroupLabel,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillBroader,
    SkillGroup,
    SkillGroupLabel,
    SkillLabel,
)
from doorleren.taxonomy.services.versions import taxonomy_version_bump

BATCH_SIZE = 500
DISPLAY_LANGS = ("nl", "en")
LABEL_LENGTH = 500  # EscoConcept.label max_length; the full text stays in the label table


class ProgressBar(Protocol):
    def update(self, n: int) -> Any: ...

    def close(self) -> Any: ...


ProgressFactory = Callable[[str, int], ProgressBar]
"""``progress(description, total_bytes)`` returns a bar (tqdm fits: ``update(n)``, ``close()``)."""


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def as_dict(self) -> dict[str, int]:
        return {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}


@dataclass(frozen=True)
class ConceptKind:
    key: str
    model: type[Model]
    label_model: type[Model]
    fields: tuple[str, ...]


CONCEPT_KINDS = {
    "ISCOGroups": ConceptKind("isco_groups", IscoGroup, IscoGroupLabel, ("status", "code")),
    "skillGroups": ConceptKind("skill_groups", SkillGroup, SkillGroupLabel, ("status", "code")),
    "skills": ConceptKind("skills", Skill, SkillLabel, ("status", "skill_type", "reuse_level")),
    "occupations": ConceptKind(
        "occupations", Occupation, OccupationLabel, ("status", "code", "isco_group_id")
    ),
}
RELATION_KEYS = {
    "skillsHierarchy": "skill_hierarchy",
    "broaderRelationsSkillPillar": "skill_broader",
    "occupationSkillRelations": "occupation_skills",
}


@dataclass
class ImportResult:
    counts: dict[str, dict[str, Counts]] = field(default_factory=lambda: defaultdict(dict))
    files: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)

    def counts_for(self, key: str, lang: str) -> Counts:
        return self.counts[key].setdefault(lang, Counts())

    @property
    def changed(self) -> bool:
        return any(c.created or c.updated for per_lang in self.counts.values() for c in per_lang.values())


def esco_files_found(*, directory: Path) -> tuple[list, list[str]]:
    """The ESCO files in ``directory`` and the names of the files left out; a Dutch ``ApplicationError``
    when the folder is missing or holds no ESCO file. For the import and for queueing it as a job."""
    if not directory.is_dir():
        raise ApplicationError(
            _("Map %(dir)s bestaat niet.") % {"dir": directory}, code="esco_directory_missing"
        )
    files, ignored = esco_csv.esco_files(directory)
    if not files:
        raise ApplicationError(
            _("In %(dir)s staan geen ESCO-bestanden (zoals occupations_nl.csv of skills_en.csv).")
            % {"dir": directory},
            code="esco_files_missing",
        )
    return files, ignored


def esco_import(*, directory: Path, progress: ProgressFactory | None = None) -> dict:
    """Import (or update) ESCO from the official CSV files in ``directory``.

    Returns a JSON-ready dict: counts per kind and language, totals in the database afterwards,
    the files read and ignored, and the seconds it took. Raises ``EscoFileError`` (file, line,
    Dutch reason) for a malformed file, ``ApplicationError`` when there is nothing to import; the
    database is then unchanged.
    """
    started = time.monotonic()
    files, ignored = esco_files_found(directory=Path(directory))
    result = ImportResult(ignored=ignored)
    with transaction.atomic():
        for esco_file in files:
            result.files.append(esco_file.name)
            bar = progress(esco_file.name, esco_file.path.stat().st_size) if progress else None
            on_bytes = bar.update if bar else None
            try:
                _import_file(esco_file, result, on_bytes)
            finally:
                if bar:
                    bar.close()
        parents_changed = _link_isco_parents() if any(f.kind == "ISCOGroups" for f in files) else 0
        if result.changed or parents_changed:
            taxonomy_version_bump(name="esco")
    return {
        **{
            key: {lang: c.as_dict() for lang, c in sorted(per_lang.items())}
            for key, per_lang in result.counts.items()
        },
        "totals": esco_totals(),
        "files": result.files,
        "ignored_files": result.ignored,
        "seconds": round(time.monotonic() - started, 1),
    }


def esco_totals() -> dict[str, int]:
    return {
        "isco_groups": IscoGroup.objects.count(),
        "skill_groups": SkillGroup.objects.count(),
        "skills": Skill.objects.count(),
        "occupations": Occupation.objects.count(),
        "labels": sum(
            m.objects.count() for m in (IscoGroupLabel, SkillGroupLabel, SkillLabel, OccupationLabel)
        ),
        "skill_broader": SkillBroader.objects.count(),
        "occupation_skills": OccupationSkill.objects.count(),
    }


def _batches(rows: Iterable, size: int = BATCH_SIZE) -> Iterator[list]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def _import_file(esco_file: EscoFile, result: ImportResult, on_bytes) -> None:
    if esco_file.kind in CONCEPT_KINDS:
        kind = CONCEPT_KINDS[esco_file.kind]
        counts = result.counts_for(kind.key, esco_file.lang)
        seen: dict[str, int] = {}
        for batch in _batches(esco_csv.read_concepts(esco_file, on_bytes=on_bytes)):
            _refuse_duplicates(esco_file, seen, ((row.uri, row.line) for row in batch))
            _import_concepts(kind, esco_file, batch, counts)
        return
    counts = result.counts_for(RELATION_KEYS[esco_file.kind], esco_file.lang)
    seen = {}
    if esco_file.kind == "occupationSkillRelations":
        for batch in _batches(esco_csv.read_occupation_skills(esco_file, on_bytes=on_bytes)):
            _refuse_duplicates(esco_file, seen, (((r.occupation_uri, r.skill_uri), r.line) for r in batch))
            _import_occupation_skills(esco_file, batch, counts)
    else:
        reader = esco_csv.read_hierarchy if esco_file.kind == "skillsHierarchy" else esco_csv.read_broader
        for batch in _batches(reader(esco_file, on_bytes=on_bytes)):
            _refuse_duplicates(esco_file, seen, (((r.uri, r.broader_uri), r.line) for r in batch))
            _import_broader(esco_file, batch, counts)


def _refuse_duplicates(esco_file: EscoFile, seen: dict, keyed_lines: Iterable[tuple[Any, int]]) -> None:
    """Refuse a URI (or URI pair) seen before in this file. ``seen`` keeps only hashes and lines."""
    for key, line in keyed_lines:
        first = seen.setdefault(hash(key), line)
        if first != line:
            raise EscoFileError(
                file_name=esco_file.name,
                line=line,
                reason=_("dit staat al eerder in het bestand, op regel %(first)d.") % {"first": first},
            )


# --- concepts -------------------------------------------------------------------------------------


def display_label(labels: Iterable[tuple[str, str, str]], fallback: str = "") -> str:
    """Dutch preferred label, else English, else any preferred label (by language), else ``fallback``."""
    preferred = sorted((lang, text) for lang, kind, text in labels if kind == "preferred")
    for wanted in DISPLAY_LANGS:
        for lang, text in preferred:
            if lang == wanted:
                return text[:LABEL_LENGTH]
    return preferred[0][1][:LABEL_LENGTH] if preferred else fallback


def _resolve_isco_groups(esco_file: EscoFile, rows: list[ConceptRow]) -> dict[str, int]:
    codes = {row.isco_code for row in rows if row.isco_code}
    found = dict(IscoGroup.objects.filter(code__in=codes).values_list("code", "id"))
    for row in rows:
        if row.isco_code and row.isco_code not in found:
            raise EscoFileError(
                file_name=esco_file.name,
                line=row.line,
                reason=_("ISCO-groep %(code)s bestaat niet; importeer eerst ISCOGroups_<taal>.csv.")
                % {"code": row.isco_code},
            )
    return found


def _import_concepts(kind: ConceptKind, esco_file: EscoFile, rows: list[ConceptRow], counts: Counts) -> None:
    lang = esco_file.lang
    model, label_model = kind.model, kind.label_model
    isco_ids = _resolve_isco_groups(esco_file, rows) if esco_file.kind == "occupations" else {}
    existing = {c.uri: c for c in model.objects.filter(uri__in=[row.uri for row in rows])}
    labels: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    for label_id, concept_id, lg, label_kind, text in label_model.objects.filter(
        concept_id__in=[c.pk for c in existing.values()]
    ).values_list("id", "concept_id", "lang", "kind", "text"):
        labels[concept_id].append((label_id, lg, label_kind, text))

    now = timezone.now()
    new_concepts: list[tuple[Model, ConceptRow]] = []
    changed: list[Model] = []
    changed_fields: set[str] = {"updated_at"}
    label_creates: list[Model] = []
    label_deletes: list[int] = []
    for row in rows:
        values = {
            "status": row.status,
            "code": row.code,
            "skill_type": row.skill_type,
            "reuse_level": row.reuse_level,
            "isco_group_id": isco_ids.get(row.isco_code),
        }
        wanted = {(label_kind, text) for label_kind, text in row.labels}
        concept = existing.get(row.uri)
        if concept is None:
            concept = model(uri=row.uri, descriptions={lang: row.description} if row.description else {})
            for name in kind.fields:
                if values[name]:
                    setattr(concept, name, values[name])
            concept.label = display_label((lang, k, t) for k, t in row.labels)
            new_concepts.append((concept, row))
            counts.created += 1
            continue

        old = labels.get(concept.pk, [])
        old_here = {(k, t): label_id for label_id, lg, k, t in old if lg == lang}
        had_language = bool(old_here) or lang in concept.descriptions
        dirty = False
        for name in kind.fields:
            if values[name] and getattr(concept, name) != values[name]:
                setattr(concept, name, values[name])
                changed_fields.add(name)
                dirty = True
        if row.description and concept.descriptions.get(lang) != row.description:
            concept.descriptions = {**concept.descriptions, lang: row.description}
            changed_fields.add("descriptions")
            dirty = True
        elif not row.description and lang in concept.descriptions:
            concept.descriptions = {k: v for k, v in concept.descriptions.items() if k != lang}
            changed_fields.add("descriptions")
            dirty = True
        stale = [label_id for key, label_id in old_here.items() if key not in wanted]
        fresh = [key for key in row.labels if key not in old_here]
        if stale or fresh:
            label_deletes.extend(stale)
            label_creates.extend(
                label_model(concept_id=concept.pk, lang=lang, kind=k, text=t) for k, t in fresh
            )
            dirty = True
        merged = [(lg, k, t) for _id, lg, k, t in old if lg != lang] + [(lang, k, t) for k, t in row.labels]
        label = display_label(merged, fallback=concept.label)
        if label != concept.label:
            concept.label = label
            changed_fields.add("label")
            dirty = True
        if dirty:
            concept.updated_at = now
            changed.append(concept)
            if had_language:
                counts.updated += 1
            else:
                counts.created += 1
        else:
            counts.unchanged += 1

    if new_concepts:
        model.objects.bulk_create([concept for concept, _row in new_concepts])
        for concept, row in new_concepts:
            label_creates.extend(
                label_model(concept_id=concept.pk, lang=lang, kind=k, text=t) for k, t in row.labels
            )
    if changed:
        model.objects.bulk_update(changed, sorted(changed_fields))
    if label_deletes:
        label_model.objects.filter(pk__in=label_deletes).delete()
    if label_creates:
        label_model.objects.bulk_create(label_creates)


def _link_isco_parents() -> int:
    """ISCO codes nest by prefix: 2654 belongs to 265, which belongs to 26 and 2."""
    groups = list(IscoGroup.objects.only("id", "code", "parent_id"))
    by_code = {group.code: group.pk for group in groups if group.code}
    changed = []
    for group in groups:
        parent_id = by_code.get(group.code[:-1]) if len(group.code) > 1 else None
        if group.parent_id != parent_id:
            group.parent_id = parent_id
            changed.append(group)
    IscoGroup.objects.bulk_update(changed, ["parent"], batch_size=BATCH_SIZE)
    return len(changed)


# --- relations ------------------------------------------------------------------------------------


def _uri_ids(model: type[Model], uris: set[str]) -> dict[str, int]:
    return dict(model.objects.filter(uri__in=uris).values_list("uri", "id"))


def _unknown(esco_file: EscoFile, line: int, kind: str, uri: str) -> EscoFileError:
    return EscoFileError(
        file_name=esco_file.name,
        line=line,
        reason=_("%(kind)s %(uri)s bestaat niet (niet in dit bestand en niet in de database).")
        % {"kind": esco_csv.KIND_NAMES[kind], "uri": uri},
    )


def _import_broader(esco_file: EscoFile, rows: list[BroaderRow], counts: Counts) -> None:
    ids = {
        "skill": _uri_ids(
            Skill,
            {
                u
                for r in rows
                for t, u in ((r.concept_type, r.uri), (r.broader_type, r.broader_uri))
                if t == "skill"
            },
        ),
        "skill_group": _uri_ids(
            SkillGroup,
            {
                u
                for r in rows
                for t, u in ((r.concept_type, r.uri), (r.broader_type, r.broader_uri))
                if t == "skill_group"
            },
        ),
    }
    keys = []
    for row in rows:
        narrower = ids[row.concept_type].get(row.uri)
        if narrower is None:
            raise _unknown(esco_file, row.line, row.concept_type, row.uri)
        broader = ids[row.broader_type].get(row.broader_uri)
        if broader is None:
            raise _unknown(esco_file, row.line, row.broader_type, row.broader_uri)
        keys.append(
            (
                narrower if row.concept_type == "skill" else None,
                narrower if row.concept_type == "skill_group" else None,
                broader if row.broader_type == "skill" else None,
                broader if row.broader_type == "skill_group" else None,
            )
        )
    skill_ids = {k[0] for k in keys if k[0]}
    group_ids = {k[1] for k in keys if k[1]}
    existing = set(
        SkillBroader.objects.filter(Q(skill_id__in=skill_ids) | Q(skill_group_id__in=group_ids)).values_list(
            "skill_id", "skill_group_id", "broader_skill_id", "broader_group_id"
        )
    )
    new = [key for key in keys if key not in existing]
    counts.unchanged += len(keys) - len(new)
    counts.created += len(new)
    SkillBroader.objects.bulk_create(
        SkillBroader(skill_id=s, skill_group_id=g, broader_skill_id=bs, broader_group_id=bg)
        for s, g, bs, bg in new
    )


def _import_occupation_skills(esco_file: EscoFile, rows: list[OccupationSkillRow], counts: Counts) -> None:
    occupations = _uri_ids(Occupation, {row.occupation_uri for row in rows})
    skills = _uri_ids(Skill, {row.skill_uri for row in rows})
    for row in rows:
        if row.occupation_uri not in occupations:
            raise _unknown(esco_file, row.line, "occupation", row.occupation_uri)
        if row.skill_uri not in skills:
            raise _unknown(esco_file, row.line, "skill", row.skill_uri)
    existing = {
        (occupation_id, skill_id): (pk, relation, skill_type)
        for pk, occupation_id, skill_id, relation, skill_type in OccupationSkill.objects.filter(
            occupation_id__in=occupations.values(), skill_id__in=skills.values()
        ).values_list("pk", "occupation_id", "skill_id", "relation", "skill_type")
    }
    new, changed = [], []
    for row in rows:
        key = (occupations[row.occupation_uri], skills[row.skill_uri])
        found = existing.get(key)
        if found is None:
            new.append(
                OccupationSkill(
                    occupation_id=key[0], skill_id=key[1], relation=row.relation, skill_type=row.skill_type
                )
            )
            continue
        pk, relation, skill_type = found
        if relation != row.relation or (row.skill_type and skill_type != row.skill_type):
            changed.append(
                OccupationSkill(pk=pk, relation=row.relation, skill_type=row.skill_type or skill_type)
            )
        else:
            counts.unchanged += 1
    counts.created += len(new)
    counts.updated += len(changed)
    OccupationSkill.objects.bulk_create(new)
    OccupationSkill.objects.bulk_update(changed, ["relation", "skill_type"])
