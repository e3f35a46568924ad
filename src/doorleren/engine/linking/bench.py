"""Benchmark of the linking engine: quality (MRR) on MELO and VDAB, speed, build time, size, memory.

``run_linking_benchmark(esco_dir, eval_dir)`` builds the occupation and skill indexes from the ESCO CSV
files, scores the hybrid search and a plain character 3-gram TF-IDF baseline on both evaluation sets,
and times batch and single-query search. ``format_markdown`` renders the result for
docs/benchmarks.md. Run ``python -m doorleren.engine.linking.bench`` to print it.
"""

from __future__ import annotations

import gc
import os
import platform
import random
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, replace
from datetime import UTC, datetime
from pathlib import Path

from .concepts import Concept
from .encoders import E5Encoder
from .esco_csv import read_esco_concepts
from .evalsets import EvalSet, load_melo, load_vdab, mean_reciprocal_rank, recall_at
from .index import LinkConfig, LinkIndex

RANK_CUT = 100
BATCH_SIZE = 2600
LATENCY_QUERIES = 200
SEED = 20240601

#: The baseline: character 3-grams (within word boundaries), TF-IDF, cosine, best label per concept.
BASELINE_CONFIG = LinkConfig(
    char_ngrams="char:3-3",
    word_weight=0.0,
    dense_weight=0.0,
    centroid_weight=0.0,
    kind_weights={"preferred": 1.0, "alternative": 1.0, "hidden": 1.0},
)


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _current_rss_mb() -> float:
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return _peak_rss_mb()


def _dir_size_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.iterdir() if f.is_file()) / 2**20


def only_lang(concepts: Iterable[Concept], lang: str) -> list[Concept]:
    """The concepts with their ``lang`` labels only (concepts without such labels are dropped)."""
    kept = []
    for concept in concepts:
        labels = [label for label in concept.labels if label[0] == lang]
        if labels:
            kept.append(Concept(concept.uri, labels))
    return kept


def _evaluate(index: LinkIndex, evalset: EvalSet) -> dict:
    started = time.perf_counter()
    hits = index.search_many(evalset.queries, top=RANK_CUT)
    seconds = time.perf_counter() - started
    ranked = [[hit.uri for hit in row] for row in hits]
    return {
        "queries": len(evalset.queries),
        "mrr": round(mean_reciprocal_rank(ranked, evalset.relevant), 4),
        "recall_at_1": round(recall_at(ranked, evalset.relevant, 1), 4),
        "recall_at_10": round(recall_at(ranked, evalset.relevant, 10), 4),
        "seconds": round(seconds, 2),
    }


def typo(text: str, rng: random.Random) -> str:
    """One random keyboard-style edit (drop, double, swap or replace a letter) inside a word."""
    positions = [i for i, ch in enumerate(text) if ch.isalpha()]
    if len(positions) < 4:
        return text
    i = rng.choice(positions[1:-1])
    operation = rng.randrange(4)
    if operation == 0:
        return text[:i] + text[i + 1 :]
    if operation == 1:
        return text[:i] + text[i] + text[i:]
    if operation == 2 and text[i + 1 : i + 2].isalpha():
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    return text[:i] + rng.choice("aeioustnrl") + text[i + 1 :]


def title_workload(queries: list[str], size: int = BATCH_SIZE, seed: int = SEED) -> list[str]:
    """``size`` job titles: the MELO queries as given, lower-cased, and with one or two typos."""
    rng = random.Random(seed)
    out = list(queries)
    while len(out) < size:
        base = rng.choice(queries)
        variant = rng.randrange(3)
        if variant == 0:
            out.append(base.lower())
        elif variant == 1:
            out.append(typo(base, rng))
        else:
            out.append(typo(typo(base, rng), rng))
    return out[:size]


def _latency(index: LinkIndex, queries: list[str]) -> dict:
    index.search(queries[0])  # warm caches and the encoder
    times = []
    for query in queries:
        E5Encoder.forget()  # time the embedding too, as for a query never seen before
        started = time.perf_counter()
        index.search(query, top=10)
        times.append((time.perf_counter() - started) * 1000.0)
    times.sort()
    return {
        "queries": len(times),
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        "max_ms": round(times[-1], 1),
    }


