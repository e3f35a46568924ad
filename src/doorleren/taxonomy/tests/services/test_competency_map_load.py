"""competency_map_load: the regional map → sectors, competencies, demand, regional occupations."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from doorleren.taxonomy.models import (
    Competency,
    CompetencyDemand,
    Occupation,
    RegionalOccupation,
    RegionalOccupationCompetency,
    Sector,
    Skill,
    TaxonomyVersion,
)
from doorleren.taxonomy.services import competency_map_load, esco_import
from doorleren.taxonomy.services.competency_map import MAP_FILE, OCCUPATIONS_FILE, MapError
from doorleren.taxonomy.tests import esco_files as ef

pytestmark = pytest.mark.django_db

MAP = {
    "version": 1,
    "sectors": [
        {"code": "zorg-welzijn", "label": "Zorg en welzijn", "explanation": "Werk waarin je mensen helpt."},
        {"code": "techniek", "label": "Techniek", "explanation": "Werk aan machines."},
    ],
    "competencies": [
        {
            "code": "zorg-verlenen",
            "label": "Iemand verzorgen",
            "explanation": "Je helpt iemand met wassen en aankleden.",
            "sectors": ["zorg-welzijn"],
            "kind": "vocational",
            "esco": [ef.SKILL_CARE],
            "demand": {"zorg-welzijn": {"trend": "grows", "source": "Regionaal plan (2020)"}},
        },
        {
            "code": "samenwerken",
            "label": "Samenwerken",
            "explanation": "Je werkt goed samen met anderen.",
            "sectors": ["zorg-welzijn", "techniek"],
            "kind": "transversal",
            "esco": [ef.SKILL_TEAM, ef.SKILL_CARE],
            "demand": {
                "zorg-welzijn": {"trend": "stable", "source": "Inschatting"},
                "techniek": {"trend": "grows", "source": "Inschatting"},
            },
        },
        {
            "code": "lassen",
            "label": "Metaal lassen",
            "explanation": "Je maakt metalen delen aan elkaar vast.",
            "sectors": ["techniek"],
            "kind": "vocational",
            "esco": [ef.SKILL_WELD],
            "demand": {"techniek": {"trend": "shrinks", "source": "Inschatting"}},
        },
    ],
}
OCCUPATIONS = {
    "version": 1,
    "occupations": [
        {
            "code": "verpleegkundige",
            "label": "Verpleegkundige",
            "esco": ef.OCC_NURSE,
            "sector": "zorg-welzijn",
            "competencies": [
                {"code": "zorg-verlenen", "level": 3, "essential": True},
                {"code": "samenwerken", "level": 2, "essential": False},
            ],
        },
        {
            "code": "lasser",
            "label": "Lasser",
            "esco": ef.OCC_WELDER,
            "sector": "techniek",
            "competencies": [{"code": "lassen", "level": 3, "essential": True}],
        },
    ],
}


def write(tmp_path: Path, map_data=MAP, occupations_data=OCCUPATIONS) -> tuple[Path, Path]:
    map_path, occupations_path = tmp_path / "competency_map.yaml", tmp_path / "regional_occupations.yaml"
    map_path.write_text(yaml.safe_dump(map_data, allow_unicode=True), encoding="utf-8")
    occupations_path.write_text(yaml.safe_dump(occupations_data, allow_unicode=True), encoding="utf-8")
    return map_path, occupations_path


def load(paths: tuple[Path, Path]) -> dict:
    return competency_map_load(map_path=paths[0], occupations_path=paths[1])


def test_load_creates_the_map(tmp_path):
    result = load(write(tmp_path))

    assert result["sectors"]["created"] == 2
    assert result["competencies"]["created"] == 3
    assert result["demands"]["created"] == 4
    assert result["regional_occupations"]["created"] == 2
    assert result["requirements"]["created"] == 3
    samenwerken = Competency.objects.get(code="samenwerken")
    assert samenwerken.kind == "transversal"
    assert set(samenwerken.sectors.values_list("code", flat=True)) == {"zorg-welzijn", "techniek"}
    assert set(samenwerken.esco_skills.values_list("uri", flat=True)) == {ef.SKILL_TEAM, ef.SKILL_CARE}
    assert CompetencyDemand.objects.get(competency__code="lassen").trend == "shrinks"
    nurse = RegionalOccupation.objects.get(code="verpleegkundige")
    assert nurse.sector.code == "zorg-welzijn"
    assert nurse.occupation.uri == ef.OCC_NURSE
    assert {(r.competency.code, r.level, r.essential) for r in nurse.competency_requirements.all()} == {
        ("zorg-verlenen", 3, True),
        ("samenwerken", 2, False),
    }


def test_without_esco_placeholders_carry_the_map_label_and_esco_import_fills_them(tmp_path):
    result = load(write(tmp_path))

    assert result["esco_placeholders"] == {"skills": 3, "occupations": 2}
    assert TaxonomyVersion.objects.get(name="esco").version == 1  # the ESCO search indexes must change too
    assert Skill.objects.get(uri=ef.SKILL_WELD).label == "Metaal lassen"
    assert Occupation.objects.get(uri=ef.OCC_WELDER).label == "Lasser"

    esco_import(directory=ef.write_export(tmp_path / "esco"))

    assert Skill.objects.get(uri=ef.SKILL_WELD).label == "weld metal"
    assert Occupation.objects.get(uri=ef.OCC_WELDER).label == "lasser"
    assert Occupation.objects.get(uri=ef.OCC_WELDER).isco_group.code == "7212"
    assert Competency.objects.get(code="lassen").esco_skills.get().uri == ef.SKILL_WELD
    assert Skill.objects.count() == 3


def test_with_esco_imported_first_the_map_links_to_the_imported_rows(tmp_path):
    esco_import(directory=ef.write_export(tmp_path / "esco"))
    skills_before = Skill.objects.count()

    result = load(write(tmp_path))

    assert result["esco_placeholders"] == {"skills": 0, "occupations": 0}
    assert Skill.objects.count() == skills_before
    assert TaxonomyVersion.objects.get(name="esco").version == 1  # from the import only
    assert Competency.objects.get(code="zorg-verlenen").esco_skills.get().label == "zorg verlenen"


def test_second_load_changes_nothing(tmp_path):
    paths = write(tmp_path)
    load(paths)
    version = TaxonomyVersion.objects.get(name="map").version
    before = ef.taxonomy_snapshot()

    result = load(paths)

    for part in ("sectors", "competencies", "demands", "regional_occupations", "requirements"):
        assert result[part]["created"] == result[part]["updated"] == result[part]["deleted"] == 0, part
    assert result["competency_links"] == {"added": 0, "removed": 0}
    assert ef.taxonomy_snapshot() == before
    assert TaxonomyVersion.objects.get(name="map").version == version


def test_changes_in_the_map_are_applied_and_counted(tmp_path):
    load(write(tmp_path))
    changed_map, changed_occupations = copy.deepcopy(MAP), copy.deepcopy(OCCUPATIONS)
    samenwerken = changed_map["competencies"][1]
    samenwerken["label"] = "Goed samenwerken"
    samenwerken["esco"] = [ef.SKILL_TEAM]
    del samenwerken["demand"]["techniek"]
    changed_map["competencies"].pop(2)  # "lassen" leaves the map
    changed_occupations["occupations"][0]["competencies"] = [
        {"code": "zorg-verlenen", "level": 4, "essential": True}
    ]
    changed_occupations["occupations"].pop(1)

    result = load(write(tmp_path, changed_map, changed_occupations))

    assert result["competencies"] == {"created": 0, "updated": 1, "unchanged": 1, "deleted": 0}
    assert result["demands"]["deleted"] == 1
    assert result["competency_links"] == {"added": 0, "removed": 1}
    assert result["requirements"] == {"created": 0, "updated": 1, "unchanged": 0, "deleted": 1}
    assert result["not_in_map"] == {
        "sectors": [],
        "competencies": ["lassen"],
        "regional_occupations": ["lasser"],
    }
    assert Competency.objects.get(code="samenwerken").label == "Goed samenwerken"
    assert Competency.objects.filter(code="lassen").exists()  # other apps may refer to it
    assert RegionalOccupationCompetency.objects.get(regional_occupation__code="verpleegkundige").level == 4


def _broken(path: str, value) -> tuple[dict, dict]:
    map_data, occupations = copy.deepcopy(MAP), copy.deepcopy(OCCUPATIONS)
    target, *keys = path.split(".")
    node = map_data if target == "map" else occupations
    for key in keys[:-1]:
        node = node[int(key)] if key.isdigit() else node[key]
    node[int(keys[-1]) if keys[-1].isdigit() else keys[-1]] = value
    return map_data, occupations


BROKEN = {
    "unknown sector": (
        _broken("map.competencies.0.sectors", ["havens"]),
        "competency_map.yaml",
        "sector 'havens'",
    ),
    "unknown kind": (_broken("map.competencies.0.kind", "soft"), "competency_map.yaml", "'kind' is 'soft'"),
    "unknown trend": (
        _broken("map.competencies.0.demand", {"zorg-welzijn": {"trend": "up"}}),
        "competency_map.yaml",
        "'trend' is 'up'",
    ),
    "bad skill uri": (
        _broken("map.competencies.0.esco", ["http://example.org/x"]),
        "competency_map.yaml",
        "ESCO-URI",
    ),
    "duplicate competency": (
        _broken("map.competencies.2.code", "samenwerken"),
        "competency_map.yaml",
        "'samenwerken' staat twee keer",
    ),
    "level out of range": (
        _broken("occ.occupations.0.competencies.0.level", 5),
        "regional_occupations.yaml",
        "1, 2, 3 of 4",
    ),
    "unknown competency": (
        _broken("occ.occupations.0.competencies.0.code", "vliegen"),
        "regional_occupations.yaml",
        "competentie 'vliegen'",
    ),
    "occupation uri that is a skill": (
        _broken("occ.occupations.0.esco", ef.SKILL_CARE),
        "regional_occupations.yaml",
        "ESCO-URI",
    ),
}


@pytest.mark.parametrize("case", BROKEN, ids=list(BROKEN))
def test_a_wrong_map_is_refused_and_nothing_changes(tmp_path, case):
    load(write(tmp_path))
    before = ef.taxonomy_snapshot()
    (map_data, occupations), file_name, reason = BROKEN[case]

    with pytest.raises(MapError) as error:
        load(write(tmp_path, map_data, occupations))

    assert error.value.message.startswith(f"{file_name}: ")
    assert reason in error.value.message
    assert ef.taxonomy_snapshot() == before


def test_invalid_yaml_names_the_line(tmp_path):
    map_path, occupations_path = write(tmp_path)
    map_path.write_text("version: 1\nsectors:\n  - code: [unclosed\n", encoding="utf-8")

    with pytest.raises(MapError) as error:
        competency_map_load(map_path=map_path, occupations_path=occupations_path)

    assert "competency_map.yaml: regel" in error.value.message
    assert not Sector.objects.exists()


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(MapError) as error:
        competency_map_load(map_path=tmp_path / "nope.yaml", occupations_path=None)
    assert error.value.message.startswith("nope.yaml: ")


def test_the_project_map_files_load_and_reload_without_changes():
    first = competency_map_load(map_path=MAP_FILE, occupations_path=OCCUPATIONS_FILE)
    second = competency_map_load(map_path=MAP_FILE, occupations_path=OCCUPATIONS_FILE)

    assert first["competencies"]["created"] == Competency.objects.count() > 0
    assert first["regional_occupations"]["created"] == RegionalOccupation.objects.count() > 0
    assert first["esco_placeholders"]["skills"] == Skill.objects.count()
    for part in ("sectors", "competencies", "demands", "regional_occupations", "requirements"):
        assert second[part]["created"] == second[part]["updated"] == 0, part
