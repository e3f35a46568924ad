"""Benchmarks run by ``doorleren bench NAME``: each returns its figures and a markdown section.

``BENCHMARKS`` maps a name to ``"module:function"``; the function takes ``progress`` (a callable that
receives one-line status messages, or ``None``) and returns ``(figures: dict, markdown: str)``. The
markdown is a complete section (``## ...`` with date, machine, command, figures, baseline and ratio);
markdown without its own heading gets one from ``benchmark_append``. Other apps add their benchmark by
adding one line to ``BENCHMARKS``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from doorleren.core.machine import machine_description, machine_line  # noqa: F401  (re-exported)
from doorleren.core.paths import esco_dir, eval_dir

BENCHMARKS: dict[str, str] = {
    "linking": "doorleren.taxonomy.benchmarks:linking_benchmark",
    "routes": "doorleren.matching.benchmarks:routes_benchmark",
    "matching": "doorleren.matching.benchmarks:matching_benchmark",
    "allocate": "doorleren.matching.benchmarks:allocate_benchmark",
    "ledger": "doorleren.enrolments.bench_ledger:ledger_benchmark",
    "monitoring": "doorleren.monitoring.bench:monitoring_benchmark",
    "load": "doorleren.web.bench_load:load_benchmark",
}
BENCHMARKS_FILE = Path(__file__).resolve().parents[3] / "docs" / "benchmarks.md"
HEADER = (
    "# Benchmarks\n\n"
    "Appended by `doorleren bench NAME`: date, machine (cores, memory), command, figures, baseline\n"
    "figures and their ratio, measured in the same run.\n"
)


def linking_benchmark(*, progress=None) -> tuple[dict, str]:
    """The engine's linking benchmark on the shared ESCO files and evaluation sets."""
    from doorleren.engine.linking.bench import format_markdown, run_linking_benchmark

    result = run_linking_benchmark(esco_dir(), eval_dir(), progress=progress)
    return result, format_markdown(result, machine_description())


def benchmark_append(*, name: str, command: str, markdown: str, path: Path = BENCHMARKS_FILE) -> Path:
    """Append one benchmark section (date, machine, command, the benchmark's own markdown) to ``path``."""
    if markdown.lstrip().startswith("## "):
        section = f"\n{markdown.strip()}\n"
    else:
        section = (
            f"\n## {name}, {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}\n\n"
            f"- machine: {machine_line(machine_description())}\n"
            f"- command: `{command}`\n\n"
            f"{markdown.strip()}\n"
        )
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEADER, encoding="utf-8")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(section)
    return path
