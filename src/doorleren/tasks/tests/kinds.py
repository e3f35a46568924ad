"""Kinds of work that exist only for the tests (registered when this module is imported; the worker
imports it through the job's handler path)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from doorleren.core.errors import ApplicationError
from doorleren.tasks.services import JobContext, JobOutcome, OutputFile, job_kind

MAX_WAIT_SECONDS = 60


@job_kind("tests_echo", title="Test: echo")
def echo(context: JobContext) -> JobOutcome:
    calls = context.params.get("calls_file")
    if calls:
        with Path(calls).open("a") as handle:
            handle.write(f"{context.job_id}\n")
    return JobOutcome(
        summary=f"Klaar: {context.params.get('value')}",
        lines=["regel een"],
        data={"value": context.params.get("value"), "attempt": context.attempt},
    )


@job_kind("tests_report", title="Test: rapport", share_with_role=True)
def report(context: JobContext) -> JobOutcome:
    return JobOutcome(
        summary="Het rapport staat klaar.",
        files=[OutputFile(name="rapport.pdf", content=b"%PDF-1.4 test", content_type="application/pdf")],
    )


@job_kind("tests_refused", title="Test: geweigerd")
def refused(context: JobContext) -> JobOutcome:
    raise ApplicationError("Dit bestand kunnen wij niet lezen.", code="test_refused")


@job_kind("tests_broken", title="Test: kapot")
def broken(context: JobContext) -> JobOutcome:
    raise ZeroDivisionError("kapot")


@job_kind("tests_wait_for_flag", title="Test: wacht op een vlag")
def wait_for_flag(context: JobContext) -> JobOutcome:
    """Says it started (a file per attempt), waits until the test puts the flag ``go`` in ``folder``,
    then records that it completed (one line per completed run) and returns twice the value."""
    folder = Path(context.params["folder"])
    (folder / f"started-{context.attempt}").write_text(str(os.getpid()))
    deadline = time.monotonic() + MAX_WAIT_SECONDS
    while not (folder / "go").exists():
        if time.monotonic() > deadline:
            raise ApplicationError("De test gaf geen teken.", code="test_timeout")
        time.sleep(0.02)
    with (folder / "completed").open("a") as handle:
        handle.write(f"{context.job_id} {context.attempt}\n")
    value = int(context.params["value"])
    return JobOutcome(summary=f"Klaar: {2 * value}", data={"double": 2 * value})
