"""``doorleren openapi check|write``: keep docs/openapi.yaml equal to what the code generates."""

import difflib
import sys
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from doorleren.core.paths import PROJECT_ROOT

SCHEMA_FILE = PROJECT_ROOT / "docs" / "openapi.yaml"


def generate_schema() -> str:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "openapi.yaml"
        call_command("spectacular", "--file", str(out), "--validate", "--fail-on-warn", "--lang", "nl")
        return out.read_text(encoding="utf-8")


class Command(BaseCommand):
    help = "Controleer of schrijf het OpenAPI-schema (docs/openapi.yaml)."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["check", "write"])

    def handle(self, *args, action: str, **options):
        generated = generate_schema()
        if action == "write":
            SCHEMA_FILE.write_text(generated, encoding="utf-8")
            self.stdout.write(f"{SCHEMA_FILE} geschreven.")
            return
        committed = SCHEMA_FILE.read_text(encoding="utf-8") if SCHEMA_FILE.exists() else ""
        if committed != generated:
            diff = difflib.unified_diff(
                committed.splitlines(keepends=True),
                generated.splitlines(keepends=True),
                "docs/openapi.yaml",
                "gegenereerd",
            )
            sys.stderr.writelines(list(diff)[:200])
            raise CommandError(
                "docs/openapi.yaml wijkt af van de code. Draai 'doorleren openapi write' en commit het bestand.",
                returncode=1,
            )
        self.stdout.write("docs/openapi.yaml klopt met de code.")
