"""What the taxonomy commands share: progress bars on stderr, one JSON line, Dutch errors with exit 2."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from doorleren.core.cli import file_not_utf8, file_unreadable, run_or_exit, write_json_line
from doorleren.core.errors import ApplicationError


def progress_bar(description: str, total: int) -> tqdm:
    """A byte-counting progress bar on stderr (tqdm)."""
    return tqdm(desc=description, total=total, unit="B", unit_scale=True, file=sys.stderr, leave=False)


class StageProgress:
    """The engine reports ``progress(stage, done, total)``; show one tqdm bar per stage on stderr."""

    def __init__(self, prefix: str):
        self.prefix = prefix
        self.bar: tqdm | None = None
        self.stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.bar is None or stage != self.stage:
            self.close()
            self.stage = stage
            self.bar = tqdm(desc=f"{self.prefix}: {stage}", total=total, file=sys.stderr, leave=False)
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def index_with_progress(kind: str):
    """Load or build the ``kind`` search index (building shows progress on stderr)."""
    from doorleren.taxonomy.selectors import linking_index

    progress = StageProgress(kind)
    try:
        return linking_index(kind=kind, build=True, progress=progress)
    finally:
        progress.close()


class SearchCommand(BaseCommand):
    """``doorleren <kind> search QUERY`` or ``--file F`` (one query per line): one JSON line per query.

    Each line: ``{"query": ..., "results": [{"uri": ..., "label": ..., "score": ...}]}``.
    """

    kind = ""
    batch_size = 256

    def add_arguments(self, parser):
        subcommands = parser.add_subparsers(dest="subcommand", required=True)
        search = subcommands.add_parser("search", help="Zoek op tekst; één JSON-regel per zoekterm.")
        search.add_argument("query", nargs="?", help="De zoekterm.")
        search.add_argument(
            "--file", type=Path, help="Bestand met één zoekterm per regel (lege regels tellen niet)."
        )
        search.add_argument(
            "--top", type=int, default=10, help="Aantal resultaten per zoekterm (1-50, standaard 10)."
        )

    def handle(self, *args, subcommand: str, query: str | None, file: Path | None, top: int, **options):
        run_or_exit(self, lambda: self._search(query, file, top))

    def _search(self, query: str | None, file: Path | None, top: int) -> None:
        from doorleren.taxonomy.selectors import linking_query_check, linking_search

        if (query is None) == (file is None):
            raise ApplicationError(
                _("Geef één zoekterm of --file met zoektermen, niet allebei of geen van beide.")
            )
        queries = _queries(query, file)
        first = list(islice(queries, 1))  # check the input before a possibly long index build
        if not first:
            raise ApplicationError(_("Het bestand bevat geen zoektermen."))
        linking_query_check(queries=first, top=top)
        index_with_progress(self.kind)
        for batch in _batches(chain(first, queries), self.batch_size):
            for line in linking_search(kind=self.kind, queries=batch, top=top):
                write_json_line(self, line)


def _queries(query: str | None, file: Path | None) -> Iterator[str]:
    if query is not None:
        yield query
        return
    try:
        handle = file.open(encoding="utf-8")
    except OSError:
        raise file_unreadable(file) from None
    with handle:
        try:
            for line in handle:
                if line.strip():
                    yield line.strip()
        except UnicodeDecodeError:
            raise file_not_utf8(file) from None


def _batches(items: Iterable[str], size: int) -> Iterator[list[str]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
