"""Text normalisation and lexical features: stemmed word tokens and character n-grams.

Everything here is language-agnostic on purpose: a query's language is not known, so every word is
stemmed by both the Dutch and the English Snowball stemmer and both stems count as features.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

MAX_QUERY_CHARS = 500

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_SPACES = re.compile(r"\s+")

_STEMMERS = (Stemmer.Stemmer("dutch"), Stemmer.Stemmer("english"))


def clean(text: str, limit: int | None = None) -> str:
    """Unicode-normalise, collapse white space and optionally cut to ``limit`` characters."""
    text = _SPACES.sub(" ", unicodedata.normalize("NFKC", text or "")).strip()
    if limit is not None and len(text) > limit:
        text = text[:limit].rstrip()
    return text


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, strip accents (``inspiciënt`` -> ``inspicient``) and keep letters and digits only."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_WORD.findall(stripped))


def words(text: str) -> list[str]:
    """Folded word tokens."""
    folded = fold(text)
    return folded.split() if folded else []


@lru_cache(maxsize=65536)
def _stems(word: str) -> tuple[str, ...]:
    return tuple(sorted({stemmer.stemWord(word) for stemmer in _STEMMERS}))


def word_features(text: str) -> list[str]:
    """Dutch and English stems of every word (both, since the language is unknown)."""
    feats: list[str] = []
    for word in words(text):
        feats.extend(_stems(word))
    return feats


def char_features(text: str, n_min: int, n_max: int) -> list[str]:
    """Character n-grams within word boundaries (each word padded with a space on both sides)."""
    feats: list[str] = []
    for word in words(text):
        padded = f" {word} "
        size = len(padded)
        for n in range(n_min, n_max + 1):
            if n > size:
                break
            feats.extend(padded[i : i + n] for i in range(size - n + 1))
    return feats
