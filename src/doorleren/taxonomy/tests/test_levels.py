"""One competency level scale (``taxonomy.levels.CompetencyLevel``) for every level of a competency."""

import pytest
from django.apps import apps

from doorleren.taxonomy.levels import CompetencyLevel

COMPETENCY_LEVEL_FIELDS = [
    "taxonomy.RegionalOccupationCompetency",
    "profiles.ResidentCompetency",
    "learning.ModuleCompetency",
    "learning.PracticalOfferCompetency",
    "opportunities.OpportunityCompetency",
]


def test_the_scale_has_four_levels_in_plain_dutch():
    assert CompetencyLevel.choices == [
        (1, "Basis: met hulp"),
        (2, "Zelfstandig bij gewone taken"),
        (3, "Zelfstandig, ook bij lastige taken"),
        (4, "Expert: kan het anderen leren"),
    ]


@pytest.mark.parametrize("model", COMPETENCY_LEVEL_FIELDS)
def test_every_competency_level_uses_the_one_scale(model):
    field = apps.get_model(model)._meta.get_field("level")
    assert field.choices == CompetencyLevel.choices


def test_regional_occupation_level_label_comes_from_the_scale():
    requirement = apps.get_model("taxonomy.RegionalOccupationCompetency")(level=4)
    assert requirement.level_label == "Expert: kan het anderen leren"
    assert requirement.get_level_display() == requirement.level_label
