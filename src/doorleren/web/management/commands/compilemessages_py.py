"""Compile the translations (.po → .mo) in pure Python, so no GNU gettext is needed to install.

    doorleren compilemessages_py            # write every .mo next to its .po
    doorleren compilemessages_py --check    # exit 1 when a committed .mo is missing or out of date

The .po files are made with ``doorleren makemessages`` (that one does need GNU gettext, only for
developers who change texts). Ends with one JSON line of results. A broken .po file, or a
translation whose ``%(name)s`` placeholders differ from the Dutch source, exits with code 2.
"""

import json
import re
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]")


def _placeholders(text: str) -> list[str]:
    return sorted(match.group(0) for match in PLACEHOLDER.finditer(text))


def placeholder_errors(po: polib.POFile) -> list[str]:
    """Translations that would break at runtime: their placeholders differ from the source text."""
    errors = []
    for entry in po.translated_entries():
        if "python-format" not in entry.flags:
            continue
        expected = _placeholders(entry.msgid)
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for translation in translations:
            # A plural form may leave out the number (``één module``), never add or rename one.
            found = _placeholders(translation)
            if not set(found) <= set(expected + _placeholders(entry.msgid_plural or "")):
                errors.append(f"{entry.linenum}: {entry.msgid!r} → {translation!r}")
    return errors


def po_files(locale_dirs: list[Path]) -> list[Path]:
    return sorted(path for directory in locale_dirs for path in Path(directory).glob("*/LC_MESSAGES/*.po"))


class Command(BaseCommand):
    help = "Compile .po files to .mo in pure Python (no GNU gettext needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Do not write; exit 1 when a .mo file is missing or differs from its .po file.",
        )

    def handle(self, *args, check: bool = False, **options):
        locale_dirs = [Path(directory) for directory in settings.LOCALE_PATHS]
        files = po_files(locale_dirs)
        if not files:
            raise CommandError(
                f"Geen .po-bestanden gevonden in {', '.join(map(str, locale_dirs))}.", returncode=2
            )
        results = {"files": 0, "messages": 0, "untranslated": 0, "fuzzy": 0, "written": 0, "outdated": []}
        for po_path in files:
            try:
                po = polib.pofile(str(po_path), wrapwidth=0)
            except (OSError, ValueError) as error:
                raise CommandError(f"{po_path}: {error}", returncode=2) from error
            errors = placeholder_errors(po)
            if errors:
                raise CommandError(f"{po_path}: placeholders differ: {'; '.join(errors)}", returncode=2)
            binary = po.to_binary()
            mo_path = po_path.with_suffix(".mo")
            results["files"] += 1
            results["messages"] += len(po.translated_entries())
            results["untranslated"] += len(po.untranslated_entries())
            results["fuzzy"] += len(po.fuzzy_entries())
            if mo_path.exists() and mo_path.read_bytes() == binary:
                continue
            if check:
                results["outdated"].append(str(mo_path))
                continue
            mo_path.write_bytes(binary)
            results["written"] += 1
        self.stdout.write(json.dumps(results))
        if check and results["outdated"]:
            raise CommandError(
                "De .mo-bestanden zijn niet bijgewerkt. Draai: doorleren compilemessages_py", returncode=1
            )
