"""Free text to competencies: suggestions from the regional competency map and from ESCO skills.

Reads only: the text is searched in the ``competencies`` and ``skills`` indexes (see ``linking``) and
nothing is stored. Which suggestions a resident confirmed or rejected is kept by the profiles app.
"""

from __future__ import annotations

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.models import Competency, Skill
from doorleren.taxonomy.selectors.linking import competency_code_from_uri, linking_index

MAX_TEXT_CHARS = 5000
MAX_SUGGESTIONS = 30


def text_check(*, text: str | None) -> str:
    """The text without surrounding white space; ``ApplicationError`` (400) when empty or too long."""
    text = (text if isinstance(text, str) else "").strip()
    if not text:
        raise ApplicationError(_("Vul een tekst in."), code="text_empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ApplicationError(
            _("Uw tekst is %(length)s tekens lang. Dat mag hoogstens %(max)s zijn. Maak de tekst korter.")
            % {
                "length": number_format(len(text), force_grouping=True),
                "max": number_format(MAX_TEXT_CHARS, force_grouping=True),
            },
            code="text_too_long",
        )
    return text


def _suggestions(kind: str, text: str, top: int) -> list:
    from doorleren.engine.linking.extract import extract

    index = linking_index(kind=kind, build=False)
    if index is None:
        return []
    return extract(index, text, top=top)


def text_competencies(*, text: str, top: int = 15) -> dict:
    """What ``text`` (Dutch or English, up to 5,000 characters) says a person can do, or a job asks.

    Returns ``{"competencies": [...], "skills": [...]}``, best first. A competency row:
    ``{"code", "label", "explanation", "score", "phrase", "words", "spans"}``; ``words`` are the words of
    the text that support the suggestion and ``spans`` their ``[start, end)`` character positions in
    the stripped text. A skill row: ``{"uri", "label", "score", "phrase", "words", "spans",
    "competencies": [{"code", "label"}]}`` (the map competencies the ESCO skill belongs to).
    ``ApplicationError`` (400) for an empty or over-long text; ``IndexMissing`` (503) without indexes.
    """
    text = text_check(text=text)
    top = max(1, min(int(top), MAX_SUGGESTIONS))
    found_competencies = _suggestions("competencies", text, top)
    found_skills = _suggestions("skills", text, top)

    codes = [competency_code_from_uri(s.uri) for s in found_competencies]
    competencies = {c.code: c for c in Competency.objects.filter(code__in=codes)}
    competency_rows = []
    for suggestion, code in zip(found_competencies, codes, strict=True):
        competency = competencies.get(code)
        if competency is None:
            continue
        competency_rows.append(
            {
                "code": competency.code,
                "label": competency.label,
                "explanation": competency.explanation,
                "score": round(float(suggestion.score), 4),
                "phrase": suggestion.phrase,
                "words": list(suggestion.words),
                "spans": [list(span) for span in suggestion.spans],
            }
        )

    skills = {
        s.uri: s
        for s in Skill.objects.filter(uri__in=[x.uri for x in found_skills]).prefetch_related("competencies")
    }
    skill_rows = []
    for suggestion in found_skills:
        skill = skills.get(suggestion.uri)
        if skill is None:
            continue
        skill_rows.append(
            {
                "uri": skill.uri,
                "label": skill.label or suggestion.label,
                "score": round(float(suggestion.score), 4),
                "phrase": suggestion.phrase,
                "words": list(suggestion.words),
                "spans": [list(span) for span in suggestion.spans],
                "competencies": [
                    {"code": c.code, "label": c.label}
                    for c in sorted(skill.competencies.all(), key=lambda c: c.code)
                ],
            }
        )
    return {"competencies": competency_rows, "skills": skill_rows}
