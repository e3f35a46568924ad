"""esco_csv: finding the files, reading records with physical line numbers, validating rows."""

from __future__ import annotations

import pytest

from doorleren.taxonomy import esco_csv
from doorleren.taxonomy.esco_csv import EscoFile, EscoFileError
from doorleren.taxonomy.tests import esco_files as ef


def test_esco_files_are_found_in_import_order_and_others_ignored(tmp_path):
    for name in [
        "occupationSkillRelations_en.csv",
        "skills_nl.csv",
        "ISCOGroups_nl.csv",
        "skills_en.csv",
        "occupations_nl.csv",
        "educationTypesLevels_nl.csv",
        "README.txt",
    ]:
        (tmp_path / name).write_text("x\n")

    files, ignored = esco_csv.esco_files(tmp_path)

    assert [f.name for f in files] == [
        "ISCOGroups_nl.csv",
        "skills_en.csv",
        "skills_nl.csv",
        "occupations_nl.csv",
        "occupationSkillRelations_en.csv",
    ]
    assert [(f.kind, f.lang) for f in files][1] == ("skills", "en")
    assert ignored == ["README.txt", "educationTypesLevels_nl.csv"]


def test_records_carry_the_physical_line_where_they_start(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('a,b\n1,"one\ntwo\nthree"\n\n2,plain\n3,"x\r\ny"\n', encoding="utf-8")

    records = list(esco_csv.read_records(path, required=["a", "b"]))

    assert [(r.line, r.values["a"]) for r in records] == [(2, "1"), (6, "2"), (7, "3")]
    assert records[0].values["b"] == "one\ntwo\nthree"


def test_a_byte_order_mark_is_not_part_of_the_first_column(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("\ufeffconceptUri,preferredLabel\nu,l\n".encode())

    assert list(esco_csv.read_records(path, required=["conceptUri"]))[0].values == {
        "conceptUri": "u",
        "preferredLabel": "l",
    }


def test_an_empty_file_has_no_header(tmp_path):
    path = tmp_path / "skills_nl.csv"
    path.write_text("\n", encoding="utf-8")

    with pytest.raises(EscoFileError) as error:
        list(esco_csv.read_records(path, required=["conceptUri"]))

    assert error.value.message == "skills_nl.csv, regel 1: het bestand is leeg; de kopregel ontbreekt."


def test_a_duplicate_column_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a,b,a\n1,2,3\n", encoding="utf-8")

    with pytest.raises(EscoFileError, match="regel 1: de kopregel noemt kolom a twee keer"):
        list(esco_csv.read_records(path, required=["a"]))


def test_a_stray_quote_inside_a_field_is_refused_with_its_line(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text('a,b\n1,2\n3,"x"y\n', encoding="utf-8")

    with pytest.raises(EscoFileError) as error:
        list(esco_csv.read_records(path, required=["a"]))

    assert error.value.line == 3
    assert "geen geldige CSV" in error.value.message


def test_ragged_rows_may_only_leave_out_trailing_columns_after_the_required_ones(tmp_path):
    path = tmp_path / "skillsHierarchy_en.csv"
    path.write_text(
        ef.csv_text(
            ef.HEADERS["skillsHierarchy"],
            [
                [ef.GROUP_SKILLS, "skills", "", "", "", "", "", "", "", "", "S"],
                [ef.GROUP_SKILLS, "skills", "", ""],
            ],
        ),
        encoding="utf-8",
    )
    esco_file = EscoFile(kind="skillsHierarchy", lang="en", path=path)

    with pytest.raises(EscoFileError) as error:
        list(esco_csv.read_hierarchy(esco_file))

    assert error.value.line == 3
    assert "4 kolommen" in error.value.message


def test_concept_rows_split_and_deduplicate_labels(tmp_path):
    path = tmp_path / "skills_en.csv"
    path.write_text(
        ef.csv_text(ef.HEADERS["skills"], [ef.skill(ef.SKILL_CARE, "care", alt="a\n\n b \na\ncare")]),
        encoding="utf-8",
    )

    (row,) = esco_csv.read_concepts(EscoFile(kind="skills", lang="en", path=path))

    assert row.labels == [
        ("preferred", "care"),
        ("alternative", "a"),
        ("alternative", "b"),
        ("alternative", "care"),
    ]
    assert (row.skill_type, row.reuse_level, row.line) == ("skill", "", 2)


def test_a_concept_type_from_another_file_is_refused(tmp_path):
    path = tmp_path / "skills_en.csv"
    row = ef.skill(ef.SKILL_CARE, "care")
    row[0] = "Occupation"
    path.write_text(ef.csv_text(ef.HEADERS["skills"], [row]), encoding="utf-8")

    with pytest.raises(EscoFileError, match="regel 2: conceptType is 'Occupation'"):
        list(esco_csv.read_concepts(EscoFile(kind="skills", lang="en", path=path)))


def test_progress_receives_every_byte(tmp_path):
    path = tmp_path / "x.csv"
    content = 'a,b\n1,"é\nz"\n'.encode()
    path.write_bytes(content)
    seen = []

    list(esco_csv.read_records(path, required=["a"], on_bytes=seen.append))

    assert sum(seen) == len(content)


def test_a_code_longer_than_the_database_field_is_refused(tmp_path):
    path = tmp_path / "occupations_nl.csv"
    path.write_text(
        ef.csv_text(
            ef.HEADERS["occupations"], [ef.occupation(ef.OCC_NURSE, "2221", "x", code="2221." + "1" * 30)]
        ),
        encoding="utf-8",
    )

    with pytest.raises(EscoFileError, match="regel 2: code is te lang"):
        list(esco_csv.read_concepts(EscoFile(kind="occupations", lang="nl", path=path)))
