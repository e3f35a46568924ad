"""``doorleren bench NAME``: run a benchmark, print one JSON line, append the figures to docs/benchmarks.md.

The benchmarks are listed in ``doorleren.taxonomy.benchmarks.BENCHMARKS`` (name → ``"module:function"``).
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path

from django.core.management.base import BaseCommand

from doorleren.taxonomy.benchmarks import BENCHMARKS, BENCHMARKS_FILE, benchmark_append
from doorleren.taxonomy.management.commands._common import run_or_exit, write_json_line


def _load(target: str):
    module, _, function = target.partition(":")
    return getattr(import_module(module), function)


class Command(BaseCommand):
    help = "Meet de snelheid en kwaliteit van een onderdeel en schrijf het resultaat in docs/benchmarks.md."

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="benchmark", required=True)
        for name in BENCHMARKS:
            benchmark = subcommands.add_parser(name, help=f"Benchmark {name}.")
            benchmark.add_argument(
                "--output", type=Path, default=BENCHMARKS_FILE, help="Markdown-bestand om aan toe te voegen."
            )
            benchmark.add_argument("--no-progress", action="store_true", help="Geen voortgangsbalk tonen.")

    def handle(self, *args, benchmark: str, output: Path, no_progress: bool, **options):
        run = _load(BENCHMARKS[benchmark])
        figures, markdown = run_or_exit(self, lambda: run(progress=None if no_progress else self._say))
        path = benchmark_append(
            name=benchmark, command=f"doorleren bench {benchmark}", markdown=markdown, path=output
        )
        write_json_line(self, {"benchmark": benchmark, "appended_to": str(path), "result": figures})

    def _say(self, message: str) -> None:
        self.stderr.write(f"bench: {message}")
