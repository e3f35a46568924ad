"""Selectors for search: the ``Concept`` lists the linking engine indexes, and the cached indexes.

``linking_index(kind=...)`` gives a ``LinkIndex`` per kind (occupations, skills, competencies). An
index is saved in the folder ``LINKING_INDEX_DIR/<kind>-<fingerprint>/`` (the engine writes
``index.npz`` and ``index.json`` there) and kept in process memory; the fingerprint changes whenever
the taxonomy does (version counters bumped by the import and the map load, plus row counts and the last
change time). Building takes minutes for ESCO, so pages and the API never build (see ``linking_index``).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import Max
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.models import (
    Competency,
    ConceptStatus,
    Occupation,
    OccupationLabel,
    Skill,
    SkillLabel,
    TaxonomyVersion,
)

if TYPE_CHECKING:
    from doorleren.engine.linking import Concept, LinkIndex

LINKING_KINDS = ("occupations", "skills", "competencies")
COMPETENCY_URI_PREFIX = "https://doorleren.nl/competentie/"
MAX_QUERY_LENGTH = 200
MAX_TOP = 50
CONCEPT_CHUNK = 2000


def competency_code_from_uri(uri: str) -> str:
    """``https://doorleren.nl/competentie/<code>`` → ``<code>``; a bare code stays as it is."""
    return uri.removeprefix(COMPETENCY_URI_PREFIX)


def competency_uri(code: str) -> str:
    return f"{COMPETENCY_URI_PREFIX}{code}"


# --- concepts for the linking engine --------------------------------------------------------------


def _chunks(ids: list[int], size: int = CONCEPT_CHUNK) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _esco_concepts(model, label_model) -> list[Concept]:
    rows = list(
        model.objects.exclude(status=ConceptStatus.OBSOLETE)
        .order_by("uri")
        .values_list("id", "uri", "label", "descriptions")
    )
    concepts = []
    for start in range(0, len(rows), CONCEPT_CHUNK):
        chunk = rows[start : start + CONCEPT_CHUNK]
        labels: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for concept_id, lang, kind, text in (
            label_model.objects.filter(concept_id__in=[row[0] for row in chunk])
            .order_by("id")
            .values_list("concept_id", "lang", "kind", "text")
        ):
            labels[concept_id].append((lang, kind, text))
        concepts.extend(_concept(row, labels.get(row[0], [])) for row in chunk)
    return concepts


def _concept(row: tuple, labels: list[tuple[str, str, str]]) -> Concept:
    from doorleren.engine.linking import Concept

    _id, uri, label, descriptions = row
    if not any(kind == "preferred" for _lang, kind, _text in labels) and label:
        labels = [("nl", "preferred", label), *labels]  # a row the competency map created: only its map label
    return Concept(
        uri=uri, labels=labels, description="\n".join(v for _k, v in sorted((descriptions or {}).items()))
    )


def occupation_concepts() -> list[Concept]:
    """Every occupation that is not obsolete, with all its labels in every language."""
    return _esco_concepts(Occupation, OccupationLabel)


def skill_concepts() -> list[Concept]:
    """Every skill that is not obsolete, with all its labels in every language."""
    return _esco_concepts(Skill, SkillLabel)


def competency_concepts() -> list[Concept]:
    """Competencies of the map: the B1 label (preferred), the ESCO skills' preferred labels
    (alternative) and their other labels (hidden). URI: ``https://doorleren.nl/competentie/<code>``."""
    from doorleren.engine.linking import Concept

    skill_labels: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    links = list(Competency.esco_skills.through.objects.values_list("competency_id", "skill_id"))
    skill_ids = sorted({skill_id for _c, skill_id in links})
    for chunk in _chunks(skill_ids):
        for skill_id, lang, kind, text in (
            SkillLabel.objects.filter(concept_id__in=chunk)
            .order_by("id")
            .values_list("concept_id", "lang", "kind", "text")
        ):
            skill_labels[skill_id].append((lang, "alternative" if kind == "preferred" else "hidden", text))
    map_labels = dict(Skill.objects.filter(id__in=skill_ids).values_list("id", "label"))
    per_competency: dict[int, list[int]] = defaultdict(list)
    for competency_id, skill_id in links:
        per_competency[competency_id].append(skill_id)
    concepts = []
    for competency in Competency.objects.order_by("code").only("id", "code", "label", "explanation"):
        labels = [("nl", "preferred", competency.label)]
        seen = {(lang, text) for lang, _kind, text in labels}
        for skill_id in sorted(per_competency.get(competency.pk, [])):
            extra = skill_labels.get(skill_id) or [("nl", "alternative", map_labels.get(skill_id, ""))]
            for lang, kind, text in extra:
                if text and (lang, text) not in seen:
                    seen.add((lang, text))
                    labels.append((lang, kind, text))
        concepts.append(
            Concept(uri=competency_uri(competency.code), labels=labels, description=competency.explanation)
        )
    return concepts


