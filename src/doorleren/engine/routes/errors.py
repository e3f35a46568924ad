"""The one error the routes engine raises: a code, a plain Dutch (B1) sentence and its parameters.

The engine knows no Django, so it cannot translate. Callers that show the message to people look the
``code`` up in their own gettext table (see ``doorleren.matching.management.commands.route``) and
format it with ``params``; ``MESSAGES_NL`` is the Dutch text for each code.
"""

from __future__ import annotations

MESSAGES_NL: dict[str, str] = {
    "file_missing": "Het bestand %(file)s bestaat niet.",
    "file_unreadable": "Het bestand %(file)s kan niet worden gelezen.",
    "file_too_large": "Het bestand %(file)s is te groot. Het mag hoogstens %(max_mb)s MB zijn.",
    "not_utf8": "Het bestand %(file)s is geen UTF-8-tekst.",
    "bad_json": "Het bestand is geen goede JSON. Kijk op regel %(line)s, teken %(column)s.",
    "json_too_deep": "De JSON in het bestand is te diep genest.",
    "duplicate_key": "Het veld %(field)s staat twee keer in hetzelfde object.",
    "not_object": "%(field)s moet een JSON-object zijn.",
    "not_list": "%(field)s moet een lijst zijn.",
    "not_text": "%(field)s moet een tekst zijn.",
    "not_integer": "%(field)s moet een heel getal zijn.",
    "negative": "%(field)s mag niet kleiner zijn dan 0.",
    "too_big": "%(field)s is te groot. Het mag hoogstens %(max)s zijn.",
    "empty_text": "%(field)s mag niet leeg zijn.",
    "missing_field": "Het veld %(field)s ontbreekt.",
    "unknown_field": "Het veld %(field)s kennen we niet.",
    "bad_level": "Het niveau bij %(field)s moet 1, 2, 3 of 4 zijn.",
    "duplicate_module": "De module %(id)s staat meer dan één keer in de lijst met modules.",
    "duplicate_certificate": "Het certificaat %(id)s staat meer dan één keer in de lijst.",
    "duplicate_in_list": "%(id)s staat twee keer in %(field)s.",
    "unknown_module": "De module %(id)s in %(field)s staat niet in de lijst met modules.",
    "empty_certificate": "Het certificaat %(id)s heeft geen modules.",
    "requires_cycle": "Deze modules zijn elkaars voorwaarde: %(ids)s. Dat kan niet.",
}


class RouteInstanceError(ValueError):
    """The instance (the catalogue and the question) is not right. ``message`` is plain Dutch."""

    def __init__(self, code: str, **params: object):
        self.code = code
        self.params = params
        self.message = MESSAGES_NL[code] % params
        super().__init__(self.message)
