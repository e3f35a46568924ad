"""What every ``doorleren`` command shares: one JSON line on stdout, Dutch errors with exit code 2."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand

from doorleren.core.errors import ApplicationError


def run_or_exit(command: BaseCommand, work: Callable[[], Any]) -> Any:
    """Run ``work``; an ``ApplicationError`` becomes one Dutch line on stderr and exit code 2."""
    try:
        return work()
    except ApplicationError as error:
        command.stderr.write(error.message)
        raise SystemExit(2) from None


def write_json_line(command: BaseCommand, data: Any) -> None:
    command.stdout.write(json.dumps(data, ensure_ascii=False))
