"""Value types of the linking engine: what is indexed (``Concept``) and what a search returns (``Hit``)."""

from __future__ import annotations

from dataclasses import dataclass, field

LABEL_KINDS = ("preferred", "alternative", "hidden")


@dataclass(frozen=True, slots=True)
class Concept:
    """One concept to link to: a URI and its labels as ``(lang, kind, text)`` triples.

    ``kind`` is one of ``"preferred"``, ``"alternative"`` or ``"hidden"``. ``description`` is optional
    free text (a definition, or labels run together); it counts as weak evidence only.
    """

    uri: str
    labels: list[tuple[str, str, str]] = field(default_factory=list)
    description: str = ""

    def __post_init__(self) -> None:
        for label in self.labels:
            if len(label) != 3:
                raise ValueError(f"label of {self.uri} is not a (lang, kind, text) triple: {label!r}")
            if label[1] not in LABEL_KINDS:
                raise ValueError(f"label kind of {self.uri} must be one of {LABEL_KINDS}, not {label[1]!r}")

    def display_label(self, lang: str = "nl") -> str:
        """Preferred label in ``lang``, else the English preferred label, else any preferred label."""
        preferred = [(lg, text) for lg, kind, text in self.labels if kind == "preferred" and text.strip()]
        for wanted in (lang, "en"):
            for lg, text in preferred:
                if lg == wanted:
                    return text
        if preferred:
            return preferred[0][1]
        for _lg, _kind, text in self.labels:
            if text.strip():
                return text
        return self.uri


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result: the concept URI, its display label and the fused score (higher is better)."""

    uri: str
    label: str
    score: float
