"""``doorleren bench NAME``: dispatch to a registered benchmark, append to the markdown file, print JSON."""

from __future__ import annotations

import io
import json

from django.core.management import call_command

from doorleren.taxonomy import benchmarks


def fake_benchmark(*, progress=None):
    if progress:
        progress("measuring")
    return {"mrr": 0.5}, "| measure | value |\n|---|---|\n| MRR | 0.500 |"


def fake_with_heading(*, progress=None):
    return {}, "## My own heading\n\nDate: today."


def test_bench_runs_the_registered_benchmark_and_appends_to_the_file(tmp_path, monkeypatch):
    monkeypatch.setitem(benchmarks.BENCHMARKS, "fake", f"{__name__}:fake_benchmark")
    output = tmp_path / "docs" / "benchmarks.md"
    out = io.StringIO()

    call_command("bench", "fake", "--output", str(output), "--no-progress", stdout=out)
    call_command("bench", "fake", "--output", str(output), "--no-progress", stdout=io.StringIO())

    line = json.loads(out.getvalue().splitlines()[-1])
    assert line == {"benchmark": "fake", "appended_to": str(output), "result": {"mrr": 0.5}}
    text = output.read_text()
    assert text.startswith("# Benchmarks\n")
    assert text.count("# Benchmarks") == 1
    assert text.count("## fake, ") == 2
    assert "- command: `doorleren bench fake`" in text
    assert "| MRR | 0.500 |" in text


def test_a_section_with_its_own_heading_is_appended_as_it_is(tmp_path, monkeypatch):
    monkeypatch.setitem(benchmarks.BENCHMARKS, "own", f"{__name__}:fake_with_heading")
    output = tmp_path / "benchmarks.md"
    err = io.StringIO()

    call_command("bench", "own", "--output", str(output), stdout=io.StringIO(), stderr=err)

    assert output.read_text() == benchmarks.HEADER + "\n## My own heading\n\nDate: today.\n"


def test_progress_messages_go_to_stderr(tmp_path, monkeypatch):
    monkeypatch.setitem(benchmarks.BENCHMARKS, "fake", f"{__name__}:fake_benchmark")
    err = io.StringIO()

    call_command("bench", "fake", "--output", str(tmp_path / "b.md"), stdout=io.StringIO(), stderr=err)

    assert "bench: measuring" in err.getvalue()


def test_machine_description_reads_cores_and_memory():
    machine = benchmarks.machine_description()

    assert machine["cores"] >= 1
    assert machine["memory_gb"] is None or machine["memory_gb"] > 0
    assert f"{machine['cores']} cores" in benchmarks.machine_line(machine)
