"""``doorleren taxonomy load-map`` and ``doorleren taxonomy build-index``.

``load-map`` reads ``taxonomy/data/competency_map.yaml`` and ``taxonomy/data/regional_occupations.yaml``
(or the files given with ``--map`` and ``--occupations``) and prints one JSON line with the counts.
``build-index`` builds the search indexes now (after an import), so the first search is fast.
"""

import time
from pathlib import Path

from django.core.management.base import BaseCommand

from doorleren.taxonomy import selectors
from doorleren.taxonomy.management.commands._common import index_with_progress, run_or_exit, write_json_line
from doorleren.taxonomy.services import competency_map_load
from doorleren.taxonomy.services.competency_map import MAP_FILE, OCCUPATIONS_FILE


class Command(BaseCommand):
    help = (
        "Taxonomie: 'load-map' laadt de regionale competentiekaart en de beroepen in de regio; "
        "'build-index' bouwt de zoekindexen."
    )

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        load = subcommands.add_parser("load-map", help="Laad de competentiekaart (YAML) in de database.")
        load.add_argument("--map", type=Path, default=MAP_FILE, help="Competentiekaart (YAML).")
        load.add_argument(
            "--occupations", type=Path, default=OCCUPATIONS_FILE, help="Beroepen in de regio (YAML)."
        )
        load.add_argument(
            "--without-occupations", action="store_true", help="Laad alleen sectoren en competenties."
        )
        index = subcommands.add_parser("build-index", help="Bouw de zoekindexen nu (na een import).")
        index.add_argument(
            "--kind", choices=selectors.LINKING_KINDS, action="append", help="Alleen deze index (mag vaker)."
        )

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "build-index":
            kinds = options["kind"] or selectors.LINKING_KINDS
            write_json_line(self, run_or_exit(self, lambda: self._build(kinds)))
            return
        occupations = None if options["without_occupations"] else options["occupations"]
        result = run_or_exit(
            self, lambda: competency_map_load(map_path=options["map"], occupations_path=occupations)
        )
        write_json_line(self, result)

    def _build(self, kinds) -> dict:
        built = {}
        for kind in kinds:
            started = time.monotonic()
            index = index_with_progress(kind)
            fingerprint = selectors.linking_fingerprint(kind=kind)
            path = selectors.linking_index_path(kind=kind, fingerprint=fingerprint)
            built[kind] = {
                "fingerprint": fingerprint,
                "path": str(path) if index is not None else None,
                "seconds": round(time.monotonic() - started, 1),
            }
        return built
