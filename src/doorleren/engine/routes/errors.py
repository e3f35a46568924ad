"""The one error the routes engine raises: a code, a plain Dutch (B1) sentence and its parameters.

The engine knows no Django, so it cannot translate. ``MESSAGES_NL`` is the Dutch text for each code,
marked with a local ``gettext_noop`` so that ``makemessages`` puts it in the catalogue; callers that
show the message to people translate it with gettext and format it with ``params`` (see
``doorleren.matching.management.commands.route``).
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
    "not_integer": gettext_noop("%(field)s moet een heel getal zijn."),
    "negative": gettext_noop("%(field)s mag niet kleiner zijn dan 0."),
    "too_big": gettext_noop("%(field)s is te groot. Het mag hoogstens %(max)s zijn."),
    "empty_text": gettext_noop("%(field)s mag niet leeg zijn."),
    "missing_field": gettext_noop("Het veld %(field)s ontbreekt."),
    "unknown_field": gettext_noop("Het veld %(field)s kennen we niet."),
    "bad_level": gettext_noop("Het niveau bij %(field)s moet 1, 2, 3 of 4 zijn."),
    "duplicate_module": gettext_noop("De module %(id)s staat meer dan één keer in de lijst met modules."),
    "duplicate_certificate": gettext_noop("Het certificaat %(id)s staat meer dan één keer in de lijst."),
    "duplicate_in_list": gettext_noop("%(id)s staat twee keer in %(field)s."),
    "unknown_module": gettext_noop("De module %(id)s in %(field)s staat niet in de lijst met modules."),
    "empty_certificate": gettext_noop("Het certificaat %(id)s heeft geen modules."),
    "requires_cycle": gettext_noop("Deze modules zijn elkaars voorwaarde: %(ids)s. Dat kan niet."),
}


class RouteInstanceError(ValueError):
    """The instance (the catalogue and the question) is not right. ``message`` is plain Dutch."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        self.message = MESSAGES_NL[code] % params
        super().__init__(self.message)
