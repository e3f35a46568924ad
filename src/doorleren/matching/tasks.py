"""Background work of the matching app (docs/tasks.md): batch matching of a JSON instance.

``matching_batch``: the persons and opportunities of an uploaded instance (the format of
``doorleren match``, docs/matching.md) are matched by the engine; the result, one JSON line per person or
opportunity, is the job's file to download. The result is a pure function of the file, so a run after a
crash writes the same file again (the job's output replaces the earlier one).
"""

from __future__ import annotations

import json

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from doorleren.core.errors import ApplicationError
from doorleren.tasks.services import JobContext, JobOutcome, OutputFile, job_enqueue, job_kind

from .batch import instance_from_text

INSTANCE_FILE = "instance"


def matching_batch_enqueue(*, content: bytes, name: str, started_by=None):
    """Queue the batch matching of ``content`` (a JSON instance), or return the job for the same file."""
    return job_enqueue(
        kind="matching_batch",
        started_by=started_by,
        params={"name": name[:200]},
        key_inputs={},
        files={INSTANCE_FILE: content},
    )


@job_kind("matching_batch", title=gettext_lazy("Passend werk zoeken voor een lijst"))
def matching_batch(context: JobContext) -> JobOutcome:
    name = context.params.get("name", INSTANCE_FILE)
    try:
        text = context.input_bytes(INSTANCE_FILE).decode("utf-8")
    except UnicodeDecodeError:
        raise ApplicationError(_("Het bestand is geen UTF-8-tekst.")) from None
    instance = instance_from_text(text, name=name)
    total = len(instance.persons if instance.direction == "person" else instance.opportunities)
    lines = []
    for done, line in enumerate(instance.lines(), start=1):
        lines.append(json.dumps(line, ensure_ascii=False, sort_keys=True))
        if done % 500 == 0:
            context.progress(done, total, _("Gezocht"))
    content = ("\n".join(lines) + "\n").encode("utf-8") if lines else b""
    summary = ngettext(
        "Klaar: %(count)d regel met de beste plekken.",
        "Klaar: %(count)d regels met de beste plekken.",
        len(lines),
    ) % {"count": len(lines)}
    return JobOutcome(
        summary=summary,
        data={"lines": len(lines), "direction": instance.direction},
        files=[OutputFile(name="passend.jsonl", content=content, content_type="application/x-ndjson")],
    )
