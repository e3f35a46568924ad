"""``doorleren monitoring refresh [--today YYYY-MM-DD]``: add the participations that follow from
enrolments, rebuild the outcome figures and the effect estimates (docs/monitoring.md). Run it every
night (or after an import); pages show the figures of the last run. Ends with one JSON line.
``--queue``: put the refresh on the queue for ``doorleren tasks worker`` instead (docs/tasks.md).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
import time

from django.core.management.base import BaseCommand, CommandError

from doorleren.core.errors import ApplicationError


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(
            f"Geen geldige datum: {value!r}. Schrijf het als 2026-11-28.", returncode=2
        ) from exc


class Command(BaseCommand):
    help = "Monitoring: deelnames bijwerken en de cijfers en effectschattingen opnieuw berekenen (refresh)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        refresh = sub.add_parser(
            "refresh", help="Deelnames, uitkomsten en effectschattingen opnieuw berekenen."
        )
        refresh.add_argument("--today", help="Rekenen alsof het deze dag is (JJJJ-MM-DD); standaard vandaag.")
        refresh.add_argument("--queue", action="store_true", help="Op de achtergrond bijwerken (als taak).")

    def handle(self, *args, action: str, **options):
        from doorleren.monitoring.services import evaluation, outcomes, participation

        today = _date(options["today"]) if options.get("today") else None
        if options.get("queue"):
            from doorleren.monitoring.tasks import monitoring_refresh_enqueue

            job = monitoring_refresh_enqueue(today=today)
            self.stdout.write(json.dumps({"job": job.pk, "kind": job.kind, "status": job.status}))
            return
        started = time.monotonic()
        result: dict = {}
        try:
            for name, step in (
                ("participations", lambda: participation.participations_sync()),
                ("outcomes", lambda: outcomes.outcomes_refresh(today=today)),
                ("effects", lambda: evaluation.effect_estimates_refresh(today=today)),
            ):
                sys.stderr.write(f"monitoring: {name}\n")
                result[name] = step()
        except ApplicationError as exc:
            raise CommandError(exc.message, returncode=2) from exc
        result["seconds"] = round(time.monotonic() - started, 1)
        self.stdout.write(json.dumps(result, default=str))
