"""``doorleren privacy retention [--dry-run] [--today YYYY-MM-DD]``: delete what is past its retention
period (docs/security-privacy.md, "Bewaartermijnen"); one JSON line with the counts per kind.

Run it once a day (cron or a systemd timer, see the doc). Safe to run again. Bad input: exit code 2.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from doorleren.core.cli import write_json_line
from doorleren.privacy.services import retention_apply


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise CommandError(
            f"--today moet een datum zijn als JJJJ-MM-DD, bijvoorbeeld 2026-03-01 (niet {text!r}).",
            returncode=2,
        ) from None


class Command(BaseCommand):
    help = "Privacy: verwijder gegevens waarvan de bewaartermijn voorbij is (retention)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        retention = sub.add_parser("retention", help="Pas de bewaartermijnen toe.")
        retention.add_argument("--dry-run", action="store_true", help="Alleen tellen, niets verwijderen.")
        retention.add_argument("--today", default="", help="Doe alsof het deze dag is (JJJJ-MM-DD).")

    def handle(self, *args, action: str, **options):
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        counts = retention_apply(today=today, dry_run=options["dry_run"])
        write_json_line(self, {"today": today.isoformat(), "dry_run": options["dry_run"], "counts": counts})
