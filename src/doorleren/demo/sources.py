"""The demo's data files (``demo/data/*.yaml``) and small helpers to draw from them."""

from __future__ import annotations

import bisect
import functools
import itertools
import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Generic, TypeVar

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"

T = TypeVar("T")


@functools.cache
def data_file(name: str) -> dict[str, Any]:
    """The parsed YAML file ``demo/data/<name>.yaml`` (read once per process)."""
    with (DATA_DIR / f"{name}.yaml").open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Weighted(Generic[T]):
    """Draw items with fixed weights quickly: cumulative weights are computed once."""

    def __init__(self, items: Sequence[T], weights: Sequence[float]):
        if len(items) != len(weights) or not items:
            raise ValueError("Weighted needs as many weights as items, and at least one item.")
        self.items = list(items)
        self.weights = list(weights)
        self.cumulative = list(itertools.accumulate(weights))
        self.total = self.cumulative[-1]

    @classmethod
    def from_mapping(cls, mapping: dict[T, float]) -> Weighted[T]:
        return cls(list(mapping), list(mapping.values()))

    def draw(self, rng: random.Random) -> T:
        return self.items[bisect.bisect_right(self.cumulative, rng.random() * self.total)]
