"""``doorleren route --instance FILE``: the cheapest learning route for one instance, as one JSON line.

The instance (catalogue, gap, caps; schema in docs/routes.md) is read from a JSON file and solved by
the pure engine ``doorleren.engine.routes``. No database is used. A bad file or instance prints one
plain Dutch line on stderr and exits with code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from doorleren.core.cli import one_line
from doorleren.engine.routes import (
    MAX_FILE_BYTES,
    MESSAGES_NL,
    RouteInstanceError,
    read_instance_file,
    route_for_instance,
)


def error_message(error: RouteInstanceError) -> str:
    """The error as one translated sentence (Dutch by default)."""
    return gettext(MESSAGES_NL[error.code]) % error.params


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
            self.stderr.write(one_line(error_message(error)))
            raise SystemExit(2) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False))
