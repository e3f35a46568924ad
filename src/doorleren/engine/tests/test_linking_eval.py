"""Full evaluation of the linking engine on MELO (job titles) and VDAB (competences); slow.

Builds the occupation and skill indexes from the shared ESCO files (several minutes of embedding) and
checks the measured quality against floors just under the figures in docs/linking.md, so that a
regression fails. The project goals that are not reached yet are expected failures (``xfail``).
"""

from __future__ import annotations

import pytest

from doorleren.core.paths import esco_dir, eval_dir
from doorleren.engine.linking import LinkIndex
from doorleren.engine.linking.bench import BASELINE_CONFIG, only_lang
from doorleren.engine.linking.esco_csv import read_esco_concepts
from doorleren.engine.linking.evalsets import load_melo, load_vdab, mean_reciprocal_rank

pytestmark = pytest.mark.slow

RANK_CUT = 100


def _mrr(index: LinkIndex, evalset) -> float:
    hits = index.search_many(evalset.queries, top=RANK_CUT)
    return mean_reciprocal_rank([[h.uri for h in row] for row in hits], evalset.relevant)


@pytest.fixture(scope="module")
def figures() -> dict[str, float]:
    occupations = list(read_esco_concepts(esco_dir(), "occupations"))
    skills = list(read_esco_concepts(esco_dir(), "skills"))
    assert len(occupations) == 3039
    assert len(skills) == 13626
    melo, vdab = load_melo(eval_dir()), load_vdab(eval_dir())
    assert len(melo.queries) == 328 and len(vdab.queries) == 908
    return {
        "melo": _mrr(LinkIndex.build(occupations), melo),
        "vdab": _mrr(LinkIndex.build(skills), vdab),
        "melo_baseline": _mrr(LinkIndex.build(only_lang(occupations, "nl"), config=BASELINE_CONFIG), melo),
        "vdab_baseline": _mrr(LinkIndex.build(skills, config=BASELINE_CONFIG), vdab),
    }


def test_baseline_matches_the_published_figure(figures):
    # The data README gives about 0.58 (MELO) and 0.29 (VDAB) for a character n-gram TF-IDF.
    assert figures["melo_baseline"] == pytest.approx(0.58, abs=0.02)
    assert figures["vdab_baseline"] == pytest.approx(0.29, abs=0.02)


def test_hybrid_beats_baseline_and_holds_its_level(figures):
    assert figures["melo"] >= 0.64
    assert figures["vdab"] >= 0.40
    assert figures["melo"] >= figures["melo_baseline"] + 0.05
    assert figures["vdab"] >= figures["vdab_baseline"] + 0.08


@pytest.mark.xfail(reason="project goal MELO >= 0.70 not reached (see docs/linking.md)", strict=False)
def test_goal_melo(figures):
    assert figures["melo"] >= 0.70


@pytest.mark.xfail(reason="project goal VDAB >= 0.45 not reached (see docs/linking.md)", strict=False)
def test_goal_vdab(figures):
    assert figures["vdab"] >= 0.45