def _build(
    name: str,
    concepts: list[Concept],
    workdir: Path,
    progress: Callable[[str], None] | None,
    config: LinkConfig | None = None,
) -> tuple[LinkIndex, dict]:
    def step(stage: str, done: int, total: int) -> None:
        if done == total or done % 2048 < 128:
            _say(progress, f"{name}: embedding {stage} {done}/{total}")

    gc.collect()
    rss_before = _current_rss_mb()
    started = time.perf_counter()
    index = LinkIndex.build(concepts, progress=step, config=config)
    build_seconds = time.perf_counter() - started
    rss_after = _current_rss_mb()
    target = workdir / name
    index.save(target)
    started = time.perf_counter()
    loaded = LinkIndex.load(target)
    load_seconds = time.perf_counter() - started
    figures = {
        "concepts": len(index),
        "labels": len(index.label_texts),
        "build_seconds": round(build_seconds, 1),
        "load_seconds": round(load_seconds, 2),
        "disk_mb": round(_dir_size_mb(target), 1),
        "rss_growth_mb": round(rss_after - rss_before, 1),
    }
    return loaded, figures


def run_linking_benchmark(
    esco_dir: Path, eval_dir: Path, progress: Callable[[str], None] | None = None
) -> dict:
    """Build both indexes, measure quality and speed; returns a dict of figures (see ``format_markdown``).

    ``progress`` receives one-line status messages. Quality is MRR by ESCO URI over the ranked top 100
    (a query whose relevant URI is not in the top 100 counts 0).
    """
    esco_dir, eval_dir = Path(esco_dir), Path(eval_dir)
    started_all = time.perf_counter()
    melo = load_melo(eval_dir)
    vdab = load_vdab(eval_dir)
    occupations = list(read_esco_concepts(esco_dir, "occupations"))
    skills = list(read_esco_concepts(esco_dir, "skills"))
    result: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "rank_cut": RANK_CUT,
        "config": asdict(LinkConfig()),
    }
    with tempfile.TemporaryDirectory(prefix="doorleren-linking-") as tmp:
        workdir = Path(tmp)
        _say(progress, f"building occupation index ({len(occupations)} concepts)")
        occ_index, result["occupation_index"] = _build("occupations", occupations, workdir, progress)
        _say(progress, f"building skill index ({len(skills)} concepts)")
        skill_index, result["skill_index"] = _build("skills", skills, workdir, progress)
        result["peak_rss_mb"] = round(_peak_rss_mb(), 1)

        _say(progress, "scoring hybrid on MELO and VDAB")
        result["hybrid"] = {"melo": _evaluate(occ_index, melo), "vdab": _evaluate(skill_index, vdab)}
        rng = random.Random(SEED)
        melo_typos = EvalSet("melo-typo", [typo(q, rng) for q in melo.queries], melo.relevant)
        result["hybrid"]["melo_typo"] = _evaluate(occ_index, melo_typos)

        _say(progress, "scoring the character 3-gram TF-IDF baseline")
        base_occ = LinkIndex.build(only_lang(occupations, "nl"), config=BASELINE_CONFIG)
        base_skill = LinkIndex.build(skills, config=BASELINE_CONFIG)
        result["baseline"] = {
            "melo": _evaluate(base_occ, melo),
            "vdab": _evaluate(base_skill, vdab),
            "melo_typo": _evaluate(base_occ, melo_typos),
        }
        lexical = replace(LinkConfig(), dense_weight=0.0)
        result["lexical_only"] = {
            "melo": _evaluate(LinkIndex.build(occupations, config=lexical), melo),
            "vdab": _evaluate(LinkIndex.build(skills, config=lexical), vdab),
        }

        _say(progress, f"timing a batch of {BATCH_SIZE} job titles")
        titles = title_workload(melo.queries)
        E5Encoder.forget()  # the MELO queries were embedded while scoring: start without them
        started = time.perf_counter()
        answers = occ_index.search_many(titles, top=10)
        batch_seconds = time.perf_counter() - started
        result["batch"] = {
            "titles": len(titles),
            "seconds": round(batch_seconds, 1),
            "per_title_ms": round(1000.0 * batch_seconds / len(titles), 1),
            "answered": sum(1 for row in answers if row),
            "distinct": len({" ".join(t.lower().split()) for t in titles}),
            "workload": "the 328 MELO queries, then random MELO queries lower-cased or with one or two "
            "typos (seeded) up to 2,600",
        }

        _say(progress, "timing single queries")
        sample = random.Random(SEED).sample(titles, min(LATENCY_QUERIES, len(titles)))
        result["latency"] = {
            "occupations": _latency(occ_index, sample),
            "skills": _latency(skill_index, random.Random(SEED).sample(vdab.queries, LATENCY_QUERIES)),
        }
    result["total_seconds"] = round(time.perf_counter() - started_all, 1)
    return result


