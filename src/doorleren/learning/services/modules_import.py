"""Import a provider's modules from a CSV file: all rows or none.

The format (also in docs/learning-offer.md and on the upload page):

- UTF-8, with or without BOM; fields separated by ``;`` or ``,`` (read from the header line).
- The first line is the header. Required columns: ``code``, ``titel``, ``uren``, ``prijs_euro``,
  ``vorm``. Optional: ``omschrijving``, ``nlqf``, ``gemeente``, ``competenties``, ``voorkennis``,
  ``startdata``, ``taal``, ``status``. Column order is free.
- ``prijs_euro``: euros with a decimal comma or point, at most 2 decimals, no thousands separator
  (``450``, ``12,35``, ``0.1``). Converted exactly to cents.
- ``vorm``: ``op locatie``, ``online`` or ``gemengd``. ``gemeente`` (name or CBS code): required
  unless online, empty when online.
- ``competenties``: ``code:niveau;code:niveau`` (niveau 1-4); ``voorkennis``: module codes of the
  same provider; ``startdata``: ``JJJJ-MM-DD;JJJJ-MM-DD``. Lists take ``;`` or ``,`` between items;
  put a field with ``;`` between double quotes when the file itself uses ``;``.
- ``taal``: ``nl`` (default), ``en``, ``de``, ``fy``; ``status``: ``gepubliceerd`` (default) or
  ``concept``.

A row with a code the provider already has updates that module; a column that is missing from
the header leaves that part of an existing module as it is. Any bad row: nothing changes, and every
bad row gets a Dutch message with its line number.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import (
    DeliveryMode,
    Language,
    Module,
    ModuleCompetency,
    ModulePrerequisite,
    ModuleStart,
    PublicationStatus,
)
from doorleren.learning.money import euro_text_to_cents
from doorleren.learning.services.modules import (
    CODE_MAX_LENGTH,
    MAX_HOURS,
    MAX_PRICE_CENTS,
    TITLE_MAX_LENGTH,
    prerequisite_cycle,
    provider_check,
)
from doorleren.region.selectors import municipality_resolve
from doorleren.taxonomy import selectors as taxonomy_selectors

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality

MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5_000
MAX_ERRORS_SHOWN = 200
DESCRIPTION_MAX_LENGTH = 10_000
_BATCH = 500

REQUIRED_COLUMNS = ("code", "titel", "uren", "prijs_euro", "vorm")
OPTIONAL_COLUMNS = (
    "omschrijving",
    "nlqf",
    "gemeente",
    "competenties",
    "voorkennis",
    "startdata",
    "taal",
    "status",
)
COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
EXAMPLE_HEADER = (
    "code,titel,omschrijving,uren,prijs_euro,nlqf,vorm,gemeente,competenties,voorkennis,startdata"
)

_MODES = {
    "op locatie": DeliveryMode.ON_SITE,
    "locatie": DeliveryMode.ON_SITE,
    "on_site": DeliveryMode.ON_SITE,
    "online": DeliveryMode.ONLINE,
    "gemengd": DeliveryMode.BLENDED,
    "blended": DeliveryMode.BLENDED,
}
_LANGUAGES = {
    "nl": Language.DUTCH,
    "nederlands": Language.DUTCH,
    "en": Language.ENGLISH,
    "engels": Language.ENGLISH,
    "de": Language.GERMAN,
    "duits": Language.GERMAN,
    "fy": Language.FRISIAN,
    "fries": Language.FRISIAN,
}
_STATUSES = {
    "gepubliceerd": PublicationStatus.PUBLISHED,
    "published": PublicationStatus.PUBLISHED,
    "concept": PublicationStatus.DRAFT,
    "draft": PublicationStatus.DRAFT,
}
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_LIST_SPLIT = re.compile(r"[;,]")


@dataclass(frozen=True)
class RowError:
    """One problem; ``line`` is the line in the file (1 is the header), None for the whole file."""

    line: int | None
    message: str


@dataclass(frozen=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged


class ModuleImportError(ApplicationError):
    """The file was refused as a whole; ``errors`` says why, per line. Nothing was stored."""

    def __init__(self, errors: Sequence[RowError]):
        shown = list(errors[:MAX_ERRORS_SHOWN])
        if len(errors) > MAX_ERRORS_SHOWN:
            shown.append(
                RowError(
                    line=None,
                    message=_("En nog %(count)d fouten. Verbeter eerst de fouten hierboven.")
                    % {"count": len(errors) - MAX_ERRORS_SHOWN},
                )
            )
        self.errors = shown
        super().__init__(
            ngettext(
                "Wij hebben niets ingelezen: er is %(count)d fout in het bestand. Verbeter het en probeer het opnieuw.",
                "Wij hebben niets ingelezen: er zijn %(count)d fouten in het bestand. Verbeter ze en probeer het opnieuw.",
                len(errors),
            )
            % {"count": len(errors)},
            code="import_invalid",
            extra={"errors": [{"line": e.line, "message": e.message} for e in shown]},
        )


@dataclass
class _Row:
    line: int
    values: dict[str, str]
    code: str = ""
    title: str = ""
    description: str = ""
    hours: int = 0
    price_cents: int = 0
    nlqf_level: int | None = None
    mode: str = ""
    municipality_text: str = ""
    municipality: Municipality | None = None
    competencies: list[tuple[str, int]] = field(default_factory=list)
    prerequisites: list[str] = field(default_factory=list)
    starts: list[date] = field(default_factory=list)
    language: str = Language.DUTCH
    status: str = PublicationStatus.PUBLISHED


def _quote(value: str) -> str:
    value = value.strip()
    return value if len(value) <= 50 else value[:47] + "..."


def _line(line: int, message: str) -> RowError:
    return RowError(line=line, message=_("Regel %(line)d: %(message)s") % {"line": line, "message": message})


def _read_text(file: IO[bytes] | IO[str]) -> str:
    size = getattr(file, "size", None)
    if isinstance(size, int) and size > MAX_FILE_BYTES:
        raise ModuleImportError([_too_big()])
    if hasattr(file, "seek"):
        with contextlib.suppress(OSError, ValueError):  # a pipe cannot seek; read it from where it is
            file.seek(0)
    data = file.read(MAX_FILE_BYTES + 1)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_FILE_BYTES:
        raise ModuleImportError([_too_big()])
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ModuleImportError(
            [
                RowError(
                    line=None,
                    message=_(
                        "Het bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8' en probeer het opnieuw."
                    ),
                )
            ]
        ) from exc
    if "\x00" in text:
        raise ModuleImportError(
            [RowError(line=None, message=_("Dit is geen CSV-bestand. Sla het op als 'CSV UTF-8'."))]
        )
    if not text.strip():
        raise ModuleImportError([RowError(line=None, message=_("Het bestand is leeg."))])
    return text


def _too_big() -> RowError:
    return RowError(
        line=None,
        message=_("Het bestand is groter dan %(mb)d MB. Verdeel de modules over meer bestanden.")
        % {"mb": MAX_FILE_BYTES // (1024 * 1024)},
    )


def _delimiter(header_line: str) -> str:
    try:
        return csv.Sniffer().sniff(header_line, delimiters=";,").delimiter
    except csv.Error:
        return ";" if header_line.count(";") > header_line.count(",") else ","


def _header(names: list[str]) -> tuple[list[str], list[RowError]]:
    columns = [name.strip().lower() for name in names]
    errors = []
    for name in columns:
        if name not in COLUMNS:
            errors.append(
                _line(
                    1,
                    _("de kolom '%(name)s' kennen wij niet. Gebruik deze kolommen: %(columns)s.")
                    % {"name": _quote(name), "columns": ", ".join(COLUMNS)},
                )
            )
    for name in sorted({c for c in columns if columns.count(c) > 1}):
        errors.append(_line(1, _("de kolom '%(name)s' staat er twee keer in.") % {"name": name}))
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        errors.append(
            _line(
                1, _("deze kolommen ontbreken in de kopregel: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        )
    return columns, errors


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in _LIST_SPLIT.split(value) if item.strip()]


def _parse_row(row: _Row, columns: set[str]) -> list[str]:
    """Read the text of one row into typed values; returns messages (without the line number)."""
    v = row.values
    problems: list[str] = []

    row.code = v["code"].strip()
    if not row.code:
        problems.append(_("de code is leeg."))
    elif len(row.code) > CODE_MAX_LENGTH:
        problems.append(_("de code is langer dan %(max)d tekens.") % {"max": CODE_MAX_LENGTH})
    elif _LIST_SPLIT.search(row.code):
        problems.append(
            _("de code '%(code)s' bevat een ; of een ,. Dat mag niet.") % {"code": _quote(row.code)}
        )

    row.title = v["titel"].strip()
    if not row.title:
        problems.append(_("de titel is leeg."))
    elif len(row.title) > TITLE_MAX_LENGTH:
        problems.append(_("de titel is langer dan %(max)d tekens.") % {"max": TITLE_MAX_LENGTH})

    row.description = v.get("omschrijving", "").strip()
    if len(row.description) > DESCRIPTION_MAX_LENGTH:
        problems.append(_("de omschrijving is langer dan %(max)d tekens.") % {"max": DESCRIPTION_MAX_LENGTH})

    hours = v["uren"].strip()
    if not re.fullmatch(r"\d{1,6}", hours) or not 1 <= int(hours) <= MAX_HOURS:
        problems.append(
            _("het aantal uren '%(value)s' is geen heel getal van 1 tot en met %(max)d.")
            % {"value": _quote(hours), "max": MAX_HOURS}
        )
    else:
        row.hours = int(hours)

    price = v["prijs_euro"].strip()
    try:
        row.price_cents = euro_text_to_cents(price)
    except ValueError:
        problems.append(
            _(
                "het bedrag '%(value)s' is geen geldig bedrag. Schrijf bijvoorbeeld 450 of 12,35 (zonder punt voor duizendtallen)."
            )
            % {"value": _quote(price)}
        )
    else:
        if row.price_cents > MAX_PRICE_CENTS:
            problems.append(_("het bedrag '%(value)s' is te hoog.") % {"value": _quote(price)})

    nlqf = v.get("nlqf", "").strip()
    if nlqf:
        if re.fullmatch(r"[1-8]", nlqf):
            row.nlqf_level = int(nlqf)
        else:
            problems.append(
                _("het NLQF-niveau '%(value)s' moet 1 tot en met 8 zijn, of leeg.") % {"value": _quote(nlqf)}
            )

    mode = " ".join(v["vorm"].strip().lower().split())
    if mode in _MODES:
        row.mode = _MODES[mode]
    else:
        problems.append(
            _("de vorm '%(value)s' kennen wij niet. Kies op locatie, online of gemengd.")
            % {"value": _quote(mode)}
        )

    row.municipality_text = v.get("gemeente", "").strip()
    if "gemeente" in columns and row.mode == DeliveryMode.ONLINE and row.municipality_text:
        problems.append(_("een online module heeft geen gemeente. Laat 'gemeente' leeg."))

    seen_competencies: set[str] = set()
    for item in _split_list(v.get("competenties", "")):
        code, colon, level = item.rpartition(":")
        code, level = code.strip(), level.strip()
        if not colon or not code:
            problems.append(
                _(
                    "bij competentie '%(value)s' ontbreekt het niveau. Schrijf code:niveau, bijvoorbeeld %(value)s:2."
                )
                % {"value": _quote(item)}
            )
        elif not re.fullmatch(r"[1-4]", level):
            problems.append(
                _("het niveau '%(level)s' bij competentie '%(code)s' moet 1, 2, 3 of 4 zijn.")
                % {"level": _quote(level), "code": _quote(code)}
            )
        elif code in seen_competencies:
            problems.append(_("de competentie '%(code)s' staat er twee keer in.") % {"code": _quote(code)})
        else:
            seen_competencies.add(code)
            row.competencies.append((code, int(level)))

    for code in _split_list(v.get("voorkennis", "")):
        if code == row.code:
            problems.append(_("de module kan niet zichzelf als voorkennis hebben."))
        elif code not in row.prerequisites:
            row.prerequisites.append(code)

    for text in _split_list(v.get("startdata", "")):
        try:
            if not _DATE.match(text):
                raise ValueError(text)
            start = date.fromisoformat(text)
        except ValueError:
            problems.append(
                _("de startdatum '%(value)s' klopt niet. Schrijf JJJJ-MM-DD, bijvoorbeeld 2026-09-01.")
                % {"value": _quote(text)}
            )
            continue
        if start in row.starts:
            problems.append(_("de startdatum %(value)s staat er twee keer in.") % {"value": text})
        else:
            row.starts.append(start)

    language = v.get("taal", "").strip().lower()
    if language:
        if language in _LANGUAGES:
            row.language = _LANGUAGES[language]
        else:
            problems.append(
                _("de taal '%(value)s' kennen wij niet. Kies nl, en, de of fy.") % {"value": _quote(language)}
            )

    status = v.get("status", "").strip().lower()
    if status:
        if status in _STATUSES:
            row.status = _STATUSES[status]
        else:
            problems.append(
                _("de status '%(value)s' kennen wij niet. Kies gepubliceerd of concept.")
                % {"value": _quote(status)}
            )
    return problems


def _rows(text: str) -> tuple[list[str], list[_Row], list[RowError]]:
    header_line = text.lstrip("\ufeff").splitlines()[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(header_line))
    errors: list[RowError] = []
    try:
        columns, header_errors = _header(next(reader))
    except csv.Error:
        return [], [], [_line(1, _("de kopregel kunnen wij niet lezen."))]
    if header_errors:
        return columns, [], header_errors
    rows: list[_Row] = []
    previous_line = reader.line_num
    while True:
        start_line = previous_line + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error:
            errors.append(
                _line(start_line, _("deze regel kunnen wij niet lezen. Kijk of de aanhalingstekens kloppen."))
            )
            break
        previous_line = reader.line_num
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            errors.append(
                RowError(
                    line=None,
                    message=_("Het bestand heeft meer dan %(max)s modules. Verdeel ze over meer bestanden.")
                    % {"max": f"{MAX_ROWS:,}".replace(",", ".")},
                )
            )
            break
        if len(cells) > len(columns):
            errors.append(
                _line(
                    start_line,
                    _(
                        "deze regel heeft %(cells)d velden, de kopregel %(columns)d. Staat er een ; of , in een veld? "
                        "Zet dat veld dan tussen dubbele aanhalingstekens."
                    )
                    % {"cells": len(cells), "columns": len(columns)},
                )
            )
            continue
        cells = cells + [""] * (len(columns) - len(cells))
        rows.append(_Row(line=start_line, values=dict(zip(columns, cells, strict=True))))
    if not rows and not errors:
        errors.append(RowError(line=None, message=_("Het bestand heeft geen modules: alleen een kopregel.")))
    return columns, rows, errors


def _resolve(
    *, rows: list[_Row], columns: set[str], existing: dict[str, Module]
) -> tuple[dict[str, int], list[RowError]]:
    """Check what rows refer to: competencies, municipalities, prerequisites, duplicate codes."""
    errors: list[RowError] = []
    wanted_codes = {code for row in rows for code, _level in row.competencies}
    competency_ids: dict[str, int] = {}
    wanted = sorted(wanted_codes)
    for i in range(0, len(wanted), _BATCH):
        competency_ids.update(
            taxonomy_selectors.competency_list()
            .prefetch_related(None)
            .filter(code__in=wanted[i : i + _BATCH])
            .values_list("code", "pk")
        )
    municipalities: dict[str, Municipality | None] = {}
    first_line_of: dict[str, int] = {}
    file_codes = {row.code for row in rows}
    for row in rows:
        problems: list[str] = []
        if row.code in first_line_of:
            problems.append(
                _("de code '%(code)s' staat ook al op regel %(line)d.")
                % {"code": _quote(row.code), "line": first_line_of[row.code]}
            )
        else:
            first_line_of[row.code] = row.line
        for code, _level in row.competencies:
            if code not in competency_ids:
                problems.append(
                    _("de competentie '%(code)s' kennen wij niet. Kijk de code na in de competentiekaart.")
                    % {"code": _quote(code)}
                )
        for code in row.prerequisites:
            if code not in file_codes and code not in existing:
                problems.append(
                    _("de voorkennis '%(code)s' is geen module van u. Zet die module ook in het bestand.")
                    % {"code": _quote(code)}
                )
        old = existing.get(row.code)
        if row.mode and row.mode != DeliveryMode.ONLINE:
            if "gemeente" in columns:
                text = row.municipality_text
                if not text:
                    problems.append(_("vul de gemeente in: de module is niet alleen online."))
                else:
                    if text not in municipalities:
                        try:
                            municipalities[text] = municipality_resolve(code_or_name=text)
                        except ApplicationError:
                            municipalities[text] = None
                    row.municipality = municipalities[text]
                    if row.municipality is None:
                        problems.append(
                            _(
                                "de gemeente '%(value)s' kennen wij niet in de regio Groningen en Noord-Drenthe."
                            )
                            % {"value": _quote(text)}
                        )
            elif old is not None and old.municipality is not None:
                row.municipality = old.municipality
            else:
                problems.append(
                    _("vul de gemeente in: de module is niet alleen online. Voeg de kolom 'gemeente' toe.")
                )
        errors.extend(_line(row.line, problem) for problem in problems)
    return competency_ids, errors


def _module_values(row: _Row, columns: set[str], old: Module | None) -> dict:
    values = {
        "title": row.title,
        "hours": row.hours,
        "price_cents": row.price_cents,
        "mode": row.mode,
        "municipality_id": row.municipality.pk if row.municipality is not None else None,
    }
    optional = {
        "omschrijving": ("description", row.description),
        "nlqf": ("nlqf_level", row.nlqf_level),
        "taal": ("language", row.language),
        "status": ("status", row.status),
    }
    for column, (name, value) in optional.items():
        if column in columns or old is None:
            values[name] = value
    return values


def _write(
    *,
    provider: Organisation,
    rows: list[_Row],
    columns: set[str],
    existing: dict[str, Module],
    competency_ids: dict[str, int],
) -> ImportResult:
    now = timezone.now()
    changed_codes: set[str] = set()
    to_create: list[Module] = []
    to_update: list[Module] = []
    update_fields: set[str] = set()
    for row in rows:
        old = existing.get(row.code)
        values = _module_values(row, columns, old)
        if old is None:
            to_create.append(Module(provider=provider, code=row.code, **values))
            changed_codes.add(row.code)
            continue
        differs = {name for name, value in values.items() if getattr(old, name) != value}
        if differs:
            for name in differs:
                setattr(old, name, values[name])
            old.updated_at = now
            update_fields |= differs
            to_update.append(old)
            changed_codes.add(row.code)
    Module.objects.bulk_create(to_create, batch_size=_BATCH)
    if to_update:
        Module.objects.bulk_update(to_update, [*sorted(update_fields), "updated_at"], batch_size=_BATCH)

    ids = dict(Module.objects.filter(provider=provider).values_list("code", "pk"))
    row_ids = [ids[row.code] for row in rows]

    def current(model, value_fields: tuple[str, ...]) -> dict[int, set]:
        found: dict[int, set] = {pk: set() for pk in row_ids}
        for i in range(0, len(row_ids), _BATCH):
            for module_id, *rest in model.objects.filter(module_id__in=row_ids[i : i + _BATCH]).values_list(
                "module_id", *value_fields
            ):
                found[module_id].add(tuple(rest) if len(rest) > 1 else rest[0])
        return found

    def replace(model, module_ids: list[int], objects: list) -> None:
        for i in range(0, len(module_ids), _BATCH):
            model.objects.filter(module_id__in=module_ids[i : i + _BATCH]).delete()
        model.objects.bulk_create(objects, batch_size=_BATCH)

    if "competenties" in columns:
        old_links = current(ModuleCompetency, ("competency_id", "level"))
        reset, new_links = [], []
        for row, pk in zip(rows, row_ids, strict=True):
            wanted = {(competency_ids[code], level) for code, level in row.competencies}
            if wanted != old_links[pk]:
                reset.append(pk)
                changed_codes.add(row.code)
                new_links.extend(
                    ModuleCompetency(module_id=pk, competency_id=c, level=lv) for c, lv in wanted
                )
        replace(ModuleCompetency, reset, new_links)

    if "voorkennis" in columns:
        old_required = current(ModulePrerequisite, ("required_id",))
        reset, new_links = [], []
        for row, pk in zip(rows, row_ids, strict=True):
            wanted = {ids[code] for code in row.prerequisites}
            if wanted != old_required[pk]:
                reset.append(pk)
                changed_codes.add(row.code)
                new_links.extend(ModulePrerequisite(module_id=pk, required_id=r) for r in wanted)
        replace(ModulePrerequisite, reset, new_links)

    if "startdata" in columns:
        old_dates = current(ModuleStart, ("start_date",))
        remove: list[tuple[int, set[date]]] = []
        new_starts = []
        for row, pk in zip(rows, row_ids, strict=True):
            wanted = set(row.starts)
            if wanted != old_dates[pk]:
                changed_codes.add(row.code)
                remove.append((pk, old_dates[pk] - wanted))
                new_starts.extend(
                    ModuleStart(module_id=pk, start_date=d) for d in sorted(wanted - old_dates[pk])
                )
        for pk, dates in remove:
            if dates:  # rows for dates that stay keep their end date and seats
                ModuleStart.objects.filter(module_id=pk, start_date__in=dates).delete()
        ModuleStart.objects.bulk_create(new_starts, batch_size=_BATCH)

    updated_pks = {module.pk for module in to_update}
    stale = [existing[c] for c in changed_codes if c in existing and existing[c].pk not in updated_pks]
    for module in stale:  # only its competencies, prerequisites or dates changed
        module.updated_at = now
    Module.objects.bulk_update(stale, ["updated_at"], batch_size=_BATCH)

    cycle = prerequisite_cycle(module_ids=row_ids) if "voorkennis" in columns else None
    if cycle is not None:
        codes_by_id = {pk: code for code, pk in ids.items()}
        lines = {row.code: row.line for row in rows}
        line = next(lines[codes_by_id[pk]] for pk in cycle if codes_by_id.get(pk) in lines)
        chain = " → ".join(codes_by_id.get(pk, str(pk)) for pk in cycle)
        raise ModuleImportError(
            [
                _line(
                    line,
                    _(
                        "de voorkennis maakt een kring: %(chain)s. Een module kan niet (via andere modules) zichzelf als voorkennis hebben."
                    )
                    % {"chain": chain},
                )
            ]
        )
    created = len(to_create)
    updated = len(changed_codes) - created
    return ImportResult(created=created, updated=updated, unchanged=len(rows) - created - updated)


def modules_import_csv(*, provider: Organisation, file: IO[bytes] | IO[str]) -> ImportResult:
    """Read the provider's modules from a CSV file (format: module docstring). All rows or none.

    Raises ``ModuleImportError`` (an ``ApplicationError`` with ``errors``, one per bad line) and
    then stores nothing. A file that is imported twice changes nothing the second time.
    """
    provider_check(provider=provider)
    text = _read_text(file)
    header, rows, errors = _rows(text)
    columns = set(header)
    for row in rows:
        errors.extend(_line(row.line, problem) for problem in _parse_row(row, columns))
    if errors and not rows:
        raise ModuleImportError(errors)
    try:
        with transaction.atomic():
            # One import per provider at a time (PostgreSQL); SQLite locks the whole database anyway.
            type(provider).objects.select_for_update().filter(pk=provider.pk).first()
            existing = {
                module.code: module
                for module in Module.objects.filter(provider=provider).select_related("municipality")
            }
            competency_ids, reference_errors = _resolve(rows=rows, columns=columns, existing=existing)
            errors = sorted([*errors, *reference_errors], key=lambda e: e.line or 0)
            if errors:
                raise ModuleImportError(errors)
            return _write(
                provider=provider,
                rows=rows,
                columns=columns,
                existing=existing,
                competency_ids=competency_ids,
            )
    except IntegrityError as exc:
        raise ModuleImportError(
            [
                RowError(
                    line=None,
                    message=_("Iemand anders veranderde tegelijk dezelfde modules. Probeer het opnieuw."),
                )
            ]
        ) from exc
