"""``doorleren privacy retention [--dry-run] [--today YYYY-MM-DD]``: delete what is past its retention
period (docs/security-privacy.md, "Bewaartermijnen"); one JSON line with the counts per kind.

Run it once a day (cron or a systemd timer, see the doc). Safe to run again. Bad input: exit code 2.

``doorleren privacy erase-again --ids 12,15`` (or ``--file F``, one id per line): after a restore from a
backup, erase again the residents who deleted their account (or were erased by retention) after the
backup was made (docs/operations-backup.md). Safe to run again; one JSON line with the ids per outcome.
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from doorleren.core.cli import run_or_exit, write_json_line
from doorleren.privacy.services import account_erasures_reapply, retention_apply

MAX_IDS_FILE_BYTES = 5 * 1024 * 1024


def _ids(text: str, where: str) -> list[int]:
    ids = []
    for number, part in enumerate(text.replace(",", "\n").splitlines(), start=1):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit() or len(part) > 18:
            raise CommandError(
                f"{where}: '{part[:40]}' (nummer {number}) is geen accountnummer. Gebruik alleen hele getallen.",
                returncode=2,
            )
        ids.append(int(part))
    if not ids:
        raise CommandError(f"{where}: er staat geen accountnummer in.", returncode=2)
    return ids


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
        again = sub.add_parser(
            "erase-again", help="Wis na een terugzetting de accounts die na de back-up zijn gewist opnieuw."
        )
        source = again.add_mutually_exclusive_group(required=True)
        source.add_argument("--ids", default="", help="Accountnummers, met komma's ertussen.")
        source.add_argument("--file", default="", help="Bestand met één accountnummer per regel.")

    def handle(self, *args, action: str, **options):
        if action == "erase-again":
            self._erase_again(options)
            return
        today = _day(options["today"]) if options["today"] else timezone.localdate()
        counts = retention_apply(today=today, dry_run=options["dry_run"])
        write_json_line(self, {"today": today.isoformat(), "dry_run": options["dry_run"], "counts": counts})

    def _erase_again(self, options) -> None:
        if options["file"]:
            from pathlib import Path

            from doorleren.core.cli import read_text_file

            text = run_or_exit(
                self,
                lambda: read_text_file(
                    Path(options["file"]),
                    max_bytes=MAX_IDS_FILE_BYTES,
                    too_large="Het bestand %(file)s is te groot (hoogstens %(max)s bytes).",
                ),
            )
            ids = _ids(text, options["file"])
        else:
            ids = _ids(options["ids"], "--ids")
        result = run_or_exit(self, lambda: account_erasures_reapply(user_ids=ids))
        write_json_line(self, result)
