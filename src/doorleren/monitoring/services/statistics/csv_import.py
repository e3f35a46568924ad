"""Import figures from a CSV file (columns indicator;gemeente;jaar;waarde), all or nothing
(the format: docs/monitoring-statistics.md)."""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import IO, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError

from ...models import MAX_STAT_VALUE, TITLE_MAX, StatIndicator, StatSource
from .common import FIRST_YEAR, LAST_YEAR, REGION, Figure, ImportResult
from .mergers import _Region, _store_indicator

MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 20_000
MAX_ERRORS_LISTED = 20
CSV_COLUMNS = ("indicator", "gemeente", "jaar", "waarde")


def _read_text(file: IO[str] | IO[bytes] | Any) -> str:
    try:
        raw = file.read(MAX_CSV_BYTES + 1)
    except (OSError, ValueError):
        raise ApplicationError(_("Wij konden het bestand niet lezen."), code="stat_csv_unreadable") from None
    if raw is None:
        raw = b""
    if len(raw) > MAX_CSV_BYTES:
        raise ApplicationError(
            _("Het bestand is te groot. Het mag hoogstens %(mb)d MB zijn.")
            % {"mb": MAX_CSV_BYTES // (1024 * 1024)},
            code="stat_csv_too_large",
        )
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ApplicationError(
                _("Het bestand is geen UTF-8-tekst. Sla het op als ‘CSV UTF-8’ en probeer het opnieuw."),
                code="stat_csv_not_utf8",
            ) from None
    elif isinstance(raw, str):
        text = raw.removeprefix("\ufeff")
    else:
        raise ApplicationError(_("Wij konden het bestand niet lezen."), code="stat_csv_unreadable")
    if "\x00" in text:
        raise ApplicationError(
            _("Het bestand bevat tekens die niet in een CSV-bestand horen. Is het wel een CSV-bestand?"),
            code="stat_csv_binary",
        )
    return text


_NUMBER_PLAIN = re.compile(r"^-?\d{1,18}(?:[.,]\d{1,8})?$")
_NUMBER_GROUPED = re.compile(r"^-?\d{1,3}(?:\.\d{3}){1,5},\d{1,8}$")


def parse_dutch_number(text: str) -> Decimal | None:
    """``64,8`` / ``64.8`` / ``339000`` / ``1.234,5`` → Decimal; None when it is not a number."""
    value = text.strip().replace("\u00a0", "").replace(" ", "")
    if _NUMBER_GROUPED.match(value):
        value = value.replace(".", "")
    elif not _NUMBER_PLAIN.match(value):
        return None
    return Decimal(value.replace(",", "."))


@dataclass(frozen=True)
class _CsvProblem:
    line: int
    column: str
    message: str


def _csv_figures(text: str, *, codes: set[str]) -> list[Figure]:
    """Every figure of the file, or an ``ApplicationError`` naming the lines and columns that are wrong."""
    lines = text.splitlines()
    header_line = next((line for line in lines if line.strip()), "")
    if not header_line:
        raise ApplicationError(_("Het bestand is leeg."), code="stat_csv_empty")
    delimiter = ";" if header_line.count(";") >= header_line.count(",") and ";" in header_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    problems: list[_CsvProblem] = []
    figures: list[Figure] = []
    seen: dict[tuple[str, str, int], int] = {}
    header: list[str] | None = None
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().casefold() for cell in row]
                unknown = [name for name in header if name not in CSV_COLUMNS]
                missing = [name for name in CSV_COLUMNS if name not in header]
                if unknown or missing or len(set(header)) != len(header):
                    raise ApplicationError(
                        _(
                            "Regel %(line)d: de eerste regel noemt de kolommen indicator, gemeente, jaar en "
                            "waarde (gescheiden door ; of ,). Nu staat er: %(found)s."
                        )
                        % {"line": line, "found": delimiter.join(row)[:200]},
                        code="stat_csv_header",
                        extra={"line": line, "column": ""},
                    )
                continue
            if len(figures) + len(problems) >= MAX_CSV_ROWS:
                raise ApplicationError(
                    _("Het bestand heeft meer dan %(rows)d cijfers. Splits het in kleinere bestanden.")
                    % {"rows": MAX_CSV_ROWS},
                    code="stat_csv_too_many_rows",
                )
            if len(row) != len(header):
                problems.append(
                    _CsvProblem(
                        line,
                        "",
                        _("deze regel heeft %(found)d kolommen in plaats van %(expected)d.")
                        % {"found": len(row), "expected": len(header)},
                    )
                )
                continue
            cells = {name: cell.strip() for name, cell in zip(header, row, strict=True)}
            code = cells["indicator"].casefold()
            where = cells["gemeente"]
            row_problems = []
            if code not in codes:
                row_problems.append(
                    _CsvProblem(
                        line,
                        "indicator",
                        _("“%(value)s” kennen wij niet. Gebruik een code zoals netto-arbeidsparticipatie.")
                        % {"value": cells["indicator"][:60]},
                    )
                )
            if not where or len(where) > 100:
                row_problems.append(
                    _CsvProblem(
                        line, "gemeente", _("vul een CBS-code (GM0014), een gemeentenaam of ‘regio’ in.")
                    )
                )
            year = int(cells["jaar"]) if re.fullmatch(r"\d{4}", cells["jaar"]) else None
            if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
                row_problems.append(
                    _CsvProblem(
                        line,
                        "jaar",
                        _("“%(value)s” is geen jaar van %(first)d tot en met %(last)d.")
                        % {"value": cells["jaar"][:20], "first": FIRST_YEAR, "last": LAST_YEAR},
                    )
                )
            value = parse_dutch_number(cells["waarde"])
            if value is None or abs(value) > MAX_STAT_VALUE:
                row_problems.append(
                    _CsvProblem(
                        line,
                        "waarde",
                        _("“%(value)s” is geen getal. Schrijf bijvoorbeeld 64,8 of 339000.")
                        % {"value": cells["waarde"][:30]},
                    )
                )
            if row_problems:
                problems.extend(row_problems)
                continue
            key = (code, " ".join(where.casefold().split()), year)
            if key in seen:
                problems.append(
                    _CsvProblem(
                        line, "", _("dit cijfer staat ook al op regel %(other)d.") % {"other": seen[key]}
                    )
                )
                continue
            seen[key] = line
            figures.append(Figure(indicator=code, where=where, year=year, value=value, origin=str(line)))
    except csv.Error:
        raise ApplicationError(
            _("Regel %(line)d: deze regel kunnen wij niet lezen als CSV (kijk naar de aanhalingstekens).")
            % {"line": reader.line_num},
            code="stat_csv_malformed",
            extra={"line": reader.line_num, "column": ""},
        ) from None
    if header is None:
        raise ApplicationError(_("Het bestand is leeg."), code="stat_csv_empty")
    if problems:
        first = problems[0]
        where = (
            _("Regel %(line)d, kolom ‘%(column)s’") % {"line": first.line, "column": first.column}
            if first.column
            else _("Regel %(line)d") % {"line": first.line}
        )
        message = f"{where}: {first.message}"
        if len(problems) > 1:
            message += " " + _("Er zijn nog %(count)d fouten. Er is niets opgeslagen.") % {
                "count": len(problems) - 1
            }
        else:
            message += " " + _("Er is niets opgeslagen.")
        raise ApplicationError(
            message,
            code="stat_csv_invalid",
            extra={
                "line": first.line,
                "column": first.column,
                "errors": [
                    {"line": p.line, "column": p.column, "message": p.message}
                    for p in problems[:MAX_ERRORS_LISTED]
                ],
            },
        )
    if not figures:
        raise ApplicationError(
            _("Het bestand heeft geen cijfers, alleen een kopregel."), code="stat_csv_no_rows"
        )
    return figures


