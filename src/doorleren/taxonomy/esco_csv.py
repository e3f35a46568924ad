"""Read the official ESCO CSV export, one record at a time, with physical line numbers.

Every file is read as bytes, line by line, decoded per line (so a bad byte has a line number) and
parsed by the ``csv`` module in strict mode (so an unterminated quote at the end of a truncated
file is an error instead of a silently shortened record). A record may span several physical
lines (multi-line quoted fields); the line number reported for it is the line where it starts.

Nothing here touches the database: ``esco_files`` finds the files, ``read_<kind>`` yields typed,
validated rows, and every problem is an ``EscoFileError`` with file name, line number and a Dutch
reason.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

BOM = b"\xef\xbb\xbf"

# The files we import, in import order: concepts first, then what refers to them.
FILE_KINDS = (
    "ISCOGroups",
    "skillGroups",
    "skills",
    "occupations",
    "skillsHierarchy",
    "broaderRelationsSkillPillar",
    "occupationSkillRelations",
)
_FILE_NAME = re.compile(r"^(?P<kind>[A-Za-z]+)_(?P<lang>[a-z]{2,3}(?:-[a-z]{2})?)\.csv$")

ESCO = r"http://data\.europa\.eu/esco/"
_TAIL = r"[A-Za-z0-9][A-Za-z0-9._-]*"
URI_PATTERNS = {
    "isco_group": re.compile(rf"^{ESCO}isco/C\d{{1,4}}$"),
    "skill_group": re.compile(rf"^{ESCO}(?:skill|isced-f)/{_TAIL}$"),
    "skill": re.compile(rf"^{ESCO}skill/{_TAIL}$"),
    "occupation": re.compile(rf"^{ESCO}occupation/{_TAIL}$"),
}

STATUSES = {
    "released": "released",
    "draft": "draft",
    "obsolete": "obsolete",
    "deprecated": "obsolete",
    "": "",
}
SKILL_TYPES = {"skill/competence": "skill", "skill": "skill", "knowledge": "knowledge", "": ""}
REUSE_LEVELS = {
    "transversal": "transversal",
    "cross-sector": "cross-sector",
    "sector-specific": "sector-specific",
    "occupation-specific": "occupation-specific",
    "": "",
}
RELATION_TYPES = {"essential": "essential", "optional": "optional"}
BROADER_TYPES = {"SkillGroup": "skill_group", "KnowledgeSkillCompetence": "skill"}


class EscoFileError(ApplicationError):
    """A file of the ESCO export is malformed: ``<file name>, regel <n>: <reason>``."""

    def __init__(self, *, file_name: str, line: int, reason: str):
        message = _("%(file)s, regel %(line)d: %(reason)s") % {
            "file": file_name,
            "line": line,
            "reason": reason,
        }
        super().__init__(message, code="esco_file_invalid", extra={"file": file_name, "line": line})
        self.file_name = file_name
        self.line = line
        self.reason = reason


@dataclass(frozen=True)
class EscoFile:
    kind: str
    lang: str
    path: Path

    @property
    def name(self) -> str:
        return self.path.name


def esco_files(directory: Path) -> tuple[list[EscoFile], list[str]]:
    """The importable files in ``directory`` in import order, and the names of the other files."""
    found: list[EscoFile] = []
    ignored: list[str] = []
    for path in sorted(directory.iterdir()):
        if not path.is_file():
            continue
        match = _FILE_NAME.match(path.name)
        if match and match["kind"] in FILE_KINDS:
            found.append(EscoFile(kind=match["kind"], lang=match["lang"], path=path))
        else:
            ignored.append(path.name)
    found.sort(key=lambda f: (FILE_KINDS.index(f.kind), f.lang))
    return found, ignored


@dataclass(frozen=True)
class Record:
    """One CSV record: the physical line it starts on and its values by column name."""

    line: int
    values: dict[str, str]


ProgressCallback = Callable[[int], None]


def _decoded_lines(
    handle: Iterable[bytes], file_name: str, on_bytes: ProgressCallback | None
) -> Iterator[str]:
    for number, raw in enumerate(handle, start=1):
        if on_bytes is not None:
            on_bytes(len(raw))
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM) :]
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError:
            raise EscoFileError(
                file_name=file_name, line=number, reason=_("deze regel is geen geldige UTF-8-tekst.")
            ) from None


def _csv_reason(error: csv.Error) -> str:
    text = str(error)
    if "unexpected end of data" in text:
        return _(
            "een veld tussen aanhalingstekens is niet afgesloten; het bestand houdt midden in een record op."
        )
    if "field larger than field limit" in text:
        return _("een veld is veel te lang; waarschijnlijk is een aanhalingsteken niet afgesloten.")
    return _("dit is geen geldige CSV (%(error)s).") % {"error": text}


def read_records(
    path: Path,
    *,
    required: Iterable[str],
    on_bytes: ProgressCallback | None = None,
    ragged: bool = False,
) -> Iterator[Record]:
    """Yield the records of one CSV file; check the header has every ``required`` column.

    Raises ``EscoFileError`` for a missing or wrong header, a record with the wrong number of
    columns, bad UTF-8 or broken quoting. Blank lines are skipped. With ``ragged`` (the official
    ``skillsHierarchy`` file leaves out empty trailing columns) a record may be shorter than the
    header as long as it reaches every required column; missing trailing values are empty.
    """
    required = tuple(required)
    name = path.name
    with path.open("rb") as handle:
        reader = csv.reader(_decoded_lines(handle, name, on_bytes), strict=True)
        header: list[str] | None = None
        shortest = 0
        previous_end = 0
        while True:
            start = previous_end + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            except csv.Error as error:
                raise EscoFileError(file_name=name, line=start, reason=_csv_reason(error)) from None
            previous_end = reader.line_num
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            if header is None:
                header = [column.strip() for column in row]
                _check_header(name, start, header, required)
                shortest = max(header.index(column) for column in required) + 1 if ragged else len(header)
                continue
            if not shortest <= len(row) <= len(header):
                raise EscoFileError(
                    file_name=name,
                    line=start,
                    reason=_("dit record heeft %(found)d kolommen, de kopregel heeft er %(expected)d.")
                    % {"found": len(row), "expected": len(header)},
                )
            row += [""] * (len(header) - len(row))
            yield Record(line=start, values=dict(zip(header, row, strict=True)))
        if header is None:
            raise EscoFileError(
                file_name=name, line=1, reason=_("het bestand is leeg; de kopregel ontbreekt.")
            )


def _check_header(name: str, line: int, header: list[str], required: Iterable[str]) -> None:
    duplicates = sorted({column for column in header if header.count(column) > 1})
    if duplicates:
        raise EscoFileError(
            file_name=name,
            line=line,
            reason=_("de kopregel noemt kolom %(columns)s twee keer.") % {"columns": ", ".join(duplicates)},
        )
    missing = [column for column in required if column not in header]
    if missing:
        raise EscoFileError(
            file_name=name,
            line=line,
            reason=_("de kopregel klopt niet: kolom %(columns)s ontbreekt.")
            % {"columns": ", ".join(missing)},
        )


# --- typed rows -----------------------------------------------------------------------------------


@dataclass
class ConceptRow:
    """One concept record in one language: labels as ``(kind, text)`` pairs, de-duplicated."""

    line: int
    uri: str
    labels: list[tuple[str, str]] = field(default_factory=list)
    description: str = ""
    status: str = ""
    code: str = ""
    skill_type: str = ""
    reuse_level: str = ""
    isco_code: str = ""


@dataclass(frozen=True)
class BroaderRow:
    """``uri`` (a skill or skill group) has ``broader_uri`` as broader concept."""

    line: int
    concept_type: str  # "skill" or "skill_group"
    uri: str
    broader_type: str
    broader_uri: str


@dataclass(frozen=True)
class OccupationSkillRow:
    line: int
    occupation_uri: str
    skill_uri: str
    relation: str
    skill_type: str


def split_labels(value: str) -> list[str]:
    """ESCO puts several labels in one field, one per line."""
    return [part.strip() for part in (value or "").splitlines() if part.strip()]


class _Rows:
    """Validation helpers bound to one file."""

    def __init__(self, file_name: str):
        self.file_name = file_name

    def fail(self, record: Record, reason: str) -> EscoFileError:
        return EscoFileError(file_name=self.file_name, line=record.line, reason=reason)

    def value(self, record: Record, column: str) -> str:
        return (record.values.get(column) or "").strip()

    def uri(self, record: Record, column: str, kind: str, *, allow_empty: bool = False) -> str:
        value = self.value(record, column)
        if not value and allow_empty:
            return ""
        if len(value) > URI_LENGTH or not URI_PATTERNS[kind].match(value):
            raise self.fail(
                record,
                _("%(column)s '%(value)s' is geen geldige ESCO-URI voor een %(kind)s.")
                % {"column": column, "value": value[:120], "kind": KIND_NAMES[kind]},
            )
        return value

    def choice(self, record: Record, column: str, choices: dict[str, str]) -> str:
        value = self.value(record, column)
        if value not in choices:
            raise self.fail(
                record,
                _("%(column)s '%(value)s' kennen wij niet; kies uit: %(choices)s.")
                % {"column": column, "value": value[:60], "choices": ", ".join(c for c in choices if c)},
            )
        return choices[value]

    def concept_type(self, record: Record, expected: str) -> None:
        value = self.value(record, "conceptType")
        if value and value != expected:
            raise self.fail(
                record,
                _("conceptType is '%(value)s', in dit bestand hoort '%(expected)s'.")
                % {"value": value[:60], "expected": expected},
            )

    def labels(self, record: Record) -> list[tuple[str, str]]:
        seen: set[tuple[str, str]] = set()
        labels: list[tuple[str, str]] = []
        for kind, column in (
            ("preferred", "preferredLabel"),
            ("alternative", "altLabels"),
            ("hidden", "hiddenLabels"),
        ):
            for text in split_labels(record.values.get(column, "")):
                if (kind, text) not in seen:
                    seen.add((kind, text))
                    labels.append((kind, text))
        return labels


KIND_NAMES = {
    "isco_group": "ISCO-groep",
    "skill_group": "vaardigheidsgroep",
    "skill": "vaardigheid",
    "occupation": "beroep",
}

CODE_LENGTHS = {"skillGroups": 20, "occupations": 30}  # the model fields' max_length
URI_LENGTH = 255

CONCEPT_COLUMNS = {
    "ISCOGroups": ("conceptUri", "code", "preferredLabel"),
    "skillGroups": ("conceptUri", "preferredLabel"),
    "skills": ("conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels", "description"),
    "occupations": ("conceptUri", "iscoGroup", "preferredLabel", "altLabels", "description", "code"),
}
HIERARCHY_COLUMNS = tuple(f"Level {level} URI" for level in range(4))
BROADER_COLUMNS = ("conceptType", "conceptUri", "broaderType", "broaderUri")
OCCUPATION_SKILL_COLUMNS = ("occupationUri", "relationType", "skillType", "skillUri")


def read_concepts(esco_file: EscoFile, *, on_bytes: ProgressCallback | None = None) -> Iterator[ConceptRow]:
    """Rows of ``ISCOGroups_``, ``skillGroups_``, ``skills_`` or ``occupations_<lang>.csv``."""
    rows = _Rows(esco_file.name)
    uri_kind, concept_type = {
        "ISCOGroups": ("isco_group", "ISCOGroup"),
        "skillGroups": ("skill_group", "SkillGroup"),
        "skills": ("skill", "KnowledgeSkillCompetence"),
        "occupations": ("occupation", "Occupation"),
    }[esco_file.kind]
    for record in read_records(esco_file.path, required=CONCEPT_COLUMNS[esco_file.kind], on_bytes=on_bytes):
        rows.concept_type(record, concept_type)
        row = ConceptRow(
            line=record.line,
            uri=rows.uri(record, "conceptUri", uri_kind),
            labels=rows.labels(record),
            description=rows.value(record, "description"),
            status=rows.choice(record, "status", STATUSES),
            code=rows.value(record, "code"),
        )
        if esco_file.kind == "ISCOGroups" and not re.fullmatch(r"\d{1,4}", row.code):
            raise rows.fail(
                record, _("code '%(code)s' is geen ISCO-code (1 tot 4 cijfers).") % {"code": row.code[:20]}
            )
        if esco_file.kind == "skills":
            row.skill_type = rows.choice(record, "skillType", SKILL_TYPES)
            row.reuse_level = rows.choice(record, "reuseLevel", REUSE_LEVELS)
        if esco_file.kind == "occupations":
            row.isco_code = rows.value(record, "iscoGroup")
            if row.isco_code and not re.fullmatch(r"\d{1,4}", row.isco_code):
                raise rows.fail(
                    record,
                    _("iscoGroup '%(code)s' is geen ISCO-code (1 tot 4 cijfers).")
                    % {"code": row.isco_code[:20]},
                )
        longest = CODE_LENGTHS.get(esco_file.kind, 30)
        if len(row.code) > longest:
            raise rows.fail(record, _("code is te lang (meer dan %(max)d tekens).") % {"max": longest})
        yield row


def read_hierarchy(esco_file: EscoFile, *, on_bytes: ProgressCallback | None = None) -> Iterator[BroaderRow]:
    """``skillsHierarchy_<lang>.csv``: one path per record; yields the deepest level → the level above.

    A record with only ``Level 0 URI`` names a top concept and yields nothing.
    """
    rows = _Rows(esco_file.name)
    for record in read_records(esco_file.path, required=HIERARCHY_COLUMNS, on_bytes=on_bytes, ragged=True):
        path = [rows.uri(record, column, "skill_group", allow_empty=True) for column in HIERARCHY_COLUMNS]
        if not path[0]:
            raise rows.fail(record, _("Level 0 URI is leeg."))
        depth = max(level for level, uri in enumerate(path) if uri)
        if any(not uri for uri in path[:depth]):
            raise rows.fail(
                record, _("een tussenliggend niveau ontbreekt (lege Level-URI vóór een gevulde).")
            )
        if depth == 0:
            continue
        yield BroaderRow(
            line=record.line,
            concept_type="skill_group",
            uri=path[depth],
            broader_type="skill_group",
            broader_uri=path[depth - 1],
        )


def read_broader(esco_file: EscoFile, *, on_bytes: ProgressCallback | None = None) -> Iterator[BroaderRow]:
    """``broaderRelationsSkillPillar_<lang>.csv`` (ESCO 1.1 layout, or 1.2 with label columns)."""
    rows = _Rows(esco_file.name)
    for record in read_records(esco_file.path, required=BROADER_COLUMNS, on_bytes=on_bytes):
        concept_type = rows.choice(record, "conceptType", BROADER_TYPES)
        broader_type = rows.choice(record, "broaderType", BROADER_TYPES)
        yield BroaderRow(
            line=record.line,
            concept_type=concept_type,
            uri=rows.uri(record, "conceptUri", concept_type),
            broader_type=broader_type,
            broader_uri=rows.uri(record, "broaderUri", broader_type),
        )


def read_occupation_skills(
    esco_file: EscoFile, *, on_bytes: ProgressCallback | None = None
) -> Iterator[OccupationSkillRow]:
    """``occupationSkillRelations_<lang>.csv`` (ESCO 1.1 layout, or 1.2 with label columns)."""
    rows = _Rows(esco_file.name)
    for record in read_records(esco_file.path, required=OCCUPATION_SKILL_COLUMNS, on_bytes=on_bytes):
        yield OccupationSkillRow(
            line=record.line,
            occupation_uri=rows.uri(record, "occupationUri", "occupation"),
            relation=rows.choice(record, "relationType", RELATION_TYPES),
            skill_type=rows.choice(record, "skillType", SKILL_TYPES),
            skill_uri=rows.uri(record, "skillUri", "skill"),
        )
