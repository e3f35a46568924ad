"""Kinds of background work. An app declares its kinds in its own ``tasks.py``::

    @job_kind("monitoring_refresh", title=gettext_lazy("Monitoring bijwerken"))
    def refresh(context: JobContext) -> JobOutcome:
        ...

The handler gets a ``JobContext`` (parameters, input files, progress) and returns a ``JobOutcome``
with a Dutch summary; it raises ``ApplicationError`` (or ``JobError`` with lines) for a Dutch failure.
A handler may run twice for one job (after a crash): its writes must be idempotent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise
from django.utils.module_loading import autodiscover_modules

from doorleren.core.errors import ApplicationError

if TYPE_CHECKING:
    from .runner import JobContext


@dataclass(frozen=True)
class OutputFile:
    name: str
    content: bytes
    content_type: str = "application/octet-stream"


@dataclass
class JobOutcome:
    """What a finished job shows: ``summary`` (one Dutch paragraph), ``lines`` (Dutch details, such as
    rows that were skipped), ``data`` (JSON for commands and tests) and files to download."""

    summary: str
    lines: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    files: list[OutputFile] = field(default_factory=list)


class JobError(ApplicationError):
    """A Dutch failure with details per line (``lines``), shown on the job's page."""

    def __init__(self, message: str, *, lines: list[str] | None = None, code: str = "job_failed"):
        super().__init__(message, code=code, extra={"lines": list(lines or [])})


@dataclass(frozen=True)
class JobKind:
    name: str
    title: str | Promise
    handler: Callable[[JobContext], JobOutcome]
    # Reports: people with the starter's role may see the job and download its file.
    share_with_role: bool = False
    # Where the job's page links back to (a URL name without arguments), if anywhere.
    back_url_name: str = ""

    @property
    def handler_path(self) -> str:
        return f"{self.handler.__module__}.{self.handler.__qualname__}"


_KINDS: dict[str, JobKind] = {}
_discovered = False


def job_kind(name: str, *, title: str | Promise, share_with_role: bool = False, back_url_name: str = ""):
    """Register the decorated function as the handler of the job kind ``name``."""

    def register(handler: Callable[[JobContext], JobOutcome]):
        _KINDS[name] = JobKind(
            name=name,
            title=title,
            handler=handler,
            share_with_role=share_with_role,
            back_url_name=back_url_name,
        )
        return handler

    return register


def kind_get(name: str) -> JobKind | None:
    """The registered kind ``name``; the apps' ``tasks`` modules are imported the first time one is
    not known yet."""
    global _discovered
    if name not in _KINDS and not _discovered:
        _discovered = True
        autodiscover_modules("tasks")
    return _KINDS.get(name)
