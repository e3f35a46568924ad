"""A small TF-IDF vector space over sparse features (scipy only), with cosine similarity.

``TfidfSpace`` is fitted on the label strings of an index. Documents and queries are turned into
L2-normalised rows of sublinear term frequency times smoothed inverse document frequency; the dot
product of two rows is their cosine similarity. Features unseen at fit time are dropped.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from scipy import sparse

from . import text as textmod


def analyzer_for(spec: str) -> Callable[[str], list[str]]:
    """``"word"`` for stemmed words, ``"char:3-5"`` for character n-grams of length 3 to 5."""
    if spec == "word":
        return textmod.word_features
    if spec.startswith("char:"):
        low, _, high = spec[5:].partition("-")
        n_min, n_max = int(low), int(high or low)
        if not 1 <= n_min <= n_max:
            raise ValueError(f"bad n-gram range in {spec!r}")
        return lambda s: textmod.char_features(s, n_min, n_max)
    raise ValueError(f"unknown analyzer {spec!r}")


class TfidfSpace:
    """TF-IDF with sublinear tf and smoothed idf; rows are L2-normalised."""

    def __init__(self, spec: str, vocabulary: dict[str, int] | None = None, idf: np.ndarray | None = None):
        self.spec = spec
        self._analyze = analyzer_for(spec)
        self.vocabulary: dict[str, int] = vocabulary or {}
        self.idf = idf if idf is not None else np.zeros(0, dtype=np.float32)

    @classmethod
    def fit(cls, docs: Sequence[str], spec: str) -> tuple[TfidfSpace, sparse.csr_matrix]:
        """Fit on ``docs`` and return the space and the documents' matrix."""
        space = cls(spec)
        analyzed = [Counter(space._analyze(doc)) for doc in docs]
        vocabulary: dict[str, int] = {}
        for counts in analyzed:
            for feat in counts:
                if feat not in vocabulary:
                    vocabulary[feat] = len(vocabulary)
        space.vocabulary = vocabulary
        df = np.zeros(len(vocabulary), dtype=np.float64)
        for counts in analyzed:
            for feat in counts:
                df[vocabulary[feat]] += 1
        n_docs = len(docs)
        space.idf = (np.log((1.0 + n_docs) / (1.0 + df)) + 1.0).astype(np.float32)
        return space, space._matrix(analyzed)

    def transform(self, texts: Iterable[str]) -> sparse.csr_matrix:
        return self._matrix(Counter(self._analyze(t)) for t in texts)

    def _matrix(self, analyzed: Iterable[Counter]) -> sparse.csr_matrix:
        vocabulary = self.vocabulary
        indptr = [0]
        indices: list[int] = []
        values: list[float] = []
        for counts in analyzed:
            for feat, count in counts.items():
                col = vocabulary.get(feat)
                if col is not None:
                    indices.append(col)
                    values.append(count)
            indptr.append(len(indices))
        data = np.asarray(values, dtype=np.float32)
        cols = np.asarray(indices, dtype=np.int32)
        if len(data):
            data = (1.0 + np.log(data)) * self.idf[cols]
        matrix = sparse.csr_matrix(
            (data, cols, np.asarray(indptr, dtype=np.int64)),
            shape=(len(indptr) - 1, len(vocabulary)),
            dtype=np.float32,
        )
        matrix.sort_indices()
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms).astype(np.float32) @ matrix, dtype=np.float32)

    def state(self) -> tuple[dict, np.ndarray]:
        """JSON-able description and the idf array, for saving."""
        terms = [""] * len(self.vocabulary)
        for term, col in self.vocabulary.items():
            terms[col] = term
        return {"spec": self.spec, "terms": terms}, self.idf

    @classmethod
    def from_state(cls, meta: dict, idf: np.ndarray) -> TfidfSpace:
        vocabulary = {term: col for col, term in enumerate(meta["terms"])}
        return cls(meta["spec"], vocabulary, np.asarray(idf, dtype=np.float32))