def machine_info() -> dict:
    """Cores, memory and processor of this machine, for ``format_markdown``."""
    memory_gb = 0.0
    try:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError):
        memory_gb = 0.0
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {
        "cores": os.cpu_count() or 0,
        "memory_gb": round(memory_gb, 1),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"


def format_markdown(result: dict, machine: dict) -> str:
    """A docs/benchmarks.md section for one ``run_linking_benchmark`` result."""
    hy, base, lex = result["hybrid"], result["baseline"], result.get("lexical_only", {})
    occ, skl = result["occupation_index"], result["skill_index"]
    lat, batch = result["latency"], result["batch"]
    lines = [
        "## Linking text to ESCO (`doorleren bench linking`)",
        "",
        f"Date: {result['date']}. Machine: {machine.get('cores', '?')} cores, "
        f"{machine.get('memory_gb', '?')} GB memory ({machine.get('cpu', 'unknown CPU')}, "
        f"Python {machine.get('python', '?')}). Command: `doorleren bench linking`.",
        "",
        f"Quality: mean reciprocal rank by ESCO URI over the ranked top {result['rank_cut']}.",
        "",
        "| set | queries | hybrid MRR | baseline MRR | ratio | hybrid R@1 | hybrid R@10 |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {
        "melo": "MELO bel nl (job titles -> 3,039 occupations)",
        "vdab": "VDAB nl dev (competences -> 13,626 skills)",
        "melo_typo": "MELO with one typo per query",
    }
    for key, name in names.items():
        h, b = hy[key], base[key]
        lines.append(
            f"| {name} | {h['queries']} | {h['mrr']:.3f} | {b['mrr']:.3f} | {_ratio(h['mrr'], b['mrr'])} "
            f"| {h['recall_at_1']:.3f} | {h['recall_at_10']:.3f} |"
        )
    lines += [
        "",
        "Baseline: TF-IDF of character 3-grams within word boundaries, cosine, best label per concept "
        "(MELO: the Dutch labels; VDAB: all labels).",
    ]
    if lex:
        lines.append(
            f"The lexical half alone (character 2-4-grams and stems, no embeddings) scores "
            f"{lex['melo']['mrr']:.3f} (MELO) and {lex['vdab']['mrr']:.3f} (VDAB)."
        )
    lines += [
        "",
        "| speed and size | occupations | skills |",
        "|---|---:|---:|",
        f"| concepts / labels | {occ['concepts']:,} / {occ['labels']:,} | {skl['concepts']:,} / {skl['labels']:,} |",
        f"| index build (s) | {occ['build_seconds']} | {skl['build_seconds']} |",
        f"| index load from disk (s) | {occ['load_seconds']} | {skl['load_seconds']} |",
        f"| index on disk (MB) | {occ['disk_mb']} | {skl['disk_mb']} |",
        f"| memory growth while building (MB RSS) | {occ['rss_growth_mb']} | {skl['rss_growth_mb']} |",
        f"| single query, median / p95 (ms) | {lat['occupations']['median_ms']} / {lat['occupations']['p95_ms']} "
        f"| {lat['skills']['median_ms']} / {lat['skills']['p95_ms']} |",
        "",
        f"Batch: {batch['titles']:,} job titles answered by `search_many` in {batch['seconds']} s "
        f"({batch['per_title_ms']} ms per title; {batch.get('distinct', '?')} distinct after case folding, "
        f"which `search_many` answers once each); workload: {batch['workload']}. "
        f"Peak memory of the whole run: {result['peak_rss_mb']} MB RSS.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    import json
    import sys

    from doorleren.core.paths import esco_dir, eval_dir

    figures = run_linking_benchmark(esco_dir(), eval_dir(), progress=lambda m: print(m, file=sys.stderr))
    print(json.dumps(figures, indent=2))
    print(format_markdown(figures, machine_info()))
