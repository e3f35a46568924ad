"""``doorleren esco import DIR``: import the official ESCO CSV export (see docs/esco-import.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand

from doorleren.taxonomy.management.commands._common import progress_bar, run_or_exit, write_json_line
from doorleren.taxonomy.services import esco_import


class Command(BaseCommand):
    help = "ESCO: 'import DIR' leest de officiële ESCO-CSV-bestanden in DIR in (alle talen)."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        importer = subcommands.add_parser("import", help="Importeer de ESCO-CSV-bestanden uit een map.")
        importer.add_argument("directory", type=Path, help="Map met occupations_nl.csv, skills_en.csv, ...")
        importer.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

    def handle(self, *args, subcommand: str, **options):
        progress = None if options["no_progress"] else progress_bar
        result = run_or_exit(self, lambda: esco_import(directory=options["directory"], progress=progress))
        write_json_line(self, result)
