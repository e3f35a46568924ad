"""A small ESCO export in the official CSV layout, written by tests into a temporary directory.

Two languages (en, nl), multi-line quoted fields, the skill hierarchy with its ragged rows, and both
relation files: ``_en`` in the ESCO 1.1 layout (URIs only), ``_nl`` in the 1.2 layout (with labels).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from django.apps import apps

E = "http://data.europa.eu/esco/"
OCC_NURSE = f"{E}occupation/11111111-1111-4111-8111-111111111111"
OCC_WELDER = f"{E}occupation/22222222-2222-4222-8222-222222222222"
SKILL_CARE = f"{E}skill/aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa"
SKILL_WELD = f"{E}skill/bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb"
SKILL_TEAM = f"{E}skill/cccccccc-cccc-4ccc-8ccc-cccccccccccc"
GROUP_SKILLS = f"{E}skill/335228d2-297d-4e0e-a6ee-bc6a8dc110d9"
GROUP_CARE = f"{E}skill/c73521be-c039-4e22-b037-3b01b3f6f9d9"
GROUP_ISCED = f"{E}isced-f/07"

HEADERS = {
    "ISCOGroups": "conceptType,conceptUri,code,preferredLabel,status,altLabels,inScheme,description",
    "skillGroups": "conceptType,conceptUri,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,inScheme,description,code",
    "skills": "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description",
    "occupations": "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code",
    "skillsHierarchy": "Level 0 URI,Level 0 preferred term,Level 1 URI,Level 1 preferred term,Level 2 URI,Level 2 preferred term,Level 3 URI,Level 3 preferred term,Description,Scope note,Level 0 code,Level 1 code,Level 2 code,Level 3 code",
    "broaderRelationsSkillPillar_v11": "conceptType,conceptUri,broaderType,broaderUri",
    "broaderRelationsSkillPillar_v12": "conceptType,conceptUri,conceptLabel,broaderType,broaderUri,broaderLabel",
    "occupationSkillRelations_v11": "occupationUri,relationType,skillType,skillUri",
    "occupationSkillRelations_v12": "occupationUri,occupationLabel,relationType,skillType,skillUri,skillLabel",
}
SCHEMES = f"{E}concept-scheme/isco,\n{E}concept-scheme/occupations"


def isco(code: str, label: str) -> list[str]:
    return ["ISCOGroup", f"{E}isco/C{code}", code, label, "released", "", SCHEMES, ""]


def skill_group(uri: str, label: str, code: str, alt: str = "") -> list[str]:
    return ["SkillGroup", uri, label, alt, "", "released", "", "", f"{E}concept-scheme/skills", "", code]


def skill(
    uri: str,
    label: str,
    *,
    alt: str = "",
    skill_type: str = "skill/competence",
    reuse: str = "",
    description: str = "",
) -> list[str]:
    return [
        "KnowledgeSkillCompetence",
        uri,
        skill_type,
        reuse,
        label,
        alt,
        "",
        "released",
        "2024-01-01T00:00:00Z",
        "",
        "",
        f"{E}concept-scheme/skills",
        description,
    ]


def occupation(
    uri: str,
    isco_code: str,
    label: str,
    *,
    alt: str = "",
    hidden: str = "",
    description: str = "",
    code: str = "",
) -> list[str]:
    return [
        "Occupation",
        uri,
        isco_code,
        label,
        alt,
        hidden,
        "released",
        "2024-01-01T00:00:00Z",
        "",
        "",
        "",
        SCHEMES,
        description,
        code,
    ]


def csv_text(header: str, rows: list[list[str]]) -> str:
    out = io.StringIO()
    out.write(header + "\n")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerows(rows)
    return out.getvalue()


def base_rows() -> dict[str, tuple[str, list[list[str]]]]:
    """File name → (header, rows) of the small export."""
    return {
        "ISCOGroups_en.csv": (
            HEADERS["ISCOGroups"],
            [
                isco("2", "Professionals"),
                isco("22", "Health professionals"),
                isco("222", "Nursing professionals"),
                isco("2221", "Nursing professionals"),
                isco("7", "Craft workers"),
                isco("72", "Metal trades"),
                isco("721", "Welders"),
                isco("7212", "Welders and flame cutters"),
            ],
        ),
        "ISCOGroups_nl.csv": (
            HEADERS["ISCOGroups"],
            [isco("2", "Intellectuele beroepen"), isco("2221", "Verpleegkundigen")],
        ),
        "skillGroups_en.csv": (
            HEADERS["skillGroups"],
            [
                skill_group(GROUP_SKILLS, "skills", "S"),
                skill_group(GROUP_CARE, "assisting and caring", "S3", alt="caring\nassisting"),
                skill_group(GROUP_ISCED, "engineering", "07"),
            ],
        ),
        "skills_en.csv": (
            HEADERS["skills"],
            [
                skill(
                    SKILL_CARE,
                    "provide care",
                    alt="care for people\nlook after people",
                    reuse="sector-specific",
                    description="Give care to people.\nSecond line.",
                ),
                skill(SKILL_WELD, "weld metal", skill_type="skill/competence", reuse="occupation-specific"),
                skill(SKILL_TEAM, "work in teams", reuse="transversal", skill_type="knowledge"),
            ],
        ),
        "skills_nl.csv": (
            HEADERS["skills"],
            [skill(SKILL_CARE, "zorg verlenen", alt="verzorgen", skill_type="", reuse="")],
        ),
        "occupations_nl.csv": (
            HEADERS["occupations"],
            [
                occupation(
                    OCC_NURSE,
                    "2221",
                    "verpleegkundige",
                    alt="verpleger\nverpleegster\nzuster",
                    hidden="verpleegkundig",
                    description="Verpleegkundigen zorgen\nvoor patiënten.",
                    code="2221.1",
                ),
                occupation(OCC_WELDER, "7212", "lasser", alt="metaallasser", code="7212.1"),
            ],
        ),
        "occupations_en.csv": (
            HEADERS["occupations"],
            [occupation(OCC_NURSE, "2221", "nurse", alt="registered nurse", code="2221.1")],
        ),
        "skillsHierarchy_en.csv": (
            HEADERS["skillsHierarchy"],
            [
                [GROUP_SKILLS, "skills", "", "", "", "", "", "", "", "", "S"],
                [
                    GROUP_SKILLS,
                    "skills",
                    GROUP_CARE,
                    "assisting and caring",
                    "",
                    "",
                    "",
                    "",
                    "Helping people.\nAnd caring.",
                    "",
                    "S",
                    "S3",
                ],
            ],
        ),
        "broaderRelationsSkillPillar_en.csv": (
            HEADERS["broaderRelationsSkillPillar_v11"],
            [
                ["KnowledgeSkillCompetence", SKILL_CARE, "SkillGroup", GROUP_CARE],
                ["KnowledgeSkillCompetence", SKILL_TEAM, "KnowledgeSkillCompetence", SKILL_CARE],
            ],
        ),
        "broaderRelationsSkillPillar_nl.csv": (
            HEADERS["broaderRelationsSkillPillar_v12"],
            [
                [
                    "KnowledgeSkillCompetence",
                    SKILL_CARE,
                    "zorg verlenen",
                    "SkillGroup",
                    GROUP_CARE,
                    "assisteren en verzorgen",
                ],
                [
                    "KnowledgeSkillCompetence",
                    SKILL_WELD,
                    "metaal lassen",
                    "SkillGroup",
                    GROUP_ISCED,
                    "techniek",
                ],
            ],
        ),
        "occupationSkillRelations_en.csv": (
            HEADERS["occupationSkillRelations_v11"],
            [
                [OCC_NURSE, "essential", "skill/competence", SKILL_CARE],
                [OCC_NURSE, "optional", "knowledge", SKILL_TEAM],
                [OCC_WELDER, "essential", "skill/competence", SKILL_WELD],
            ],
        ),
        "occupationSkillRelations_nl.csv": (
            HEADERS["occupationSkillRelations_v12"],
            [
                [OCC_NURSE, "verpleegkundige", "essential", "skill/competence", SKILL_CARE, "zorg verlenen"],
            ],
        ),
    }


def write_export(directory: Path, files: dict[str, tuple[str, list[list[str]]]] | None = None) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name, (header, rows) in (files or base_rows()).items():
        (directory / name).write_text(csv_text(header, rows), encoding="utf-8")
    return directory


def taxonomy_snapshot() -> dict[str, list[tuple]]:
    """Every row of every taxonomy table, ordered by primary key: equal snapshots mean an unchanged database."""
    return {
        model._meta.label: [tuple(row) for row in model.objects.order_by("pk").values_list()]
        for model in apps.get_app_config("taxonomy").get_models(include_auto_created=True)
    }
