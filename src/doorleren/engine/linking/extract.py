"""Free text to concepts: which competencies does a CV, a story about one's work or a vacancy text name?

``extract(index, text)`` cuts the text into short candidate phrases, searches every phrase in a
``LinkIndex`` (batched), and keeps, per concept, the best phrase that scored at least ``min_score``.
Every suggestion says which words of the text support it, so a person can judge it and confirm or
reject it. Pure Python, no Django; see docs/extraction.md.

Phrases: the text is split at line breaks, sentence and list punctuation, and at the words that join
clauses or list items (``en``, ``of``, ``maar``, ``and``, ``or``, ...). Function words are left out
(``ik heb``, ``bij ons``, ``in mijn``, ``I have``): a phrase is the content words of a piece, and a piece
with more than ``max_words`` of them becomes overlapping windows of ``max_words`` words. Each phrase
keeps the character span of its words in the original text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import text as textmod
from .index import LinkIndex

MAX_TEXT_CHARS = 5000
MAX_WORDS = 4
MIN_SCORE = 0.45
PER_PHRASE = 2


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words that join clauses or list items: a phrase never runs across them.
_JOINERS = _words(
    """
    en of maar want dus omdat doordat terwijl als zoals and or but because while as also ook
    """
)
# Function words (Dutch and English), left out of every phrase: they never carry a competency.
_EDGE_WORDS = _words(
    """
    doen gaan s t ik je jij u we wij ze zij hij het de een den der des dat die dit deze daar
    hier er mijn mij me onze ons jullie hun haar zijn was ben bent is waren wordt worden werd
    heb hebt heeft hebben had kan kun kunt kunnen kon mag moet moeten wil wilde zal zou ga gaat
    gaan doe doet deed al nog heel erg veel vaak soms altijd graag goed beter ook wel niet geen
    nooit met bij voor van aan op in uit naar over om tot door tegen zonder onder boven na
    sinds tijdens te toe nu toen dan waar wat wie hoe welke welk elke ieder iedere alle alles
    iets niets i me my we our you your he she it its they them their a an the this that these
    those am is are was were be been being have has had do does did can could will would should
    must may to of in on at by for with from as into about over under after since during very
    often sometimes always well also not no never some any all
    """
)
_SPLIT = re.compile(r"[\n\r\t.!?;:•·|()\[\]{}\"“”‘’«»,/]+|\s[-–—*]\s|^\s*[-–—*]\s", re.MULTILINE)
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Phrase:
    """A candidate phrase and its span ``[start, end)`` in the original text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A concept the text names: its best phrase, the words that support it and their spans."""

    uri: str
    label: str
    score: float
    phrase: str
    words: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)


def _pieces(text: str) -> list[list[tuple[str, int, int]]]:
    """Runs of words (with spans) between separators and joining words."""
    pieces: list[list[tuple[str, int, int]]] = []
    position = 0
    bounds = [(m.start(), m.end()) for m in _SPLIT.finditer(text)] + [(len(text), len(text))]
    for sep_start, sep_end in bounds:
        current: list[tuple[str, int, int]] = []
        for match in _WORD.finditer(text, position, sep_start):
            word = match.group(0)
            if textmod.fold(word) in _JOINERS:
                if current:
                    pieces.append(current)
                current = []
                continue
            current.append((word, match.start(), match.end()))
        if current:
            pieces.append(current)
        position = sep_end
    return pieces


def candidate_phrases(text: str, *, max_words: int = MAX_WORDS) -> list[Phrase]:
    """The distinct candidate phrases of ``text`` in reading order (see the module docstring).

    A phrase's ``text`` holds its content words only (function words such as ``de``, ``in``, ``mijn``
    are left out: they only dilute the search); ``start`` and ``end`` span the words in the original.
    """
    if max_words < 1:
        raise ValueError("max_words must be at least 1")
    phrases: list[Phrase] = []
    seen: set[str] = set()

    def add(words: list[tuple[str, int, int]]) -> None:
        if not words or (len(words) == 1 and len(words[0][0]) < 3):
            return
        phrase = " ".join(word for word, _start, _end in words)
        key = textmod.fold(phrase)
        if key and key not in seen:
            seen.add(key)
            phrases.append(Phrase(phrase, words[0][1], words[-1][2]))

    for piece in _pieces(text):
        content = [w for w in piece if textmod.fold(w[0]) not in _EDGE_WORDS]
        if len(content) <= max_words:
            add(content)
            continue
        step = max(1, max_words // 2)
        for first in range(0, len(content) - max_words + step, step):
            add(content[first : first + max_words])
    return phrases


def _label_stems(index: LinkIndex, concept: int) -> set[str]:
    stems: set[str] = set()
    for label in index.labels_of(concept):
        stems.update(textmod.word_features(label))
    return stems


def _support(text: str, phrase: Phrase, stems: set[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Content words of ``phrase`` that share a stem with the concept's labels; else all its content words."""
    words = [(m.group(0), m.start(), m.end()) for m in _WORD.finditer(text, phrase.start, phrase.end)]
    content = [
        w for w in words if textmod.fold(w[0]) not in _EDGE_WORDS and textmod.fold(w[0]) not in _JOINERS
    ]
    shared = [w for w in content if stems.intersection(textmod.word_features(w[0]))]
    chosen = shared or content or words
    return [w[0] for w in chosen], [(w[1], w[2]) for w in chosen]


def extract(
    index: LinkIndex,
    text: str,
    *,
    top: int = 20,
    min_score: float = MIN_SCORE,
    max_words: int = MAX_WORDS,
    per_phrase: int = PER_PHRASE,
) -> list[Suggestion]:
    """Concepts of ``index`` that ``text`` names, best first, at most ``top``.

    ``text`` is cut to ``MAX_TEXT_CHARS`` characters (callers should refuse longer text with a clear
    message; this is a guard). Each phrase contributes its ``per_phrase`` best hits with a score of
    at least ``min_score``; a concept keeps its best-scoring phrase.
    """
    text = (text or "")[:MAX_TEXT_CHARS]
    phrases = candidate_phrases(text, max_words=max_words)
    if not phrases or top <= 0:
        return []
    results = index.search_many([p.text for p in phrases], top=per_phrase)
    best: dict[str, tuple[float, int, Phrase, str]] = {}
    for phrase, hits in zip(phrases, results, strict=True):
        for hit in hits:
            if hit.score < min_score:
                continue
            current = best.get(hit.uri)
            if current is None or hit.score > current[0]:
                best[hit.uri] = (hit.score, index.position(hit.uri), phrase, hit.label)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1]))[:top]
    suggestions = []
    for uri, (score, concept, phrase, label) in ranked:
        words, spans = _support(text, phrase, _label_stems(index, concept))
        suggestions.append(Suggestion(uri, label, round(score, 4), phrase.text, words, spans))
    return suggestions
