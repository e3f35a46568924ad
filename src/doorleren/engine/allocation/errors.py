"""The one error the allocation engine raises: a code, a plain Dutch (B1) sentence and its parameters.

Like the routes engine (``engine/routes/errors.py``) the engine knows no Django, so it cannot
translate. ``MESSAGES_NL`` is the Dutch text per code, marked with a local ``gettext_noop``; the
caller translates it with gettext and formats it with ``params``.
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    """Marks ``text`` for translation (found by ``makemessages``); the engine itself keeps the Dutch."""
    return text


MESSAGES_NL: dict[str, str] = {
    "bad_seed": gettext_noop(
        "Het lotnummer-zaad (seed) moet een tekst van 1 tot en met %(max)s tekens zijn."
    ),
    "bad_id": gettext_noop("Het nummer van een aanvraag moet een heel getal van 1 of meer zijn."),
    "duplicate_id": gettext_noop("De aanvraag %(id)s staat twee keer in de lijst."),
    "bad_amount": gettext_noop("%(field)s moet een heel aantal centen zijn, van %(min)s tot en met %(max)s."),
    "unknown_criterion": gettext_noop("Het punt %(criterion)s kennen wij niet."),
    "bad_points": gettext_noop(
        "De punten voor %(criterion)s moeten een heel getal van 0 tot en met %(max)s zijn."
    ),
    "bad_fact": gettext_noop("Het gegeven %(criterion)s moet ja, nee of onbekend zijn."),
}


class AllocationError(ValueError):
    """The input of the allocation is not right. ``message`` is plain Dutch."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        self.message = MESSAGES_NL[code] % params
        super().__init__(self.message)
