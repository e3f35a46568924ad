"""``doorleren extract TEXT`` (or ``--file F``): competencies that a free text names, as one JSON line.

The line is ``{"chars": N, "competencies": [...], "skills": [...]}`` (see
``doorleren.taxonomy.selectors.text_competencies``). A missing index is built first (progress on stderr).
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from doorleren.core.cli import read_text_file
from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.management.commands._common import index_with_progress, run_or_exit, write_json_line

# Read at most this many bytes: enough for 5,000 characters of any UTF-8 text; a larger file is refused
# without being read whole.
MAX_FILE_BYTES = 4 * 5000 + 4


class Command(BaseCommand):
    help = (
        "Zoek welke competenties in een tekst staan (een cv, wat u doet op uw werk, een vacature). "
        "Geef de tekst, of --file BESTAND."
    )

    def add_arguments(self, parser):
        parser.add_argument("text", nargs="?", help="De tekst (hoogstens 5.000 tekens).")
        parser.add_argument("--file", type=Path, help="Bestand met de tekst (UTF-8).")
        parser.add_argument(
            "--top", type=int, default=15, help="Hoogstens zoveel voorstellen per soort (1-30, standaard 15)."
        )

    def handle(self, *args, text: str | None, file: Path | None, top: int, **options):
        run_or_exit(self, lambda: self._extract(text, file, top))

    def _extract(self, text: str | None, file: Path | None, top: int) -> None:
        from doorleren.taxonomy.selectors import text_check, text_competencies

        if (text is None) == (file is None):
            raise ApplicationError(
                _("Geef een tekst of --file met een tekst, niet allebei of geen van beide.")
            )
        if not 1 <= top <= 30:
            raise ApplicationError(
                _("Het aantal voorstellen moet tussen 1 en 30 liggen."), code="top_out_of_range"
            )
        if file is not None:
            text = _read(file)
        text = text_check(text=text)
        for kind in ("competencies", "skills"):
            index_with_progress(kind)
        found = text_competencies(text=text, top=top)
        write_json_line(self, {"chars": len(text), **found})


def _read(file: Path) -> str:
    return read_text_file(
        file,
        max_bytes=MAX_FILE_BYTES,
        too_large=_("Het bestand %(file)s is te groot. Een tekst mag hoogstens 5.000 tekens hebben."),
    )
