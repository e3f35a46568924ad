"""The hybrid text -> concept index: lexical TF-IDF channels fused with multilingual sentence embeddings.

For a query ``q`` and a concept ``c`` with labels ``l`` (every language, every kind), with kind weights
``w(l)`` (preferred 1.0, alternative 0.95, hidden 0.9) and the calibration
``cal(x) = clip((x - floor) / (1 - floor), 0, 1)`` that maps a cosine to ``[0, 1]``::

    lex(q, l)   = (1 - word_weight) * cos_char(q, l) + word_weight * cos_word(q, l)
    lexical(c)  = max_l w(l) * lex(q, l)
    dense(c)    = (1 - centroid_weight - description_weight) * max_l w(l) * cal(cos_e5(q, l))
                  + centroid_weight * cal(cos_e5(q, mean_l e5(l)))
                  + description_weight * cal(cos_e5(q, e5(description)))
    score(c)    = dense_weight * dense(c) + (1 - dense_weight) * lexical(c)

``cos_char`` is the cosine of TF-IDF vectors of character n-grams (typo tolerant, catches parts of
Dutch compounds); ``cos_word`` of Dutch and English Snowball stems. See docs/linking.md for the
measurements behind the weights.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from . import text as textmod
from .concepts import LABEL_KINDS, Concept, Hit
from .encoders import E5Encoder, Encoder, encoder_by_name
from .lexical import TfidfSpace

FORMAT_VERSION = 1
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class LinkConfig:
    """Weights of the fusion (see the module docstring); defaults measured on MELO and VDAB."""

    char_ngrams: str = "char:2-4"
    word_weight: float = 0.2
    dense_weight: float = 0.8
    dense_floor: float = 0.8
    centroid_weight: float = 0.5
    description_weight: float = 0.2
    description_chars: int = 150
    kind_weights: dict[str, float] = field(
        default_factory=lambda: {"preferred": 1.0, "alternative": 0.95, "hidden": 0.9}
    )
    max_query_chars: int = textmod.MAX_QUERY_CHARS
    batch_size: int = 128

    @property
    def use_dense(self) -> bool:
        return self.dense_weight > 0


def _progress(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def _truncate(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = cut.rfind(" ")
    return cut[:space] if space > limit // 2 else cut


def _embed_text(text: str) -> str:
    """What the encoder sees: cleaned and lower-cased (ESCO labels are lower case)."""
    return textmod.clean(text).lower()


def _embed_unique(
    encoder: Encoder, texts: Sequence[str], kind: str, batch: int, progress: Progress | None, stage: str
) -> np.ndarray:
    """Embed each distinct text once; rows in the order of ``texts``."""
    unique = list(dict.fromkeys(texts))
    position = {t: i for i, t in enumerate(unique)}
    out = np.zeros((len(unique), encoder.dim), dtype=np.float32)
    # Longest first so that batches hold texts of similar length.
    order = sorted(range(len(unique)), key=lambda i: -len(unique[i]))
    for start in range(0, len(order), batch):
        rows = order[start : start + batch]
        out[rows] = encoder.encode([unique[i] for i in rows], kind)
        _progress(progress, stage, min(start + batch, len(order)), len(order))
    return out[[position[t] for t in texts]] if texts else out


def _normalise_rows(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).astype(np.float32)


def _cosines(vectors: np.ndarray, matrix: np.ndarray) -> np.ndarray:
    """``vectors @ matrix.T``. For a few rows ``einsum`` (one thread, no BLAS) is used: a multi-threaded
    BLAS matrix-vector product was six times slower on a busy two-core machine (8 ms against 1.3 ms
    for 23,742 labels); for larger batches the BLAS product wins."""
    if len(vectors) <= 4:
        return np.einsum("qd,ld->ql", vectors, matrix)
    return vectors @ matrix.T


def _as_stored(matrix: np.ndarray) -> np.ndarray:
    """Round embeddings to float16 (as saved), so a loaded index scores exactly like the built one."""
    return matrix.astype(np.float16).astype(np.float32)


class LinkIndex:
    """A searchable index of concepts. Build with :meth:`build`, or :meth:`load` a saved one."""

    def __init__(
        self,
        *,
        uris: list[str],
        display: list[str],
        label_texts: list[str],
        label_owner: np.ndarray,
        label_kind: np.ndarray,
        char_space: TfidfSpace,
        char_matrix: sparse.csr_matrix,
        word_space: TfidfSpace,
        word_matrix: sparse.csr_matrix,
        label_vectors: np.ndarray | None,
        centroid_vectors: np.ndarray | None,
        description_vectors: np.ndarray | None,
        config: LinkConfig,
        encoder: Encoder | None,
        display_lang: str,
        build_seconds: float = 0.0,
    ):
        self.uris = uris
        self.display = display
        self.label_texts = label_texts
        self.label_owner = label_owner.astype(np.int32)
        self.label_kind = label_kind.astype(np.int8)
        self.char_space = char_space
        self.char_matrix_t = char_matrix.T.tocsr()
        self.word_space = word_space
        self.word_matrix_t = word_matrix.T.tocsr()
        self.label_vectors = label_vectors
        self.centroid_vectors = centroid_vectors
        self.description_vectors = description_vectors
        self.config = config
        self.encoder = encoder
        self.display_lang = display_lang
        self.build_seconds = build_seconds
        weights = np.array([config.kind_weights[k] for k in LABEL_KINDS], dtype=np.float32)
        self._label_weight = weights[self.label_kind]
        # Labels are stored grouped by owner, so a per-concept maximum is one reduceat.
        self._starts = np.flatnonzero(np.r_[True, self.label_owner[1:] != self.label_owner[:-1]])
        if len(self._starts) != len(uris) or np.any(self.label_owner[self._starts] != np.arange(len(uris))):
            raise ValueError("every concept needs at least one label, labels grouped by concept in order")
        self._position = {uri: i for i, uri in enumerate(uris)}

    def __len__(self) -> int:
        return len(self.uris)

    def position(self, uri: str) -> int:
        """The index of concept ``uri`` (in ``uris``); ``KeyError`` when it is not indexed."""
        return self._position[uri]

    def labels_of(self, position: int) -> list[str]:
        """The indexed label texts of the concept at ``position`` (all languages, folded duplicates once)."""
        first = int(self._starts[position])
        last = int(self._starts[position + 1]) if position + 1 < len(self._starts) else len(self.label_texts)
        return self.label_texts[first:last]

    # ------------------------------------------------------------------ building

    @classmethod
    def build(
        cls,
        concepts: Iterable[Concept],
        *,
        display_lang: str = "nl",
        progress: Progress | None = None,
        config: LinkConfig | None = None,
        encoder: Encoder | None = None,
    ) -> LinkIndex:
        """Index ``concepts``: every label in every language, plus the description if weighted.

        ``progress(stage, done, total)`` is called while embedding. Concepts without any label text
        are skipped; a URI seen twice has its labels merged.
        """
        started = time.perf_counter()
        config = config or LinkConfig()
        merged: dict[str, tuple[list[tuple[str, str, str]], list[str]]] = {}
        for concept in concepts:
            all_labels, descs = merged.setdefault(concept.uri, ([], []))
            all_labels.extend(concept.labels)
            if concept.description.strip():
                descs.append(textmod.clean(concept.description))

        uris: list[str] = []
        display: list[str] = []
        label_texts: list[str] = []
        owner: list[int] = []
        kinds: list[int] = []
        descriptions: list[str] = []
        for uri, (all_labels, descs) in merged.items():
            # One entry per folded label text, with its strongest kind (preferred > alternative > hidden).
            best: dict[str, tuple[int, str]] = {}
            for _lang, kind, raw in all_labels:
                label = textmod.clean(raw)
                key = textmod.fold(label)
                rank = LABEL_KINDS.index(kind)
                if key and (key not in best or rank < best[key][0]):
                    best[key] = (rank, label)
            if not best:
                continue
            index = len(uris)
            uris.append(uri)
            display.append(Concept(uri, all_labels).display_label(display_lang))
            for rank, label in best.values():
                label_texts.append(label)
                owner.append(index)
                kinds.append(rank)
            descriptions.append(_truncate(" ".join(descs), config.description_chars))
        if not uris:
            raise ValueError("no concept with a label to index")

        char_space, char_matrix = TfidfSpace.fit(label_texts, config.char_ngrams)
        word_space, word_matrix = TfidfSpace.fit(label_texts, "word")
        owner_arr = np.asarray(owner, dtype=np.int32)

        label_vectors = centroid_vectors = description_vectors = None
        if config.use_dense:
            encoder = encoder or E5Encoder()
            label_vectors = _as_stored(
                _embed_unique(
                    encoder,
                    [_embed_text(t) for t in label_texts],
                    "short",
                    config.batch_size,
                    progress,
                    "labels",
                )
            )
            centroids = np.zeros((len(uris), encoder.dim), dtype=np.float32)
            np.add.at(centroids, owner_arr, label_vectors)
            centroid_vectors = _as_stored(_normalise_rows(centroids))
            if config.description_weight > 0:
                vectors = np.zeros((len(uris), encoder.dim), dtype=np.float32)
                present = [i for i, d in enumerate(descriptions) if d]
                if present:
                    vectors[present] = _embed_unique(
                        encoder,
                        [descriptions[i] for i in present],
                        "long",
                        config.batch_size,
                        progress,
                        "descriptions",
                    )
                description_vectors = _as_stored(vectors)
        else:
            encoder = None
        return cls(
            uris=uris,
            display=display,
            label_texts=label_texts,
            label_owner=owner_arr,
            label_kind=np.asarray(kinds, dtype=np.int8),
            char_space=char_space,
            char_matrix=char_matrix,
            word_space=word_space,
            word_matrix=word_matrix,
            label_vectors=label_vectors,
            centroid_vectors=centroid_vectors,
            description_vectors=description_vectors,
            config=config,
            encoder=encoder,
            display_lang=display_lang,
            build_seconds=time.perf_counter() - started,
        )

    # ------------------------------------------------------------------ searching

    def search(self, query: str, *, top: int = 10) -> list[Hit]:
        """The ``top`` best concepts for ``query``, best first; ``[]`` for an empty query."""
        return self.search_many([query], top=top)[0]

    def search_many(self, queries: Sequence[str], *, top: int = 10) -> list[list[Hit]]:
        """Answer many queries at once (batched encoding and matrix products)."""
        if isinstance(queries, str):
            raise TypeError("search_many takes a list of queries; use search() for one")
        cleaned = [textmod.clean(q, self.config.max_query_chars) for q in queries]
        top = max(0, int(top))
        # Queries that only differ in case or spacing are answered once.
        distinct = list(dict.fromkeys(q.lower() for q in cleaned if textmod.fold(q)))
        answers: dict[str, list[Hit]] = {}
        step = max(1, self.config.batch_size)
        for start in range(0, len(distinct) if top else 0, step):
            rows = distinct[start : start + step]
            scores = self.score(rows)
            k = min(top, scores.shape[1])
            best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
            for row, query in enumerate(rows):
                cand = best[row]
                cand = cand[np.lexsort((cand, -scores[row, cand]))]
                answers[query] = [
                    Hit(self.uris[c], self.display[c], round(float(scores[row, c]), 6))
                    for c in cand
                    if scores[row, c] > 0
                ]
        return [list(answers.get(q.lower(), [])) for q in cleaned]

    def score(self, queries: Sequence[str]) -> np.ndarray:
        """Fused scores, shape ``(len(queries), len(self))``. Queries must be cleaned and non-empty."""
        cfg = self.config
        lexical = self._lexical(queries)
        if not cfg.use_dense or self.label_vectors is None:
            return lexical
        dense = self._dense(queries)
        return cfg.dense_weight * dense + (1.0 - cfg.dense_weight) * lexical

    def _per_concept_max(self, label_scores: np.ndarray) -> np.ndarray:
        return np.maximum.reduceat(label_scores * self._label_weight, self._starts, axis=1)

    def _lexical(self, queries: Sequence[str]) -> np.ndarray:
        cfg = self.config
        char_q = self.char_space.transform(queries)
        label_scores = (char_q @ self.char_matrix_t).toarray()
        if cfg.word_weight > 0:
            word_q = self.word_space.transform(queries)
            label_scores *= 1.0 - cfg.word_weight
            label_scores += cfg.word_weight * (word_q @ self.word_matrix_t).toarray()
        return self._per_concept_max(label_scores)

    def _calibrate(self, cosines: np.ndarray) -> np.ndarray:
        floor = self.config.dense_floor
        return np.clip((cosines - floor) / (1.0 - floor), 0.0, 1.0)

    def _dense(self, queries: Sequence[str]) -> np.ndarray:
        cfg = self.config
        if self.encoder is None:
            raise RuntimeError("this index has embeddings but no encoder")
        vectors = self.encoder.encode([_embed_text(q) for q in queries], "short")
        label_part = 1.0 - cfg.centroid_weight - cfg.description_weight
        dense = label_part * self._per_concept_max(self._calibrate(_cosines(vectors, self.label_vectors)))
        if cfg.centroid_weight > 0:
            dense += cfg.centroid_weight * self._calibrate(_cosines(vectors, self.centroid_vectors))
        if cfg.description_weight > 0 and self.description_vectors is not None:
            dense += cfg.description_weight * self._calibrate(_cosines(vectors, self.description_vectors))
        return dense

    # ------------------------------------------------------------------ persistence

    def save(self, path: Path) -> None:
        """Write ``index.npz`` and ``index.json`` into the directory ``path`` (created if needed)."""
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        char_meta, char_idf = self.char_space.state()
        word_meta, word_idf = self.word_space.state()
        arrays: dict[str, np.ndarray] = {
            "label_owner": self.label_owner,
            "label_kind": self.label_kind,
            "char_idf": char_idf,
            "word_idf": word_idf,
        }
        for name, matrix_t in (("char", self.char_matrix_t), ("word", self.word_matrix_t)):
            matrix = matrix_t.T.tocsr()
            arrays[f"{name}_data"] = matrix.data
            arrays[f"{name}_indices"] = matrix.indices
            arrays[f"{name}_indptr"] = matrix.indptr
            arrays[f"{name}_shape"] = np.asarray(matrix.shape, dtype=np.int64)
        for name in ("label_vectors", "centroid_vectors", "description_vectors"):
            value = getattr(self, name)
            if value is not None:
                arrays[name] = value.astype(np.float16)
        meta = {
            "format": FORMAT_VERSION,
            "encoder": self.encoder.name if self.encoder is not None else None,
            "config": asdict(self.config),
            "display_lang": self.display_lang,
            "build_seconds": self.build_seconds,
            "uris": self.uris,
            "display": self.display,
            "label_texts": self.label_texts,
            "char_space": char_meta,
            "word_space": word_meta,
        }
        # Write to temporary names first so that a crash never leaves a half-written index behind.
        npz_tmp = path / "index.tmp.npz"
        json_tmp = path / "index.json.tmp"
        np.savez_compressed(npz_tmp, **arrays)
        json_tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        npz_tmp.replace(path / "index.npz")
        json_tmp.replace(path / "index.json")

    @classmethod
    def load(cls, path: Path, *, encoder: Encoder | None = None) -> LinkIndex:
        """Load an index written by :meth:`save`; no re-embedding of labels happens."""
        path = Path(path)
        meta = json.loads((path / "index.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise ValueError(f"index at {path} has format {meta.get('format')}, expected {FORMAT_VERSION}")
        config = LinkConfig(**meta["config"])
        with np.load(path / "index.npz") as data:
            arrays = {name: data[name] for name in data.files}

        def matrix(name: str) -> sparse.csr_matrix:
            shape = tuple(int(x) for x in arrays[f"{name}_shape"])
            return sparse.csr_matrix(
                (arrays[f"{name}_data"], arrays[f"{name}_indices"], arrays[f"{name}_indptr"]), shape=shape
            )

        def vectors(name: str) -> np.ndarray | None:
            return arrays[name].astype(np.float32) if name in arrays else None

        if meta["encoder"] is not None:
            if encoder is None:
                encoder = encoder_by_name(meta["encoder"])
            elif encoder.name != meta["encoder"]:
                raise ValueError(f"index was built with {meta['encoder']}, not {encoder.name}")
        else:
            encoder = None
        return cls(
            uris=meta["uris"],
            display=meta["display"],
            label_texts=meta["label_texts"],
            label_owner=arrays["label_owner"],
            label_kind=arrays["label_kind"],
            char_space=TfidfSpace.from_state(meta["char_space"], arrays["char_idf"]),
            char_matrix=matrix("char"),
            word_space=TfidfSpace.from_state(meta["word_space"], arrays["word_idf"]),
            word_matrix=matrix("word"),
            label_vectors=vectors("label_vectors"),
            centroid_vectors=vectors("centroid_vectors"),
            description_vectors=vectors("description_vectors"),
            config=config,
            encoder=encoder,
            display_lang=meta["display_lang"],
            build_seconds=float(meta.get("build_seconds", 0.0)),
        )
