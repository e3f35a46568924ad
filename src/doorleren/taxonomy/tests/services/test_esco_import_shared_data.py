"""esco_import on the real ESCO v1.2 files in ../shared/data/esco, imported once for this module."""

from __future__ import annotations

import pytest
from django.db import transaction

from doorleren.core.paths import esco_dir
from doorleren.taxonomy.models import (
    IscoGroup,
    Occupation,
    OccupationLabel,
    Skill,
    SkillBroader,
    SkillGroup,
    SkillLabel,
)
from doorleren.taxonomy.services import esco_import

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """Import the shared ESCO files once; roll everything back after the last test of this module."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield esco_import(directory=esco_dir())
        transaction.set_rollback(True)


def test_all_occupations_have_a_dutch_preferred_label(imported):
    assert Occupation.objects.count() == 3039
    assert (
        OccupationLabel.objects.filter(lang="nl", kind="preferred").values("concept").distinct().count()
        == 3039
    )
    assert imported["occupations"]["nl"] == {"created": 3039, "updated": 0, "unchanged": 0}


def test_isco_groups_and_skill_groups(imported):
    assert IscoGroup.objects.count() == 619
    assert IscoGroup.objects.filter(parent__isnull=True).count() == 10  # the ISCO major groups 0-9
    assert SkillGroup.objects.count() == 640
    assert Occupation.objects.filter(isco_group__isnull=True).count() == 0


def test_skills_merge_english_and_dutch(imported):
    assert Skill.objects.count() == 13626
    preferred = SkillLabel.objects.filter(kind="preferred")
    assert preferred.filter(lang="en").values("concept").distinct().count() == 13574
    assert preferred.filter(lang="nl").values("concept").distinct().count() == 5352
    assert imported["skills"] == {
        "en": {"created": 13574, "updated": 0, "unchanged": 0},
        "nl": {"created": 5352, "updated": 0, "unchanged": 0},
    }
    assert imported["totals"]["skills"] == 13626


def test_dutch_label_wins_for_display_and_english_description_is_kept(imported):
    both = Skill.objects.filter(labels__lang="nl").filter(labels__lang="en", labels__kind="preferred").first()
    assert both is not None
    assert both.label == both.labels.get(lang="nl", kind="preferred").text
    assert both.descriptions["en"]


def test_hierarchy_links_every_non_top_skill_group(imported):
    # 640 groups, of which 4 are top concepts of the skill pillar (Level 0).
    assert SkillBroader.objects.filter(skill_group__isnull=False).count() == 636
    assert SkillGroup.objects.exclude(broader_links__isnull=False).count() == 4


def test_second_import_of_the_shared_files_creates_and_updates_nothing(imported):
    again = esco_import(directory=esco_dir())

    for kind in ("isco_groups", "skill_groups", "skills", "occupations", "skill_hierarchy"):
        for lang, counts in again[kind].items():
            assert counts["created"] == counts["updated"] == 0, (kind, lang, counts)
            assert counts["unchanged"] == imported[kind][lang]["created"]
    assert again["totals"] == imported["totals"]
