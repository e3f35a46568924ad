"""The matching score, its explanation, and plain Dutch sentences built from that explanation.

Score of a person for an opportunity (docs/matching.md)::

    score = sum_j w_j * credit(have_j, need_j) / sum_j w_j

over the opportunity's required competencies j, with ``w_j = 2`` for an essential and ``1`` for an
optional competency, ``have_j`` the person's level (0 when the person does not have it) and
``credit(have, need) = min(have, need) / need``. The score is in [0, 1].

All credits are multiples of 1/12 (``need`` is 1-4), so the engine computes the integer numerator
``sum_j w_j * 12 * credit`` and the integer denominator ``12 * sum_j w_j`` and divides once. Equal
scores are therefore exactly equal floats, whatever the order of summation, which makes ties (broken
by id ascending) exact.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np

LEVELS = (1, 2, 3, 4)
ESSENTIAL_WEIGHT = 2
OPTIONAL_WEIGHT = 1
#: ``CREDIT12[have, need] = 12 * min(have, need) / need`` (an integer); row 0 is "does not have it".
CREDIT12 = np.array(
    [[0, 0, 0, 0, 0]] + [[0] + [12 * min(h, n) // n for n in LEVELS] for h in LEVELS], dtype=np.int32
)


def weight(essential: bool) -> int:
    return ESSENTIAL_WEIGHT if essential else OPTIONAL_WEIGHT


def credit(have: int, need: int) -> float:
    """Partial credit for a level gap: ``min(have, need) / need`` (0 when ``have`` is 0)."""
    return CREDIT12[have, need] / 12.0


def score_fraction(have: Mapping, requires: Mapping) -> tuple[int, int]:
    """Integer numerator and denominator of the score; ``requires`` maps competency -> (level, essential)."""
    num = den = 0
    for comp, (need, essential) in requires.items():
        w = weight(essential)
        num += w * int(CREDIT12[int(have.get(comp, 0)), need])
        den += 12 * w
    return num, den


def match_score(have: Mapping, requires: Mapping) -> float:
    """The score in [0, 1]; 0 for an opportunity without requirements."""
    num, den = score_fraction(have, requires)
    return num / den if den else 0.0


@dataclass
class Explanation:
    """Why a score is what it is, in codes (competency ids), not sentences.

    ``matched``: (competency, have, need, essential) with have >= need; ``too_low``: the same with
    0 < have < need; ``missing``: (competency, need, essential) the person does not have at all.
    """

    score: float
    matched: list[tuple] = field(default_factory=list)
    too_low: list[tuple] = field(default_factory=list)
    missing: list[tuple] = field(default_factory=list)

    @property
    def required(self) -> int:
        return len(self.matched) + len(self.too_low) + len(self.missing)

    def as_dict(self, code: Callable = lambda c: c) -> dict:
        return {
            "score": self.score,
            "required": self.required,
            "matched": [
                {"competency": code(c), "have": h, "need": n, "essential": e} for c, h, n, e in self.matched
            ],
            "too_low": [
                {"competency": code(c), "have": h, "need": n, "essential": e} for c, h, n, e in self.too_low
            ],
            "missing": [{"competency": code(c), "need": n, "essential": e} for c, n, e in self.missing],
        }


def explain(have: Mapping, requires: Mapping) -> Explanation:
    """The explanation of ``match_score(have, requires)``; lists keep the order of ``requires``."""
    result = Explanation(score=match_score(have, requires))
    for comp, (need, essential) in requires.items():
        level = int(have.get(comp, 0))
        if level >= need:
            result.matched.append((comp, level, need, bool(essential)))
        elif level > 0:
            result.too_low.append((comp, level, need, bool(essential)))
        else:
            result.missing.append((comp, need, bool(essential)))
    return result


def gettext_noop(text: str) -> str:
    """Marks ``text`` for translation (found by ``makemessages``); the engine itself keeps the Dutch."""
    return text


# The sentences of ``explanation_text``, in Dutch. Django callers pass ``translate=gettext``.
TEXTS = {
    "nothing_asked": gettext_noop("Voor dit werk zijn geen vaardigheden opgegeven."),
    "done_you": gettext_noop("U kunt %(done)s van de %(total)s dingen die nodig zijn."),
    "done_them": gettext_noop("Deze persoon kan %(done)s van de %(total)s dingen die nodig zijn."),
    "too_low_item_you": gettext_noop("%(name)s (u heeft niveau %(have)s, nodig is niveau %(need)s)"),
    "too_low_item_them": gettext_noop("%(name)s (heeft niveau %(have)s, nodig is niveau %(need)s)"),
    "too_low_you": gettext_noop("Hierin moet u nog beter worden: %(items)s."),
    "too_low_them": gettext_noop("Hierin moet deze persoon nog beter worden: %(items)s."),
    "missing": gettext_noop("Dit mist nog: %(items)s."),
    "essential": gettext_noop("Dit is echt nodig voor dit werk: %(items)s."),
    "list_end": gettext_noop("%(first)s en %(last)s"),
}


def _join(words: list[str], t: Callable[[str], str]) -> str:
    if len(words) == 1:
        return words[0]
    return t(TEXTS["list_end"]) % {"first": ", ".join(words[:-1]), "last": words[-1]}


def explanation_text(
    explanation: Explanation,
    label: Callable = str,
    *,
    about: str = "person",
    translate: Callable[[str], str] | None = None,
) -> list[str]:
    """Plain Dutch (B1) sentences for an explanation; ``translate`` (e.g. Django's ``gettext``) gives
    them in the active language.

    ``label`` turns a competency code into a name. ``about="person"`` addresses the person ("U kunt
    ..."); ``about="candidate"`` talks about the person to an employer ("Deze persoon kan ...").
    """
    t = translate or (lambda text: text)
    who = "you" if about == "person" else "them"
    done, total = len(explanation.matched), explanation.required
    if total == 0:
        return [t(TEXTS["nothing_asked"])]
    lines = [t(TEXTS[f"done_{who}"]) % {"done": done, "total": total}]
    if explanation.too_low:
        parts = [
            t(TEXTS[f"too_low_item_{who}"]) % {"name": label(c), "have": h, "need": n}
            for c, h, n, _e in explanation.too_low
        ]
        lines.append(t(TEXTS[f"too_low_{who}"]) % {"items": _join(parts, t)})
    if explanation.missing:
        lines.append(
            t(TEXTS["missing"]) % {"items": _join([label(c) for c, _n, _e in explanation.missing], t)}
        )
    essential = [c for c, _n, e in explanation.missing if e] + [
        c for c, _h, _n, e in explanation.too_low if e
    ]
    if essential:
        lines.append(t(TEXTS["essential"]) % {"items": _join([label(c) for c in essential], t)})
    return lines