CONCEPT_SOURCES = {
    "occupations": occupation_concepts,
    "skills": skill_concepts,
    "competencies": competency_concepts,
}


# --- the cached linking index ---------------------------------------------------------------------

_cache: dict[str, tuple[str, LinkIndex | None]] = {}
_lock = threading.Lock()


def linking_fingerprint(*, kind: str) -> str:
    """Changes whenever what the ``kind`` index is built from changes.

    ESCO indexes follow the ``esco`` version counter (bumped by ``esco_import``, and by
    ``competency_map_load`` when it adds placeholder rows); the competency index follows both counters.
    Row counts and the last change time catch edits made some other way (the admin, a shell).
    """
    _check_kind(kind)
    counters = ("esco", "map") if kind == "competencies" else ("esco",)
    versions = sorted(TaxonomyVersion.objects.filter(name__in=counters).values_list("name", "version"))
    if kind == "competencies":
        parts = [
            Competency.objects.count(),
            Competency.objects.aggregate(t=Max("updated_at"))["t"],
            Competency.esco_skills.through.objects.count(),
            Skill.objects.aggregate(t=Max("updated_at"))["t"],
        ]
    else:
        model = Occupation if kind == "occupations" else Skill
        parts = [model.objects.count(), model.objects.aggregate(t=Max("updated_at"))["t"]]
    raw = repr((kind, versions, parts)).encode()
    return hashlib.sha256(raw).hexdigest()[:16]


def _check_kind(kind: str) -> None:
    if kind not in LINKING_KINDS:
        raise ApplicationError(
            _("Zoeken kan in: %(kinds)s.") % {"kinds": ", ".join(LINKING_KINDS)},
            code="unknown_kind",
            status=404,
        )


class IndexMissing(ApplicationError):
    """There is something to search, but no index has been built for it yet (pages and API never build)."""

    def __init__(self) -> None:
        super().__init__(
            _("Zoeken kan nog niet: de zoekindex wordt klaargezet. Probeer het later opnieuw."),
            code="search_index_missing",
            status=503,
        )


def _is_empty(kind: str) -> bool:
    model = {"occupations": Occupation, "skills": Skill, "competencies": Competency}[kind]
    return not model.objects.exists()


def linking_index(*, kind: str, build: bool = True, progress: Callable | None = None) -> LinkIndex | None:
    """The search index of ``kind``; ``None`` when there is nothing to index.

    In memory when the fingerprint still matches; else loaded from ``LINKING_INDEX_DIR``; else, with
    ``build``, built from the database (``progress(stage, done, total)`` while embedding) and saved
    there, removing older indexes of the same kind. Without ``build`` (web requests: a full build takes
    minutes) the newest older index is used until ``doorleren taxonomy build-index`` made the current
    one; with none at all ``IndexMissing`` (503) is raised.
    """
    fingerprint = linking_fingerprint(kind=kind)
    cached = _cache.get(kind)
    if cached and cached[0] == fingerprint:
        return cached[1]
    with _lock:
        cached = _cache.get(kind)
        if cached and cached[0] == fingerprint:
            return cached[1]
        index = _load(linking_index_path(kind=kind, fingerprint=fingerprint))
        if index is None and build:
            index = _build(kind, fingerprint, progress)
            _cache[kind] = (fingerprint, index)
            return index
        if index is not None:
            _cache[kind] = (fingerprint, index)
            return index
        if _is_empty(kind):
            return None
        if cached and cached[1] is not None:
            return cached[1]  # stale, still kept under its own fingerprint: checked again next time
        for older in sorted(Path(settings.LINKING_INDEX_DIR).glob(f"{kind}-*"), key=_mtime, reverse=True):
            index = _load(older)
            if index is not None:
                _cache[kind] = (older.name.removeprefix(f"{kind}-"), index)
                return index
        raise IndexMissing()


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def linking_index_path(*, kind: str, fingerprint: str) -> Path:
    """The folder the engine saves the ``kind`` index in (``index.npz`` and ``index.json``)."""
    return Path(settings.LINKING_INDEX_DIR) / f"{kind}-{fingerprint}"


