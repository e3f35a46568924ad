"""``doorleren indicators``: the regional indicators (docs/monitoring-statistics.md).

- ``load``: create or update the indicators (the same as the data migration).
- ``import-csv FILE [--source TEXT]``: read figures from a CSV file (all or nothing).
- ``import-cbs --indicator CODE --table TABLE --measure CODE [--weight-measure CODE]
  [--years 2019-2024] [--dimension RegioS]``: read one indicator from CBS StatLine (OData v4).
- ``demo``: the plan's region figures and example figures for the demo.

``--queue`` (import-csv, import-cbs): put the import on the queue for ``doorleren tasks worker``
instead of running it here; the JSON line then names the job (docs/tasks.md).

Progress goes to stderr; the result is one JSON line on stdout. Bad input: one Dutch line on
stderr and exit code 2.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.cli import file_unreadable, run_or_exit, write_json_line
from doorleren.core.errors import ApplicationError
from doorleren.monitoring import tasks as monitoring_tasks
from doorleren.monitoring.services import statistics as services


def job_line(job) -> dict:
    """The JSON line of ``--queue``: the job that does (or did) the work."""
    return {"job": job.pk, "kind": job.kind, "status": job.status}


def _years(text: str | None) -> list[int] | None:
    """``2019-2024`` or ``2019,2021`` or ``2023`` → years; None when not given."""
    if not text:
        return None
    text = text.strip()
    match = re.fullmatch(r"(\d{4})\s*-\s*(\d{4})", text)
    if match:
        first, last = int(match.group(1)), int(match.group(2))
        if first <= last:
            return list(range(first, last + 1))
    elif re.fullmatch(r"\d{4}(\s*,\s*\d{4})*", text):
        return [int(part) for part in text.split(",")]
    raise ApplicationError(
        _("Schrijf de jaren als 2019-2024 of 2019,2021 (nu: %(text)s).") % {"text": text[:40]},
        code="stat_years_invalid",
    )


class Command(BaseCommand):
    help = "Regionale indicatoren: load, import-csv FILE, import-cbs, demo."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("load", help="Maak of werk de indicatoren bij.")
        csv_parser = sub.add_parser("import-csv", help="Lees cijfers in uit een CSV-bestand.")
        csv_parser.add_argument("file", type=Path)
        csv_parser.add_argument("--source", default="", help="Waar de cijfers vandaan komen.")
        csv_parser.add_argument("--queue", action="store_true", help="Op de achtergrond inlezen (als taak).")
        cbs = sub.add_parser("import-cbs", help="Lees één indicator in van CBS StatLine (OData v4).")
        cbs.add_argument("--indicator", required=True)
        cbs.add_argument("--table", default="", help="CBS-tabel, bijvoorbeeld 85276NED.")
        cbs.add_argument("--measure", default="", help="Het onderwerp (Measure), bijvoorbeeld M001234.")
        cbs.add_argument(
            "--weight-measure", default="", help="Onderwerp voor het gewicht bij samengevoegde gemeenten."
        )
        cbs.add_argument("--years", default="", help="Bijvoorbeeld 2019-2024.")
        cbs.add_argument(
            "--dimension", default="RegioS", help="De regio-dimensie: RegioS of WijkenEnBuurten."
        )
        cbs.add_argument("--queue", action="store_true", help="Op de achtergrond ophalen (als taak).")
        sub.add_parser("demo", help="Cijfers uit het plan en voorbeeldcijfers voor de demo.")

    def handle(self, *args, action: str, **options):
        if action == "load":
            result = run_or_exit(self, services.stat_indicators_load)
        elif action == "import-csv":
            path: Path = options["file"]

            def work():
                try:
                    handle = path.open("rb")
                except OSError:
                    raise file_unreadable(path) from None
                with handle:
                    source_detail = options["source"] or _("CSV-bestand %(name)s") % {"name": path.name}
                    if options["queue"]:
                        return job_line(
                            monitoring_tasks.indicators_import_csv_enqueue(
                                content=handle.read(services.MAX_CSV_BYTES + 1),
                                file_name=path.name,
                                source_detail=source_detail,
                            )
                        )
                    self.stderr.write(_("Bestand %(file)s inlezen ...") % {"file": path})
                    return services.stat_values_import_csv(file=handle, source_detail=source_detail)

            result = run_or_exit(self, work)
        elif action == "import-cbs":

            def work():
                years = _years(options["years"])
                if options["queue"]:
                    return job_line(
                        monitoring_tasks.indicators_import_cbs_enqueue(
                            indicator=options["indicator"],
                            table=options["table"],
                            measure_code=options["measure"],
                            weight_measure_code=options["weight_measure"],
                            years=years,
                            region_dimension=options["dimension"],
                        )
                    )
                self.stderr.write(_("Cijfers ophalen bij CBS StatLine ..."))
                return services.stat_values_import_cbs(
                    indicator=options["indicator"],
                    table=options["table"],
                    measure_code=options["measure"],
                    weight_measure_code=options["weight_measure"],
                    years=years,
                    region_dimension=options["dimension"],
                )

            result = run_or_exit(self, work)
        else:
            self.stderr.write(_("Voorbeeldcijfers maken ..."))
            result = run_or_exit(self, lambda: services.stat_values_demo_load(today=timezone.localdate()))
        write_json_line(self, result)
