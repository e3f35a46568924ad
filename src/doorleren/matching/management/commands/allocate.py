"""``doorleren allocate --instance FILE``: place learners in practical assignments, as one JSON line.

The instance (learners with their wishes, assignments with capacity and ranking; schema in
docs/placement.md) is read from a JSON file and answered by the pure engine
``doorleren.engine.placement`` (learner-proposing deferred acceptance). No database is used. The
answer is ``{"matching": {learner: assignment or null}}`` with every learner; ``--explain`` adds
``"explanations"``. A bad file or instance prints one plain Dutch line on stderr and exits with code 2.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from doorleren.core.cli import one_line
from doorleren.engine.placement import (
    MAX_FILE_BYTES,
    MESSAGES_NL,
    PlacementInstanceError,
    placement_for_instance,
    read_instance_file,
)


def error_message(error: PlacementInstanceError) -> str:
    """The error as one translated sentence (Dutch by default)."""
    return gettext(MESSAGES_NL[error.code]) % error.params


class Command(BaseCommand):
    help = (
        "Plaats deelnemers bij praktijkopdrachten (stabiele toewijzing) uit een JSON-bestand. "
        "Schrijft één JSON-regel."
    )
    requires_system_checks: list = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--instance",
            type=Path,
            required=True,
            help=f"JSON-bestand met learners (wensen, beste eerst) en assignments (capacity, ranking) "
            f"(hoogstens {MAX_FILE_BYTES // (1024 * 1024)} MB). Zie docs/placement.md.",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Zet per deelnemer uitleg in het antwoord: welke keus en waarom niet een hogere.",
        )

    def handle(self, *args, instance: Path, explain: bool = False, **options):
        try:
            result = placement_for_instance(
                read_instance_file(instance, max_bytes=MAX_FILE_BYTES),
                with_explanations=explain,
                translate=gettext,
            )
        except PlacementInstanceError as error:
            self.stderr.write(one_line(error_message(error)))
            raise SystemExit(2) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False))
