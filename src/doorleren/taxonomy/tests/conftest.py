"""Fixtures shared by the taxonomy tests: a small map with ESCO rows, and a private search index folder."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from doorleren.taxonomy.models import LabelKind, OccupationLabel, SkillLabel
from doorleren.taxonomy.selectors import LINKING_KINDS, linking_cache_clear, linking_index
from doorleren.taxonomy.tests import factories as f


@pytest.fixture
def linking_dir(settings, tmp_path):
    """Search indexes go to a fresh folder, and none is held in memory before or after the test."""
    settings.LINKING_INDEX_DIR = tmp_path / "linking"
    linking_cache_clear()
    yield settings.LINKING_INDEX_DIR
    linking_cache_clear()


@pytest.fixture
def small_taxonomy(db):
    """Two sectors, four competencies, ESCO skills and occupations with labels, two regional occupations."""
    care, tech = (
        f.SectorFactory(code="zorg-welzijn", label="Zorg en welzijn"),
        f.SectorFactory(code="techniek", label="Techniek"),
    )
    skills = {
        "wound": f.SkillFactory(label="wonden verzorgen", skill_type="skill", reuse_level="sector-specific"),
        "weld": f.SkillFactory(label="metaal lassen", skill_type="skill", reuse_level="occupation-specific"),
        "team": f.SkillFactory(
            label="samenwerken in een team", skill_type="skill", reuse_level="transversal"
        ),
        "law": f.SkillFactory(label="arbeidsrecht", skill_type="knowledge", reuse_level="cross-sector"),
    }
    for key, extra in {
        "wound": ["wondzorg", "wound care"],
        "weld": ["lassen", "welding"],
        "team": ["teamwork"],
        "law": ["employment law"],
    }.items():
        skill = skills[key]
        SkillLabel.objects.create(concept=skill, lang="nl", kind=LabelKind.PREFERRED, text=skill.label)
        for text in extra:
            SkillLabel.objects.create(concept=skill, lang="nl", kind=LabelKind.ALTERNATIVE, text=text)
    occupations = {
        "nurse": f.OccupationFactory(label="verpleegkundige", code="2221.1"),
        "welder": f.OccupationFactory(label="lasser", code="7212.1"),
        "baker": f.OccupationFactory(label="bakker", code="7512.1"),
    }
    for occupation, extra in zip(
        occupations.values(), (["verpleger", "zuster"], ["metaallasser"], ["broodbakker"]), strict=True
    ):
        OccupationLabel.objects.create(
            concept=occupation, lang="nl", kind=LabelKind.PREFERRED, text=occupation.label
        )
        for text in extra:
            OccupationLabel.objects.create(
                concept=occupation, lang="nl", kind=LabelKind.ALTERNATIVE, text=text
            )
    competencies = {
        "wond": f.CompetencyFactory(
            code="zorg-wondzorg", label="Wonden verzorgen", sectors=[care], esco_skills=[skills["wound"]]
        ),
        "lassen": f.CompetencyFactory(
            code="tech-lassen", label="Metaal lassen", sectors=[tech], esco_skills=[skills["weld"]]
        ),
        "samen": f.CompetencyFactory(
            code="samenwerken",
            label="Samenwerken",
            kind="transversal",
            sectors=[care, tech],
            esco_skills=[skills["team"]],
        ),
        "lezen": f.CompetencyFactory(
            code="taal-lezen", label="Korte teksten lezen", kind="basic", sectors=[]
        ),
    }
    f.CompetencyDemandFactory(competency=competencies["wond"], sector=care, trend="grows")
    f.CompetencyDemandFactory(competency=competencies["samen"], sector=care, trend="stable")
    f.CompetencyDemandFactory(competency=competencies["samen"], sector=tech, trend="shrinks")
    nurse = f.RegionalOccupationFactory(
        code="verpleegkundige", label="Verpleegkundige", sector=care, occupation=occupations["nurse"]
    )
    welder = f.RegionalOccupationFactory(
        code="lasser", label="Lasser", sector=tech, occupation=occupations["welder"]
    )
    f.RegionalOccupationCompetencyFactory(
        regional_occupation=nurse, competency=competencies["wond"], level=3, essential=True
    )
    f.RegionalOccupationCompetencyFactory(
        regional_occupation=nurse, competency=competencies["samen"], level=2, essential=False
    )
    f.RegionalOccupationCompetencyFactory(
        regional_occupation=welder, competency=competencies["lassen"], level=4, essential=True
    )
    return SimpleNamespace(
        sectors={"care": care, "tech": tech},
        skills=skills,
        occupations=occupations,
        competencies=competencies,
        regional={"nurse": nurse, "welder": welder},
    )


@pytest.fixture
def search_indexes(small_taxonomy, linking_dir):
    """The three search indexes of ``small_taxonomy``, built as ``doorleren taxonomy build-index`` would."""
    for kind in LINKING_KINDS:
        linking_index(kind=kind, build=True)
    return small_taxonomy
