"""The one error the placement engine raises: a code, a plain Dutch (B1) sentence and its parameters.

The engine knows no Django, so it cannot translate. ``MESSAGES_NL`` is the Dutch text for each code,
marked with a local ``gettext_noop`` so that ``makemessages`` puts it in the catalogue; callers that
show the message to people translate it with gettext and format it with ``params`` (see
``doorleren.matching.management.commands.allocate``).
"""

from __future__ import annotations


def gettext_noop(text: str) -> str:
    """Marks ``text`` for translation (found by ``makemessages``); the engine itself keeps the Dutch."""
    return text


MESSAGES_NL: dict[str, str] = {
    "file_missing": gettext_noop("Het bestand %(file)s bestaat niet."),
    "file_unreadable": gettext_noop("Het bestand %(file)s kan niet worden gelezen."),
    "file_too_large": gettext_noop("Het bestand %(file)s is te groot. Het mag hoogstens %(max_mb)s MB zijn."),
    "not_utf8": gettext_noop("Het bestand %(file)s is geen UTF-8-tekst."),
    "bad_json": gettext_noop("Het bestand is geen goede JSON. Kijk op regel %(line)s, teken %(column)s."),
    "json_too_deep": gettext_noop("De JSON in het bestand is te diep genest."),
    "duplicate_key": gettext_noop("Het veld %(field)s staat twee keer in hetzelfde object."),
    "not_object": gettext_noop("%(field)s moet een JSON-object zijn."),
    "not_list": gettext_noop("%(field)s moet een lijst zijn."),
    "not_text": gettext_noop("%(field)s moet een tekst zijn."),
    "empty_text": gettext_noop("%(field)s mag niet leeg zijn."),
    "empty_list": gettext_noop("%(field)s mag geen lege lijst zijn."),
    "not_integer": gettext_noop("%(field)s moet een heel getal zijn."),
    "not_positive": gettext_noop("%(field)s moet 1 of meer zijn."),
    "too_big": gettext_noop("%(field)s is te groot. Het mag hoogstens %(max)s zijn."),
    "missing_field": gettext_noop("Het veld %(field)s ontbreekt."),
    "unknown_field": gettext_noop("Het veld %(field)s kennen we niet."),
    "unknown_assignment": gettext_noop(
        "De opdracht %(id)s in %(field)s staat niet in de lijst met opdrachten (assignments)."
    ),
    "unknown_learner": gettext_noop(
        "De deelnemer %(id)s in %(field)s staat niet in de lijst met deelnemers (learners)."
    ),
    "duplicate_in_list": gettext_noop("%(id)s staat twee keer in %(field)s."),
    "reserved_too_many": gettext_noop(
        "Bij opdracht %(id)s zijn %(seats)s plaatsen vastgehouden, maar er zijn maar %(capacity)s plaatsen."
    ),
    "reserved_overlap": gettext_noop(
        "Bij opdracht %(id)s staat de soort %(kind)s in meer dan één groep vastgehouden plaatsen. Dat kan niet."
    ),
}


class PlacementInstanceError(ValueError):
    """The instance (learners, assignments, kinds) is not right. ``message`` is plain Dutch."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        self.message = MESSAGES_NL[code] % params
        super().__init__(self.message)
