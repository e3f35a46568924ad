"""``doorleren route --instance FILE``: the cheapest learning route for one instance, as one JSON line.

The instance (catalogue, gap, caps; schema in docs/routes.md) is read from a JSON file and solved by
the pure engine ``doorleren.engine.routes``. No database is used. A bad file or instance prints one
plain Dutch line on stderr and exits with code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy as _

from doorleren.engine.routes import MAX_FILE_BYTES, RouteInstanceError, read_instance_file, route_for_instance

# The engine's error codes, with the same Dutch text as ``doorleren.engine.routes.errors.MESSAGES_NL``,
# through gettext so they can be shown in English too.
MESSAGES = {
    "file_missing": _("Het bestand %(file)s bestaat niet."),
    "file_unreadable": _("Het bestand %(file)s kan niet worden gelezen."),
    "file_too_large": _("Het bestand %(file)s is te groot. Het mag hoogstens %(max_mb)s MB zijn."),
    "not_utf8": _("Het bestand %(file)s is geen UTF-8-tekst."),
    "bad_json": _("Het bestand is geen goede JSON. Kijk op regel %(line)s, teken %(column)s."),
    "json_too_deep": _("De JSON in het bestand is te diep genest."),
    "duplicate_key": _("Het veld %(field)s staat twee keer in hetzelfde object."),
    "not_object": _("%(field)s moet een JSON-object zijn."),
    "not_list": _("%(field)s moet een lijst zijn."),
    "not_text": _("%(field)s moet een tekst zijn."),
    "not_integer": _("%(field)s moet een heel getal zijn."),
    "negative": _("%(field)s mag niet kleiner zijn dan 0."),
    "too_big": _("%(field)s is te groot. Het mag hoogstens %(max)s zijn."),
    "empty_text": _("%(field)s mag niet leeg zijn."),
    "missing_field": _("Het veld %(field)s ontbreekt."),
    "unknown_field": _("Het veld %(field)s kennen we niet."),
    "bad_level": _("Het niveau bij %(field)s moet 1, 2, 3 of 4 zijn."),
    "duplicate_module": _("De module %(id)s staat meer dan één keer in de lijst met modules."),
    "duplicate_certificate": _("Het certificaat %(id)s staat meer dan één keer in de lijst."),
    "duplicate_in_list": _("%(id)s staat twee keer in %(field)s."),
    "unknown_module": _("De module %(id)s in %(field)s staat niet in de lijst met modules."),
    "empty_certificate": _("Het certificaat %(id)s heeft geen modules."),
    "requires_cycle": _("Deze modules zijn elkaars voorwaarde: %(ids)s. Dat kan niet."),
}


def error_message(error: RouteInstanceError) -> str:
    """The error as one translated sentence (Dutch by default)."""
    return str(MESSAGES[error.code]) % error.params


class Command(BaseCommand):
    help = "Zoek de goedkoopste leerroute voor één instantie (JSON-bestand). Schrijft één JSON-regel."
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--instance",
            type=Path,
            required=True,
            help=f"JSON-bestand met modules, have, need en eventueel done, budget_cents, max_hours, "
            f"certificates (hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB). Zie docs/routes.md.",
        )

    def handle(self, *args, instance: Path, **options):
        try:
            result = route_for_instance(read_instance_file(instance, max_bytes=MAX_FILE_BYTES))
        except RouteInstanceError as error:
            self.stderr.write(error_message(error))
            raise SystemExit(2) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False))
