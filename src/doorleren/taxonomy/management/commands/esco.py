"""``doorleren esco import DIR``: import the official ESCO CSV export (see docs/esco-import.md).

``--queue``: put the import on the queue for ``doorleren tasks worker`` instead of running it here; the
JSON line then names the job (docs/tasks.md). The worker reads DIR, so it must see the same folder.
"""

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
        importer.add_argument("--queue", action="store_true", help="Op de achtergrond inlezen (als taak).")

    def handle(self, *args, subcommand: str, **options):
        if options["queue"]:
            from doorleren.taxonomy.tasks import esco_import_enqueue

            job = run_or_exit(self, lambda: esco_import_enqueue(directory=options["directory"]))
            write_json_line(self, {"job": job.pk, "kind": job.kind, "status": job.status})
            return
        progress = None if options["no_progress"] else progress_bar
        result = run_or_exit(self, lambda: esco_import(directory=options["directory"], progress=progress))
        write_json_line(self, result)
