"""``doorleren region load [--file PATH]``: (re)load subregions, municipalities and mergers.

``doorleren region resolve TEXT``: show which current municipality a code or name is.
"""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from doorleren.core.cli import one_line
from doorleren.core.errors import ApplicationError
from doorleren.region.loading import DATA_PATH
from doorleren.region.selectors import municipality_resolve
from doorleren.region.services import region_load


class Command(BaseCommand):
    help = "Regio: gemeenten laden (load) of een oude code of naam opzoeken (resolve)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        load = sub.add_parser("load", help="Laad region/data/municipalities.yaml (of --file).")
        load.add_argument("--file", type=Path, default=DATA_PATH)
        resolve = sub.add_parser("resolve", help="Zoek de huidige gemeente bij een code of naam.")
        resolve.add_argument("text")

    def handle(self, *args, action: str, **options):
        if action == "load":
            try:
                counts = region_load(path=options["file"])
            except ApplicationError as exc:
                raise CommandError(one_line(exc.message), returncode=2) from exc
            self.stdout.write(json.dumps(counts))
        else:
            try:
                municipality = municipality_resolve(code_or_name=options["text"])
            except ApplicationError as exc:
                raise CommandError(exc.message, returncode=2) from exc
            self.stdout.write(json.dumps({"code": municipality.code, "name": municipality.name}))
