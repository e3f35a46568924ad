"""The Concept lists the linking engine indexes, built from the database."""

from __future__ import annotations

import pytest

from doorleren.taxonomy.models import LabelKind, OccupationLabel, SkillLabel
from doorleren.taxonomy.selectors import competency_concepts, occupation_concepts, skill_concepts
from doorleren.taxonomy.tests import factories as f

pytestmark = pytest.mark.django_db


def test_occupation_concepts_carry_every_label_and_the_descriptions(small_taxonomy):
    nurse = small_taxonomy.occupations["nurse"]
    nurse.descriptions = {"nl": "Zorgt voor zieken.", "en": "Cares for patients."}
    nurse.save()
    OccupationLabel.objects.create(concept=nurse, lang="en", kind=LabelKind.HIDDEN, text="RN")

    concept = next(c for c in occupation_concepts() if c.uri == nurse.uri)

    assert set(concept.labels) == {
        ("nl", "preferred", "verpleegkundige"),
        ("nl", "alternative", "verpleger"),
        ("nl", "alternative", "zuster"),
        ("en", "hidden", "RN"),
    }
    assert concept.description == "Cares for patients.\nZorgt voor zieken."
    assert len(occupation_concepts()) == 3


def test_obsolete_concepts_are_left_out(small_taxonomy):
    small_taxonomy.skills["law"].status = "obsolete"
    small_taxonomy.skills["law"].save()

    assert small_taxonomy.skills["law"].uri not in {c.uri for c in skill_concepts()}
    assert len(skill_concepts()) == 3


def test_a_row_the_map_created_is_indexed_under_its_map_label(db):
    skill = f.SkillFactory(label="Lassen met de hand", status="")

    (concept,) = skill_concepts()

    assert concept.uri == skill.uri
    assert concept.labels == [("nl", "preferred", "Lassen met de hand")]


def test_competency_concepts_use_the_b1_label_and_the_labels_of_their_esco_skills(small_taxonomy):
    SkillLabel.objects.create(
        concept=small_taxonomy.skills["wound"], lang="en", kind=LabelKind.PREFERRED, text="treat wounds"
    )

    concepts = {c.uri: c for c in competency_concepts()}
    wond = concepts["https://doorleren.nl/competentie/zorg-wondzorg"]

    assert wond.labels[0] == ("nl", "preferred", "Wonden verzorgen")
    assert set(wond.labels[1:]) == {
        ("nl", "alternative", "wonden verzorgen"),
        ("en", "alternative", "treat wounds"),
        ("nl", "hidden", "wondzorg"),
        ("nl", "hidden", "wound care"),
    }
    assert wond.description == small_taxonomy.competencies["wond"].explanation
    assert concepts["https://doorleren.nl/competentie/taal-lezen"].labels == [
        ("nl", "preferred", "Korte teksten lezen")
    ]
    assert len(concepts) == 4
