"""``doorleren match --instance FILE``: match persons and opportunities from a JSON file (no database).

Prints one JSON line per person (``"direction": "person"``) or per opportunity (``"opportunity"``)
with the best matches, their scores and explanations (codes and plain Dutch sentences). The schema
is in docs/matching.md. A malformed file gives one Dutch line on stderr and exit code 2.

``--queue``: check the file, then let ``doorleren tasks worker`` do the matching as a background job
(``matching_batch``, docs/tasks.md); the JSON line names the job, whose page offers the result as a file.
The same file again gives the same job.
"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from doorleren.core.cli import read_text_file, run_or_exit, write_json_line
from doorleren.matching.batch import MAX_FILE_BYTES, instance_from_text


class Command(BaseCommand):
    help = "Zoek passend werk bij personen (of personen bij werk) uit een JSON-bestand."

    def add_arguments(self, parser):
        parser.add_argument(
            "--instance",
            type=Path,
            required=True,
            help="JSON-bestand met personen en kansen (zie docs/matching.md).",
        )
        parser.add_argument("--queue", action="store_true", help="Op de achtergrond zoeken (als taak).")

    def handle(self, *args, instance: Path, queue: bool = False, **options):
        run_or_exit(self, lambda: self._queue(instance) if queue else self._match(instance))

    def _read(self, path: Path) -> str:
        return read_text_file(
            path,
            max_bytes=MAX_FILE_BYTES,
            too_large=_(
                "Het bestand %(file)s is te groot. Het mag hoogstens %(max)s bytes zijn. Splits het op."
            ),
        )

    def _match(self, path: Path) -> None:
        for line in instance_from_text(self._read(path), name=str(path)).lines():
            write_json_line(self, line)

    def _queue(self, path: Path) -> None:
        from doorleren.matching.tasks import matching_batch_enqueue

        text = self._read(path)
        instance_from_text(text, name=str(path))  # a malformed file is refused now, not in the worker
        job = matching_batch_enqueue(content=text.encode("utf-8"), name=path.name)
        write_json_line(self, {"job": job.pk, "kind": job.kind, "status": job.status})
