"""What every ``doorleren`` command shares: one JSON line on stdout, Dutch errors with exit code 2,
and reading an input file with the same Dutch messages everywhere.

(The engines are Django-free and read their instance files with ``engine.jsonfile.read_json_file``.)
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError


def run_or_exit(command: BaseCommand, work: Callable[[], Any]) -> Any:
    """Run ``work``; an ``ApplicationError`` becomes one Dutch line on stderr and exit code 2."""
    try:
        return work()
    except ApplicationError as error:
        command.stderr.write(one_line(error.message))
        raise SystemExit(2) from None


def one_line(message: str) -> str:
    """``message`` on one line: a line break in text from the input (an id, a name) becomes a space."""
    return " ".join(message.splitlines())


def write_json_line(command: BaseCommand, data: Any) -> None:
    command.stdout.write(json.dumps(data, ensure_ascii=False))


def file_unreadable(path: Path) -> ApplicationError:
    return ApplicationError(
        _("Het bestand %(file)s kan niet worden gelezen.") % {"file": path}, code="file_unreadable"
    )


def file_not_utf8(path: Path) -> ApplicationError:
    return ApplicationError(
        _("Het bestand %(file)s is geen UTF-8-tekst.") % {"file": path}, code="file_not_utf8"
    )


def read_text_file(path: Path, *, max_bytes: int, too_large: str | None = None) -> str:
    """The text of ``path`` (UTF-8, a byte-order mark is dropped), read at most ``max_bytes`` + 1 bytes.

    ``ApplicationError`` with a Dutch message when the file cannot be read, is not UTF-8, or is larger
    than ``max_bytes`` (``too_large`` is then the message; ``%(file)s`` is filled in).
    """
    try:
        with Path(path).open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError:
        raise file_unreadable(path) from None
    if len(raw) > max_bytes:
        message = too_large or _("Het bestand %(file)s is te groot. Het mag hoogstens %(max)s bytes zijn.")
        raise ApplicationError(
            message % {"file": path, "max": number_format(max_bytes, force_grouping=True)},
            code="file_too_large",
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise file_not_utf8(path) from None
