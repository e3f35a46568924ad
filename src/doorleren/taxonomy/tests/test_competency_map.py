"""The regional competency map and the regional occupations are complete, consistent and point at real ESCO.

Plain pytest: no database. The ESCO checks read the shared ESCO export (``doorleren.core.paths.esco_dir``);
they are skipped, with a reason, only where that export is not present at all.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest
import yaml

from doorleren.core.paths import esco_dir

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
SECTOR_CODES = {
    "energie-waterstof",
    "afval-circulair",
    "zorg-welzijn",
    "ict-digitalisering",
    "agrifood-eiwit",
    "logistiek-havens",
    "techniek-installatie",
    "bouw",
    "onderwijs-kinderopvang",
    "basisvaardigheden",
}
KINDS = {"basic", "vocational", "transversal"}
TRENDS = {"grows", "stable", "shrinks"}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
SKILL_URI = re.compile(r"http://data\.europa\.eu/esco/skill/[0-9a-f-]{36}")
OCCUPATION_URI = re.compile(r"http://data\.europa\.eu/esco/occupation/[0-9a-f-]{36}")
# A sentence ends in . ! or ? followed by a space; one of those inside the text means a second sentence.
INNER_SENTENCE_END = re.compile(r"[.!?]\s")


@cache
def competency_map() -> dict:
    return yaml.safe_load((DATA_DIR / "competency_map.yaml").read_text(encoding="utf-8"))


@cache
def occupations() -> list[dict]:
    return yaml.safe_load((DATA_DIR / "regional_occupations.yaml").read_text(encoding="utf-8"))["occupations"]


def competencies() -> list[dict]:
    return competency_map()["competencies"]


@cache
def esco_concept_uris(*file_names: str) -> frozenset[str]:
    """conceptUri of every row in the given ESCO CSV files (fields may span several lines)."""
    uris: set[str] = set()
    for name in file_names:
        path = esco_dir() / name
        if not path.exists():
            pytest.skip(f"ESCO export not found at {path}")
        with path.open(encoding="utf-8", newline="") as handle:
            uris.update(row["conceptUri"] for row in csv.DictReader(handle))
    return frozenset(uris)


def assert_no_problems(problems: list[str]) -> None:
    assert not problems, f"{len(problems)} problem(s):\n" + "\n".join(problems[:50])


# ---------------------------------------------------------------------------------------------- sectors


def test_all_ten_sectors_are_defined_once_with_a_label_and_explanation():
    sectors = competency_map()["sectors"]
    codes = [sector["code"] for sector in sectors]
    assert sorted(codes) == sorted(SECTOR_CODES)
    for sector in sectors:
        assert sector["label"].strip(), sector
        assert sector["explanation"].strip().endswith("."), sector


# ---------------------------------------------------------------------------------------------- competencies


def test_the_map_has_at_least_300_competencies():
    assert len(competencies()) >= 300


def test_competency_codes_are_unique_lowercase_slugs():
    codes = [competency["code"] for competency in competencies()]
    duplicates = [code for code, count in Counter(codes).items() if count > 1]
    assert not duplicates, duplicates
    assert_no_problems([code for code in codes if not SLUG.fullmatch(code)])


def test_every_competency_has_a_short_label_and_one_plain_sentence_of_explanation():
    problems = []
    for competency in competencies():
        code, label, explanation = (
            competency["code"],
            competency.get("label", ""),
            competency.get("explanation", ""),
        )
        if not label.strip() or len(label) > 60:
            problems.append(f"{code}: label must be 1-60 characters, is {len(label)}")
        if not explanation.strip() or len(explanation) > 160:
            problems.append(f"{code}: explanation must be 1-160 characters, is {len(explanation)}")
        if not explanation.endswith("."):
            problems.append(f"{code}: explanation must end with a period")
        if INNER_SENTENCE_END.search(explanation[:-1]):
            problems.append(f"{code}: explanation must be one sentence: {explanation!r}")
        if not explanation.startswith("Je "):
            problems.append(f"{code}: explanation must speak to the reader ('Je ...'): {explanation!r}")
    assert_no_problems(problems)


def test_every_competency_has_a_known_kind_and_only_defined_sectors():
    problems = []
    for competency in competencies():
        code, sectors = competency["code"], competency.get("sectors") or []
        if competency.get("kind") not in KINDS:
            problems.append(f"{code}: kind {competency.get('kind')!r} not in {sorted(KINDS)}")
        if not sectors:
            problems.append(f"{code}: no sectors")
        if len(set(sectors)) != len(sectors):
            problems.append(f"{code}: a sector is listed twice")
        problems += [f"{code}: unknown sector {sector!r}" for sector in sectors if sector not in SECTOR_CODES]
        is_basic = competency.get("kind") == "basic"
        if is_basic != (sectors == ["basisvaardigheden"]):
            problems.append(f"{code}: basic skills, and only they, belong to [basisvaardigheden] alone")
    assert_no_problems(problems)


def test_every_competency_has_a_sourced_demand_signal_for_each_of_its_sectors():
    problems = []
    for competency in competencies():
        code, demand = competency["code"], competency.get("demand") or {}
        if set(demand) != set(competency["sectors"]):
            problems.append(
                f"{code}: demand sectors {sorted(demand)} differ from sectors {competency['sectors']}"
            )
        for sector, signal in demand.items():
            if signal.get("trend") not in TRENDS:
                problems.append(f"{code}/{sector}: trend {signal.get('trend')!r} not in {sorted(TRENDS)}")
            if not str(signal.get("source") or "").strip():
                problems.append(f"{code}/{sector}: demand has no source")
    assert_no_problems(problems)


def test_every_competency_points_at_esco_skills_that_exist():
    known = esco_concept_uris("skills_en.csv", "skills_nl.csv")
    problems = []
    for competency in competencies():
        uris = competency.get("esco") or []
        if not uris:
            problems.append(f"{competency['code']}: no ESCO skill")
        for uri in uris:
            if not SKILL_URI.fullmatch(uri):
                problems.append(f"{competency['code']}: not an ESCO skill URI: {uri}")
            elif uri not in known:
                problems.append(f"{competency['code']}: ESCO skill not in the export: {uri}")
    assert_no_problems(problems)


@pytest.mark.parametrize("sector", sorted(SECTOR_CODES))
def test_each_sector_has_at_least_15_competencies(sector):
    count = sum(sector in competency["sectors"] for competency in competencies())
    assert count >= 15, f"{sector} has {count} competencies"


# ---------------------------------------------------------------------------------------------- occupations


def test_there_are_at_least_120_regional_occupations_with_unique_codes():
    codes = [occupation["code"] for occupation in occupations()]
    assert len(codes) >= 120
    duplicates = [code for code, count in Counter(codes).items() if count > 1]
    assert not duplicates, duplicates
    assert_no_problems([code for code in codes if not SLUG.fullmatch(code)])


def test_every_occupation_has_a_label_and_a_work_sector():
    problems = []
    for occupation in occupations():
        label = occupation.get("label", "")
        if not label.strip() or len(label) > 60:
            problems.append(f"{occupation['code']}: label must be 1-60 characters")
        if occupation.get("sector") not in SECTOR_CODES - {"basisvaardigheden"}:
            problems.append(f"{occupation['code']}: sector {occupation.get('sector')!r} is not a work sector")
    assert_no_problems(problems)


def test_every_occupation_points_at_an_esco_occupation_that_exists():
    known = esco_concept_uris("occupations_nl.csv")
    problems = []
    for occupation in occupations():
        uri = occupation.get("esco", "")
        if not OCCUPATION_URI.fullmatch(uri):
            problems.append(f"{occupation['code']}: not an ESCO occupation URI: {uri}")
        elif uri not in known:
            problems.append(f"{occupation['code']}: ESCO occupation not in occupations_nl.csv: {uri}")
    assert_no_problems(problems)


def test_occupation_requirements_use_known_competencies_at_levels_1_to_4():
    codes = {competency["code"] for competency in competencies()}
    problems = []
    for occupation in occupations():
        name, required = occupation["code"], occupation.get("competencies") or []
        if not 5 <= len(required) <= 15:
            problems.append(f"{name}: needs 5-15 competencies, has {len(required)}")
        seen = Counter(requirement["code"] for requirement in required)
        problems += [f"{name}: {code} listed twice" for code, count in seen.items() if count > 1]
        for requirement in required:
            if requirement["code"] not in codes:
                problems.append(f"{name}: unknown competency {requirement['code']!r}")
            level = requirement.get("level")
            if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 4:
                problems.append(f"{name}/{requirement['code']}: level {level!r} not in 1..4")
            if not isinstance(requirement.get("essential"), bool):
                problems.append(f"{name}/{requirement['code']}: essential must be true or false")
        if not any(requirement.get("essential") is True for requirement in required):
            problems.append(f"{name}: no essential competency")
    assert_no_problems(problems)


def test_basic_skills_are_required_across_many_occupations():
    kinds = {competency["code"]: competency["kind"] for competency in competencies()}
    with_basic = [
        occupation["code"]
        for occupation in occupations()
        if any(kinds.get(requirement["code"]) == "basic" for requirement in occupation["competencies"])
    ]
    assert len(with_basic) >= 0.9 * len(occupations())
