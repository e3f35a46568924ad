"""Read ESCO CSV exports (``occupations_<lang>.csv``, ``skills_<lang>.csv``) into ``Concept`` objects.

The official ESCO CSV layout has one concept per record with multi-line quoted fields; alternative and
hidden labels are separated by new lines. All language files of one kind are merged per concept URI,
so ``skills_en.csv`` and ``skills_nl.csv`` give one concept with English and Dutch labels.
Needs no database: the benchmark and the tests read the files directly.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from .concepts import Concept

KINDS = ("occupations", "skills")
_FILE = re.compile(r"^(occupations|skills)_([a-z]{2,3})\.csv$")
_INACTIVE = {"obsolete", "deprecated"}


def _split_labels(value: str) -> list[str]:
    return [part.strip() for part in (value or "").splitlines() if part.strip()]


def esco_files(esco_dir: Path, kind: str) -> list[tuple[str, Path]]:
    """``(lang, path)`` of every ``<kind>_<lang>.csv`` in ``esco_dir``, sorted by language."""
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")
    found = []
    for path in Path(esco_dir).iterdir():
        match = _FILE.match(path.name)
        if match and match.group(1) == kind:
            found.append((match.group(2), path))
    return sorted(found)


def read_esco_concepts(esco_dir: Path, kind: str) -> Iterator[Concept]:
    """Yield one ``Concept`` per URI found in the ``kind`` files of ``esco_dir`` (all languages merged).

    Concepts are yielded in URI order. Obsolete or deprecated records are skipped. Descriptions of
    several languages are joined by a new line.
    """
    files = esco_files(esco_dir, kind)
    if not files:
        raise FileNotFoundError(f"no {kind}_<lang>.csv in {esco_dir}")
    labels: dict[str, list[tuple[str, str, str]]] = {}
    descriptions: dict[str, list[str]] = {}
    csv.field_size_limit(1 << 26)
    for lang, path in files:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                uri = (row.get("conceptUri") or "").strip()
                if not uri or (row.get("status") or "").strip().lower() in _INACTIVE:
                    continue
                bucket = labels.setdefault(uri, [])
                seen = {(lg, text) for lg, _kind, text in bucket}
                candidates = [("preferred", t) for t in _split_labels(row.get("preferredLabel", ""))]
                candidates += [("alternative", t) for t in _split_labels(row.get("altLabels", ""))]
                candidates += [("hidden", t) for t in _split_labels(row.get("hiddenLabels", ""))]
                for label_kind, text in candidates:
                    if (lang, text) not in seen:
                        seen.add((lang, text))
                        bucket.append((lang, label_kind, text))
                description = " ".join((row.get("description") or "").split())
                if description:
                    descriptions.setdefault(uri, []).append(description)
    for uri in sorted(labels):
        yield Concept(uri=uri, labels=labels[uri], description="\n".join(descriptions.get(uri, [])))