def stat_values_import_csv(*, file: IO[str] | IO[bytes] | Any, source_detail: str = "") -> dict:
    """Import figures from a CSV file (columns indicator;gemeente;jaar;waarde), all or nothing.

    ``file`` is a text or bytes stream (UTF-8, with or without BOM), ``;`` or ``,`` separated, a
    decimal comma or point. A malformed file raises ``ApplicationError`` naming the first bad line
    and column (``extra["errors"]`` lists them) and stores nothing. Figures for a place outside the
    region, or old codes that cannot be combined, are skipped and listed in the result."""
    text = _read_text(file)
    indicators = {i.code: i for i in StatIndicator.objects.select_related("weight_indicator")}
    figures = _csv_figures(text, codes=set(indicators))
    detail = " ".join((source_detail or _("CSV-bestand")).split())[:TITLE_MAX]
    result = ImportResult(source=StatSource.CSV, source_detail=detail, figures=len(figures))
    region = _Region.read()
    by_indicator: dict[str, list[Figure]] = defaultdict(list)
    values: dict[tuple[str, str, int], Decimal] = {}
    for figure in figures:
        by_indicator[figure.indicator].append(figure)
        municipality = region.resolve(figure.where) if figure.where.casefold() != REGION else None
        if municipality is not None:
            values[(figure.indicator, municipality.code, figure.year)] = figure.value
    now = timezone.now()
    with transaction.atomic():
        for code in sorted(by_indicator, key=lambda c: (indicators[c].position, c)):
            indicator = indicators[code]
            weight_code = indicator.weight_indicator.code if indicator.weight_indicator_id else ""
            _store_indicator(
                indicator=indicator,
                figures=by_indicator[code],
                region=region,
                weight_of=lambda municipality_code, year, w=weight_code: values.get(
                    (w, municipality_code, year)
                ),
                result=result,
                now=now,
            )
    return result.as_dict()
