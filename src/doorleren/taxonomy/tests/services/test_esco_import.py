"""esco_import on a small export in the official layout: merging languages, relations, idempotency, failures."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from doorleren.core.errors import ApplicationError
from doorleren.taxonomy.esco_csv import EscoFileError
from doorleren.taxonomy.models import (
    IscoGroup,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    Skill,
    SkillBroader,
    SkillGroup,
    SkillLabel,
    TaxonomyVersion,
)
from doorleren.taxonomy.services import esco_import
from doorleren.taxonomy.tests import esco_files as ef

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(tmp_path: Path) -> Path:
    return ef.write_export(tmp_path / "esco")


def test_import_merges_languages_per_concept(export):
    esco_import(directory=export)

    nurse = Occupation.objects.get(uri=ef.OCC_NURSE)
    assert nurse.label == "verpleegkundige"
    assert nurse.code == "2221.1"
    assert nurse.isco_group.code == "2221"
    assert nurse.descriptions == {"nl": "Verpleegkundigen zorgen\nvoor patiënten."}
    labels = set(nurse.labels.values_list("lang", "kind", "text"))
    assert labels == {
        ("nl", "preferred", "verpleegkundige"),
        ("nl", "alternative", "verpleger"),
        ("nl", "alternative", "verpleegster"),
        ("nl", "alternative", "zuster"),
        ("nl", "hidden", "verpleegkundig"),
        ("en", "preferred", "nurse"),
        ("en", "alternative", "registered nurse"),
    }
    care = Skill.objects.get(uri=ef.SKILL_CARE)
    assert care.label == "zorg verlenen"
    assert care.skill_type == "skill"
    assert care.reuse_level == "sector-specific"
    assert care.descriptions == {"en": "Give care to people.\nSecond line."}
    team = Skill.objects.get(uri=ef.SKILL_TEAM)
    assert (team.label, team.skill_type, team.reuse_level) == ("work in teams", "knowledge", "transversal")


def test_import_links_isco_groups_to_their_parent_by_code(export):
    esco_import(directory=export)

    group = IscoGroup.objects.get(code="2221")
    assert [group.parent.code, group.parent.parent.code, group.parent.parent.parent.code] == [
        "222",
        "22",
        "2",
    ]
    assert group.parent.parent.parent.parent is None
    assert group.label == "Verpleegkundigen"
    assert IscoGroup.objects.get(code="222").label == "Nursing professionals"


def test_import_reads_hierarchy_and_both_relation_file_layouts(export):
    esco_import(directory=export)

    relations = {
        (r.occupation.uri, r.skill.uri): (r.relation, r.skill_type)
        for r in OccupationSkill.objects.select_related("occupation", "skill")
    }
    assert relations == {
        (ef.OCC_NURSE, ef.SKILL_CARE): ("essential", "skill"),
        (ef.OCC_NURSE, ef.SKILL_TEAM): ("optional", "knowledge"),
        (ef.OCC_WELDER, ef.SKILL_WELD): ("essential", "skill"),
    }
    broader = {
        (
            (b.skill or b.skill_group).uri,
            (b.broader_skill or b.broader_group).uri,
        )
        for b in SkillBroader.objects.select_related("skill", "skill_group", "broader_skill", "broader_group")
    }
    assert broader == {
        (ef.GROUP_CARE, ef.GROUP_SKILLS),
        (ef.SKILL_CARE, ef.GROUP_CARE),
        (ef.SKILL_TEAM, ef.SKILL_CARE),
        (ef.SKILL_WELD, ef.GROUP_ISCED),
    }


def test_import_reports_counts_per_kind_and_language(export):
    result = esco_import(directory=export)

    assert result["occupations"] == {
        "en": {"created": 1, "updated": 0, "unchanged": 0},
        "nl": {"created": 2, "updated": 0, "unchanged": 0},
    }
    assert result["skills"]["en"] == {"created": 3, "updated": 0, "unchanged": 0}
    assert result["skills"]["nl"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert result["occupation_skills"]["en"] == {"created": 3, "updated": 0, "unchanged": 0}
    # The nl relation file repeats one relation the en file already gave.
    assert result["occupation_skills"]["nl"] == {"created": 0, "updated": 0, "unchanged": 1}
    assert result["skill_broader"]["nl"] == {"created": 1, "updated": 0, "unchanged": 1}
    assert result["skill_hierarchy"]["en"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert result["totals"]["occupations"] == 2
    assert result["totals"]["skill_broader"] == 4
    assert result["files"][0] == "ISCOGroups_en.csv"
    assert result["files"][-1] == "occupationSkillRelations_nl.csv"


def test_second_import_changes_nothing(export):
    esco_import(directory=export)
    version = TaxonomyVersion.objects.get(name="esco").version
    before = ef.taxonomy_snapshot()

    result = esco_import(directory=export)

    changes = [
        (kind, lang, counts)
        for kind, per_lang in result.items()
        if kind not in {"totals", "files", "ignored_files", "seconds"}
        for lang, counts in per_lang.items()
        if counts["created"] or counts["updated"]
    ]
    assert changes == []
    assert ef.taxonomy_snapshot() == before
    assert TaxonomyVersion.objects.get(name="esco").version == version


def test_changed_export_updates_labels_fields_and_relations(export):
    esco_import(directory=export)
    files = ef.base_rows()
    header, rows = files["occupations_nl.csv"]
    rows[0] = ef.occupation(ef.OCC_NURSE, "2221", "verpleegkundige", alt="verpleger", code="2221.1")
    files["occupations_nl.csv"] = (header, rows)
    header, rows = files["occupationSkillRelations_en.csv"]
    rows[1] = [ef.OCC_NURSE, "essential", "knowledge", ef.SKILL_TEAM]
    files["occupationSkillRelations_en.csv"] = (header, rows)
    ef.write_export(export, files)

    result = esco_import(directory=export)

    assert result["occupations"]["nl"] == {"created": 0, "updated": 1, "unchanged": 1}
    assert result["occupation_skills"]["en"] == {"created": 0, "updated": 1, "unchanged": 2}
    nurse = Occupation.objects.get(uri=ef.OCC_NURSE)
    assert set(nurse.labels.filter(lang="nl").values_list("kind", "text")) == {
        ("preferred", "verpleegkundige"),
        ("alternative", "verpleger"),
    }
    assert nurse.descriptions == {}
    assert OccupationSkill.objects.get(occupation=nurse, skill__uri=ef.SKILL_TEAM).relation == "essential"


def test_a_new_language_counts_as_created_for_that_language(export):
    files = ef.base_rows()
    del files["skills_nl.csv"]
    ef.write_export(export, files)
    (export / "skills_nl.csv").unlink()
    esco_import(directory=export)
    assert Skill.objects.get(uri=ef.SKILL_CARE).label == "provide care"

    ef.write_export(export)
    result = esco_import(directory=export)

    assert result["skills"]["nl"] == {"created": 1, "updated": 0, "unchanged": 0}
    assert Skill.objects.get(uri=ef.SKILL_CARE).label == "zorg verlenen"


def test_import_fills_concepts_the_competency_map_created(export):
    Skill.objects.create(uri=ef.SKILL_WELD, label="lassen")

    esco_import(directory=export)

    weld = Skill.objects.get(uri=ef.SKILL_WELD)
    assert weld.label == "weld metal"
    assert weld.reuse_level == "occupation-specific"
    assert Skill.objects.filter(uri=ef.SKILL_WELD).count() == 1


def test_directory_without_esco_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(ApplicationError) as error:
        esco_import(directory=tmp_path)
    assert error.value.code == "esco_files_missing"


def test_missing_directory_is_refused(tmp_path):
    with pytest.raises(ApplicationError) as error:
        esco_import(directory=tmp_path / "nope")
    assert error.value.code == "esco_directory_missing"


# --- malformed files: message with file and physical line, database unchanged -----------------------

MULTILINE_NURSE = ef.occupation(
    ef.OCC_NURSE, "2221", "verpleegkundige", alt="a\nb\nc", description="één\ntwee", code="2221.1"
)


def _bad_occupations(text_after_header: str) -> str:
    # The first record spans physical lines 2-6 (line breaks in altLabels, inScheme, description).
    return ef.csv_text(ef.HEADERS["occupations"], [MULTILINE_NURSE]) + text_after_header


OCC_CASES = {
    "wrong column count": (
        _bad_occupations(f"Occupation,{ef.OCC_WELDER},7212,lasser\n"),
        7,
        "kolommen",
    ),
    "unterminated quote at end of file": (
        _bad_occupations(f'Occupation,{ef.OCC_WELDER},7212,lasser,"metaallasser\nlasser van'),
        7,
        "niet afgesloten",
    ),
    "bad uri": (
        _bad_occupations(
            ef.csv_text(
                ef.HEADERS["occupations"], [ef.occupation("http://example.org/lasser", "7212", "lasser")]
            ).split("\n", 1)[1]
        ),
        7,
        "geen geldige ESCO-URI",
    ),
    "unknown isco group": (
        _bad_occupations(
            ef.csv_text(ef.HEADERS["occupations"], [ef.occupation(ef.OCC_WELDER, "9999", "lasser")]).split(
                "\n", 1
            )[1]
        ),
        7,
        "ISCO-groep 9999 bestaat niet",
    ),
    "duplicate uri": (
        _bad_occupations(ef.csv_text(ef.HEADERS["occupations"], [MULTILINE_NURSE]).split("\n", 1)[1]),
        7,
        "op regel 2",
    ),
    "wrong header": (
        "conceptType,uri,iscoGroup,preferredLabel\nOccupation,x,1,y\n",
        1,
        "kolom conceptUri",
    ),
    "unknown status": (
        _bad_occupations(
            ef.csv_text(ef.HEADERS["occupations"], [ef.occupation(ef.OCC_WELDER, "7212", "lasser")])
            .split("\n", 1)[1]
            .replace("released", "gepubliceerd", 1)
        ),
        7,
        "status 'gepubliceerd'",
    ),
}


def test_multiline_fixture_record_spans_five_physical_lines():
    assert _bad_occupations("").count("\n") == 6


@pytest.mark.parametrize("case", OCC_CASES, ids=list(OCC_CASES))
def test_malformed_occupations_file_stops_with_file_and_line_and_changes_nothing(export, case):
    esco_import(directory=export)
    before = ef.taxonomy_snapshot()
    content, line, reason = OCC_CASES[case]
    (export / "occupations_nl.csv").write_text(content, encoding="utf-8")

    with pytest.raises(EscoFileError) as error:
        esco_import(directory=export)

    assert error.value.message.startswith(f"occupations_nl.csv, regel {line}: ")
    assert reason in error.value.message
    assert ef.taxonomy_snapshot() == before


RELATION_CASES = {
    "unknown skill in occupation-skill relation": (
        "occupationSkillRelations_en.csv",
        ef.csv_text(
            ef.HEADERS["occupationSkillRelations_v11"],
            [
                [ef.OCC_NURSE, "essential", "skill/competence", ef.SKILL_CARE],
                [ef.OCC_NURSE, "essential", "", f"{ef.E}skill/dddddddd-0000-4000-8000-000000000000"],
            ],
        ),
        3,
        "vaardigheid http://data.europa.eu/esco/skill/dddddddd",
    ),
    "unknown relation type": (
        "occupationSkillRelations_nl.csv",
        ef.csv_text(
            ef.HEADERS["occupationSkillRelations_v12"],
            [[ef.OCC_NURSE, "verpleeg-\nkundige", "required", "skill/competence", ef.SKILL_CARE, "zorg"]],
        ),
        2,
        "relationType 'required'",
    ),
    "broader concept of the wrong type": (
        "broaderRelationsSkillPillar_en.csv",
        ef.csv_text(
            ef.HEADERS["broaderRelationsSkillPillar_v11"],
            [["KnowledgeSkillCompetence", ef.SKILL_CARE, "SkillGroup", ef.SKILL_TEAM]],
        ),
        2,
        "vaardigheidsgroep",
    ),
    "relation file with the wrong header": (
        "broaderRelationsSkillPillar_nl.csv",
        "conceptUri,broaderUri\nx,y\n",
        1,
        "kolom conceptType, broaderType",
    ),
    "hierarchy with a gap": (
        "skillsHierarchy_en.csv",
        ef.csv_text(
            ef.HEADERS["skillsHierarchy"],
            [[ef.GROUP_SKILLS, "skills", "", "", ef.GROUP_CARE, "care", "", "", "", "", "S"]],
        ),
        2,
        "tussenliggend niveau",
    ),
    "skill file that is not UTF-8": (
        "skills_nl.csv",
        None,
        3,
        "UTF-8",
    ),
}


@pytest.mark.parametrize("case", RELATION_CASES, ids=list(RELATION_CASES))
def test_malformed_other_files_stop_with_file_and_line_and_change_nothing(export, case):
    esco_import(directory=export)
    before = ef.taxonomy_snapshot()
    name, content, line, reason = RELATION_CASES[case]
    if content is None:
        (export / name).write_bytes(
            ef.csv_text(ef.HEADERS["skills"], [ef.skill(ef.SKILL_CARE, "zorg verlenen")]).encode()
            + b"KnowledgeSkillCompetence,x,,,caf\xe9\n"
        )
    else:
        (export / name).write_text(content, encoding="utf-8")

    with pytest.raises(EscoFileError) as error:
        esco_import(directory=export)

    assert error.value.message.startswith(f"{name}, regel {line}: ")
    assert reason in error.value.message
    assert ef.taxonomy_snapshot() == before


def _record_start_offsets(raw: bytes, prefix: bytes) -> list[int]:
    """Byte offsets where a line starts with ``prefix`` (a record start in the occupations file)."""
    offsets, position = [], raw.find(b"\n" + prefix)
    while position != -1:
        offsets.append(position + 1)
        position = raw.find(b"\n" + prefix, position + 1)
    return offsets


@pytest.fixture
def real_isco_and_occupations(tmp_path, esco_source: Path) -> tuple[Path, bytes]:
    directory = tmp_path / "real"
    directory.mkdir()
    shutil.copy(esco_source / "ISCOGroups_nl.csv", directory)
    return directory, (esco_source / "occupations_nl.csv").read_bytes()


@pytest.fixture
def esco_source() -> Path:
    from doorleren.core.paths import esco_dir

    return esco_dir()


def test_real_occupations_file_truncated_inside_a_quoted_field(export, real_isco_and_occupations):
    directory, raw = real_isco_and_occupations
    esco_import(directory=export)
    before = ef.taxonomy_snapshot()
    start = _record_start_offsets(raw, b"Occupation,http")[1500]
    cut = raw.index(b"\n", raw.index(b'"', start)) + 1  # just past the first line break inside a quoted field
    (directory / "occupations_nl.csv").write_bytes(raw[:cut])
    start_line = raw[:start].count(b"\n") + 1

    with pytest.raises(EscoFileError) as error:
        esco_import(directory=directory)

    assert error.value.message.startswith(f"occupations_nl.csv, regel {start_line}: ")
    assert "niet afgesloten" in error.value.message
    assert start_line > 1500  # multi-line records: physical lines, not record numbers
    assert ef.taxonomy_snapshot() == before
    assert not Occupation.objects.filter(code="2654.1.7").exists()


def test_real_occupations_file_truncated_between_fields(export, real_isco_and_occupations):
    directory, raw = real_isco_and_occupations
    esco_import(directory=export)
    before = ef.taxonomy_snapshot()
    start = _record_start_offsets(raw, b"Occupation,http")[2000]
    cut = raw.index(b",", raw.index(b",", start) + 1) + 1  # after "Occupation,<uri>,"
    (directory / "occupations_nl.csv").write_bytes(raw[:cut])
    start_line = raw[:start].count(b"\n") + 1

    with pytest.raises(EscoFileError) as error:
        esco_import(directory=directory)

    assert error.value.message.startswith(f"occupations_nl.csv, regel {start_line}: ")
    assert "kolommen" in error.value.message
    assert ef.taxonomy_snapshot() == before


def test_labels_are_stored_once_per_language_kind_and_text(export):
    files = ef.base_rows()
    header, rows = files["occupations_nl.csv"]
    rows[1] = ef.occupation(ef.OCC_WELDER, "7212", "lasser", alt="metaallasser\nmetaallasser\n lasser ")
    ef.write_export(export, files)

    esco_import(directory=export)

    assert sorted(OccupationLabel.objects.filter(concept__uri=ef.OCC_WELDER).values_list("kind", "text")) == [
        ("alternative", "lasser"),
        ("alternative", "metaallasser"),
        ("preferred", "lasser"),
    ]
    assert SkillLabel.objects.filter(concept__uri=ef.SKILL_CARE, lang="en").count() == 3
    assert SkillGroup.objects.get(uri=ef.GROUP_CARE).labels.filter(kind="alternative").count() == 2
