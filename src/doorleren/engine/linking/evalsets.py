"""Loaders for the evaluation sets (MELO ``bel_q_nl_c_nl`` and the VDAB competence crosswalk) and MRR.

Both sets are read from the shared data folder; nothing is copied into the project.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class EvalSet:
    """Queries and, per query, the set of relevant concept URIs."""

    name: str
    queries: list[str]
    relevant: list[frozenset[str]]


def _tsv(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE) if row]


def load_melo(eval_dir: Path, uri_prefix: str = "http://data.europa.eu/esco/occupation/") -> EvalSet:
    """MELO job titles; relevance by ESCO occupation URI (annotations -> corpus ids -> URIs)."""
    base = Path(eval_dir) / "melo-bel-nl"
    mapping = {row[0]: row[1] for row in _tsv(base / "concept_mapping.tsv")}
    relevant: dict[str, set[str]] = {}
    for row in _tsv(base / "annotations.tsv"):
        if len(row) >= 4 and row[3].strip() not in ("", "0"):
            uri = mapping.get(row[2], "")
            if uri.startswith(uri_prefix):
                relevant.setdefault(row[0], set()).add(uri)
    queries, rel = [], []
    for row in _tsv(base / "queries.tsv"):
        if row[0] in relevant:
            queries.append(row[1])
            rel.append(frozenset(relevant[row[0]]))
    return EvalSet("melo-bel-nl", queries, rel)


def load_vdab(eval_dir: Path, name: str = "vdab-nl-dev.tsv") -> EvalSet:
    """VDAB competence labels; any of the listed ESCO skill URIs counts as relevant."""
    rows = _tsv(Path(eval_dir) / name)
    queries, rel = [], []
    for row in rows[1:]:
        if len(row) >= 2 and row[1].split():
            queries.append(row[0])
            rel.append(frozenset(row[1].split()))
    return EvalSet(name.removesuffix(".tsv"), queries, rel)


def reciprocal_rank(ranked: Sequence[str], relevant: frozenset[str]) -> float:
    for rank, uri in enumerate(ranked, start=1):
        if uri in relevant:
            return 1.0 / rank
    return 0.0


def mean_reciprocal_rank(rankings: Sequence[Sequence[str]], relevant: Sequence[frozenset[str]]) -> float:
    if not rankings:
        return 0.0
    return sum(reciprocal_rank(r, rel) for r, rel in zip(rankings, relevant, strict=True)) / len(rankings)


def recall_at(rankings: Sequence[Sequence[str]], relevant: Sequence[frozenset[str]], k: int) -> float:
    if not rankings:
        return 0.0
    hits = sum(1 for r, rel in zip(rankings, relevant, strict=True) if rel.intersection(r[:k]))
    return hits / len(rankings)
