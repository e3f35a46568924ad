"""Tests of the ESCO CSV reader, the evaluation-set loaders and the benchmark helpers, on small files."""

from __future__ import annotations

import random

from doorleren.engine.linking.bench import format_markdown, title_workload, typo
from doorleren.engine.linking.esco_csv import read_esco_concepts
from doorleren.engine.linking.evalsets import load_melo, load_vdab, mean_reciprocal_rank

HEADER = "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,description\n"


def test_read_esco_concepts_merges_languages(tmp_path):
    (tmp_path / "occupations_nl.csv").write_text(
        HEADER
        + 'Occupation,u:1,inspiciënt,"toneelmeester\ninspiciënte",chef inspicient,released,"Regelt\nhet toneel."\n'
        + "Occupation,u:2,oud beroep,,,obsolete,\n",
        encoding="utf-8",
    )
    (tmp_path / "occupations_en.csv").write_text(
        HEADER + "Occupation,u:1,stage manager,,,released,Runs the stage.\n", encoding="utf-8"
    )
    (tmp_path / "skills_nl.csv").write_text(HEADER, encoding="utf-8")
    concepts = list(read_esco_concepts(tmp_path, "occupations"))
    assert [c.uri for c in concepts] == ["u:1"]
    assert concepts[0].labels == [
        ("en", "preferred", "stage manager"),
        ("nl", "preferred", "inspiciënt"),
        ("nl", "alternative", "toneelmeester"),
        ("nl", "alternative", "inspiciënte"),
        ("nl", "hidden", "chef inspicient"),
    ]
    assert concepts[0].description == "Runs the stage.\nRegelt het toneel."
    assert concepts[0].display_label("nl") == "inspiciënt"


def test_eval_loaders_and_mrr(tmp_path):
    melo = tmp_path / "melo-bel-nl"
    melo.mkdir()
    (melo / "queries.tsv").write_text("Q1\tSlager\nQ2\tKok\nQ3\tZonder antwoord\n", encoding="utf-8")
    (melo / "annotations.tsv").write_text("Q1\t0\tC1\t1\nQ1\t0\tC2\t1\nQ2\t0\tC3\t1\n", encoding="utf-8")
    (melo / "concept_mapping.tsv").write_text(
        "C1\thttp://data.europa.eu/esco/occupation/a\nC2\thttp://data.europa.eu/esco/isco/C7\n"
        "C3\thttp://data.europa.eu/esco/occupation/b\n",
        encoding="utf-8",
    )
    evalset = load_melo(tmp_path)
    assert evalset.queries == ["Slager", "Kok"]
    assert evalset.relevant == [
        frozenset({"http://data.europa.eu/esco/occupation/a"}),
        frozenset({"http://data.europa.eu/esco/occupation/b"}),
    ]
    (tmp_path / "vdab-nl-dev.tsv").write_text(
        "query\tesco_skill_uris\nLassen\ts:1 s:2\nLeeg\t\n", encoding="utf-8"
    )
    vdab = load_vdab(tmp_path)
    assert vdab.queries == ["Lassen"] and vdab.relevant == [frozenset({"s:1", "s:2"})]
    assert mean_reciprocal_rank([["x", "s:2"], ["s:1"]], [vdab.relevant[0]] * 2) == 0.75


def test_typo_and_workload():
    rng = random.Random(1)
    assert typo("abc", rng) == "abc"
    changed = [typo("vrachtwagenchauffeur", rng) for _ in range(20)]
    assert any(c != "vrachtwagenchauffeur" for c in changed)
    assert all(abs(len(c) - len("vrachtwagenchauffeur")) <= 1 for c in changed)
    titles = title_workload(["Slager", "Kok", "Bakker"], size=50)
    assert len(titles) == 50 and titles[:3] == ["Slager", "Kok", "Bakker"]
    assert title_workload(["Slager", "Kok", "Bakker"], size=50) == titles


def test_format_markdown():
    row = {"queries": 10, "mrr": 0.5, "recall_at_1": 0.4, "recall_at_10": 0.9, "seconds": 1.0}
    index = {
        "concepts": 3,
        "labels": 5,
        "build_seconds": 1.0,
        "load_seconds": 0.1,
        "disk_mb": 0.1,
        "rss_growth_mb": 1.0,
    }
    latency = {"median_ms": 10.0, "p95_ms": 20.0, "max_ms": 30.0, "queries": 5}
    result = {
        "date": "2026-01-01",
        "rank_cut": 100,
        "hybrid": {"melo": row, "vdab": row, "melo_typo": row},
        "baseline": {"melo": {**row, "mrr": 0.25}, "vdab": row, "melo_typo": row},
        "occupation_index": index,
        "skill_index": index,
        "latency": {"occupations": latency, "skills": latency},
        "batch": {"titles": 2600, "seconds": 30.0, "per_title_ms": 11.5, "distinct": 2000, "workload": "w"},
        "peak_rss_mb": 500.0,
    }
    text = format_markdown(result, {"cores": 2, "memory_gb": 8.0, "cpu": "cpu", "python": "3.11"})
    assert "doorleren bench linking" in text and "2 cores" in text
    assert "| 0.500 | 0.250 | 2.00x |" in text
    assert "2,600 job titles" in text