def _load(path: Path) -> LinkIndex | None:
    # The engine is imported here, not at module level: pages and API lists work without it loaded.
    from doorleren.engine.linking import LinkIndex

    if not path.is_dir():
        return None
    try:
        return LinkIndex.load(path)
    except (OSError, ValueError, KeyError):  # damaged, half-copied or from an older engine: rebuild
        shutil.rmtree(path, ignore_errors=True)
        return None


def _build(kind: str, fingerprint: str, progress: Callable | None) -> LinkIndex | None:
    from doorleren.engine.linking import LinkIndex

    concepts = CONCEPT_SOURCES[kind]()
    if not any(text.strip() for concept in concepts for _lang, _kind, text in concept.labels):
        return None
    index = LinkIndex.build(concepts, display_lang="nl", progress=progress)
    path = linking_index_path(kind=kind, fingerprint=fingerprint)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Save into a private folder and move it into place, so readers never see half an index; when
    # another process got there first, its index (built from the same data) stays.
    partial = Path(tempfile.mkdtemp(prefix=f".{kind}-", dir=path.parent))
    index.save(partial)
    try:
        partial.rename(path)
    except OSError:
        shutil.rmtree(partial, ignore_errors=True)
    for old in path.parent.glob(f"{kind}-*"):
        if old != path and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)
    return index


def linking_cache_clear() -> None:
    """Forget the indexes held in process memory (tests; the files stay)."""
    _cache.clear()


def linking_query_check(*, queries: Iterable[str], top: int) -> list[str]:
    """The queries stripped of surrounding spaces; ``ApplicationError`` (400) when one is empty or
    over 200 characters, when there are none, or when ``top`` is outside 1-50."""
    queries = [query.strip() if isinstance(query, str) else "" for query in queries]
    if not queries:
        raise ApplicationError(_("Geef minstens één zoekterm."), code="query_missing")
    for query in queries:
        if not query:
            raise ApplicationError(_("Vul een zoekterm in."), code="query_empty")
        if len(query) > MAX_QUERY_LENGTH:
            raise ApplicationError(
                _("Een zoekterm mag hoogstens %(max)d tekens hebben.") % {"max": MAX_QUERY_LENGTH},
                code="query_too_long",
            )
    if not isinstance(top, int) or isinstance(top, bool) or not 1 <= top <= MAX_TOP:
        raise ApplicationError(
            _("Het aantal resultaten moet tussen 1 en %(max)d liggen.") % {"max": MAX_TOP},
            code="top_out_of_range",
        )
    return queries


def linking_search(*, kind: str, queries: Iterable[str], top: int = 10, build: bool = False) -> list[dict]:
    """Search ``kind`` for every query: ``[{"query", "results": [{"uri", "label", "score"}]}]``.

    Raises ``ApplicationError`` (400) for an empty query, a query over 200 characters or ``top``
    outside 1-50; (404) for an unknown kind; ``IndexMissing`` (503) when no index was built yet and
    ``build`` is false (see ``linking_index``).
    """
    _check_kind(kind)
    queries = linking_query_check(queries=queries, top=top)
    index = linking_index(kind=kind, build=build)
    hits = index.search_many(queries, top=top) if index is not None else [[] for _q in queries]
    return [
        {
            "query": query,
            "results": [
                {"uri": hit.uri, "label": hit.label, "score": round(float(hit.score), 4)} for hit in found
            ],
        }
        for query, found in zip(queries, hits, strict=True)
    ]
