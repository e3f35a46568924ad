"""Regional indicators: seed them, import figures from CBS StatLine and CSV, load the demo figures.

Figures are stored per current municipality (or the whole region) and year (``StatValue``). A
figure reported under an old municipality code (Appingedam GM0003 in 2019) is stored under the
current municipality (Eemsdelta) with ``reported_codes`` naming the codes it came from. When several
old municipalities make one current municipality, their figures are combined as the indicator says
(``StatIndicator.aggregation``): counts are added up; percentages and averages get a weighted mean,
weighted with the weight indicator's figures (e.g. inhabitants aged 15-75) for the same old codes
and year from the same import. A combination is only made when every old municipality of that
year is there; otherwise the figure is skipped with the reason in the result, never guessed.
Details and the CSV format: docs/monitoring-statistics.md.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import IO, Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors

from ..cbs import VALUE_ATTRIBUTE_NONE, CbsClient, year_period
from ..models import MAX_STAT_VALUE, TITLE_MAX, StatAggregation, StatIndicator, StatSource, StatValue
from ..statistics_seed import stat_indicators_apply

REGION = "regio"
MAX_CSV_BYTES = 2 * 1024 * 1024
MAX_CSV_ROWS = 20_000
MAX_ERRORS_LISTED = 20
FIRST_YEAR = 1990
LAST_YEAR = 2100
CSV_COLUMNS = ("indicator", "gemeente", "jaar", "waarde")
DEMO_DETAIL = "Voorbeeldcijfer voor de demo, geen echte meting"
DEMO_FIRST_YEAR = 2019
_PLACES = Decimal("0.0001")

# The figures the regional plan quotes for the labour-market region ("Werken aan ontwikkeling",
# 2020, §1.2, with its footnotes 6-8): (indicator, year, value, source detail).
PLAN_FIGURES: list[tuple[str, int, Decimal, str]] = [
    (
        "banen",
        2019,
        Decimal(339000),
        "Regionaal plan Werken aan ontwikkeling (2020), §1.2; daar uit Regio in Beeld 2019",
    ),
    (
        "zelfstandigen",
        2019,
        Decimal(34500),
        "Regionaal plan Werken aan ontwikkeling (2020), §1.2; daar uit StatLine, zelfstandigen (nov. 2019)",
    ),
    (
        "netto-arbeidsparticipatie",
        2019,
        Decimal("64.8"),
        "Regionaal plan Werken aan ontwikkeling (2020), §1.2; daar uit StatLine, arbeidsdeelname (apr. 2019)",
    ),
]


# --- seed -----------------------------------------------------------------------------------------


def stat_indicators_load() -> dict[str, int]:
    """Create or update the regional indicators (``statistics_seed.py``). Safe to repeat."""
    with transaction.atomic():
        return stat_indicators_apply(get_model=lambda name: apps.get_model("monitoring", name))


def _indicator(indicator: StatIndicator | str) -> StatIndicator:
    if isinstance(indicator, StatIndicator):
        return indicator
    found = StatIndicator.objects.select_related("weight_indicator").filter(code=str(indicator)[:60]).first()
    if found is None:
        raise ApplicationError(
            _("De indicator “%(code)s” kennen wij niet.") % {"code": str(indicator)[:60]},
            code="stat_indicator_unknown",
            status=404,
        )
    return found


# --- the region: current municipalities, old codes, mergers ----------------------------------------


@dataclass
class _Region:
    """What an import needs to know of the region, read once through ``region.selectors``."""

    current: dict[str, Any] = field(default_factory=dict)  # code → current municipality
    current_of: dict[str, Any] = field(default_factory=dict)  # any code → current municipality
    known: dict[str, Any] = field(default_factory=dict)  # any code → municipality (current or old)
    predecessors: dict[str, list] = field(default_factory=dict)  # current code → old municipalities
    continues_until: dict[str, int] = field(default_factory=dict)  # current code → year of its merger
    formed_in: dict[str, int] = field(default_factory=dict)  # current code → year it was formed
    partial_into: dict[str, list[str]] = field(default_factory=dict)  # old code → other successors
    _lookups: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def read(cls) -> _Region:
        region = cls()
        for municipality in region_selectors.municipalities_current():
            code = municipality.code
            region.current[code] = municipality
            region.current_of[code] = municipality
            region.known[code] = municipality
            region.predecessors[code] = region_selectors.municipality_predecessors(municipality=municipality)
            for old in region.predecessors[code]:
                region.current_of[old.code] = municipality
                region.known[old.code] = old
            for merger in region_selectors.municipality_mergers(municipality=municipality):
                year = merger.effective_on.year
                sources = list(merger.source_links.all())
                if any(link.municipality.code == code for link in sources):
                    region.continues_until[code] = max(region.continues_until.get(code, 0), year)
                else:
                    region.formed_in[code] = max(region.formed_in.get(code, 0), year)
                for link in sources:
                    if link.partial:
                        region.partial_into.setdefault(link.municipality.code, []).append(municipality.name)
        return region

    def resolve(self, text: str):
        """The municipality (current or old) for a CBS code or a name; None outside the region."""
        key = " ".join(text.split()).casefold()
        if key in self._lookups:
            return self._lookups[key]
        found = None
        match = re.fullmatch(r"(?:gm)?\s*(\d{1,4})", key)
        if match:
            found = self.known.get(f"GM{int(match.group(1)):04d}")
        else:
            try:
                found = region_selectors.municipality_lookup(code_or_name=text)
            except ApplicationError:
                found = None
            if found is not None and found.code not in self.known:
                found = None
        self._lookups[key] = found
        return found


# --- combining figures -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One figure as reported: ``where`` is the municipality code or name, or ``regio``."""

    indicator: str
    where: str
    year: int
    value: Decimal
    origin: str = ""  # "regel 4" (CSV) or "" (CBS)


@dataclass
class ImportResult:
    source: str
    source_detail: str
    figures: int = 0
    stored: int = 0
    updated: int = 0
    mapped_from_old_codes: list[dict] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def skip(self, figure: Figure | None, reason: str, *, indicator: str = "", where: str = "", year=None):
        self.skipped.append(
            {
                "indicator": figure.indicator if figure else indicator,
                "gemeente": figure.where if figure else where,
                "jaar": figure.year if figure else year,
                "regel": figure.origin if figure else "",
                "reden": reason,
            }
        )

    def as_dict(self) -> dict:
        return {
            "source": self.source,
            "source_detail": self.source_detail,
            "figures": self.figures,
            "stored": self.stored,
            "updated": self.updated,
            "mapped_from_old_codes": self.mapped_from_old_codes,
            "skipped": self.skipped,
            "notes": self.notes,
        }


WeightOf = Callable[[str, int], Decimal | None]


def _codes_text(codes: Iterable[str]) -> str:
    return ", ".join(sorted(codes))


def _names(municipalities: Iterable) -> str:
    return ", ".join(f"{m.name} ({m.code})" for m in sorted(municipalities, key=lambda m: m.code))


def _combine(
    *,
    indicator: StatIndicator,
    current,
    year: int,
    members: list[tuple[Any, Figure]],
    region: _Region,
    weight_of: WeightOf,
    result: ImportResult,
) -> tuple[Decimal, str] | None:
    """One value for ``current`` in ``year`` from figures under old codes (and maybe its own code).

    Returns (value, reported codes), or None after noting in ``result`` why it was skipped."""
    code = current.code
    own = [(m, f) for m, f in members if m.code == code]
    old = [(m, f) for m, f in members if m.code != code]
    gone = [(m, f) for m, f in old if m.dissolved_on is not None and m.dissolved_on.year <= year]
    for municipality, figure in gone:
        result.skip(
            figure,
            _("%(name)s bestond in %(year)d niet meer; dit cijfer hoort bij %(current)s.")
            % {"name": municipality.name, "year": year, "current": current.name},
        )
    old = [(m, f) for m, f in old if (m, f) not in gone]
    if not old:
        return (own[0][1].value, "") if own else None
    if own and region.formed_in.get(code, 0) > year and region.continues_until.get(code, 0) <= year:
        # CBS already gave a figure for the new municipality's area in a year before it was formed.
        result.notes.append(
            _(
                "%(indicator)s, %(current)s %(year)d: het CBS gaf al een cijfer voor de nieuwe gemeente; "
                "de cijfers van de oude gemeenten (%(codes)s) zijn niet gebruikt."
            )
            % {
                "indicator": indicator.name,
                "current": current.name,
                "year": year,
                "codes": _codes_text(m.code for m, _f in old),
            }
        )
        return own[0][1].value, ""
    present = {m.code for m, _f in members}
    expected = {
        m.code
        for m in region.predecessors.get(code, [])
        if m.dissolved_on is not None and m.dissolved_on.year > year
    }
    if region.continues_until.get(code, 0) > year:
        expected.add(code)
    missing = [region.known[c] for c in expected - present]
    first = members[0][1]
    if missing:
        result.skip(
            first,
            _(
                "Voor %(current)s in %(year)d ontbreken de cijfers van %(missing)s. Wij tellen geen deel "
                "van de oude gemeenten op; dit cijfer is niet opgeslagen."
            )
            % {"current": current.name, "year": year, "missing": _names(missing)},
        )
        return None
    values = [(m, f.value) for m, f in members]
    if indicator.aggregation == StatAggregation.WEIGHTED_MEAN:
        weight_name = indicator.weight_indicator.name if indicator.weight_indicator_id else ""
        weights = (
            {m.code: weight_of(m.code, year) for m, _v in values} if indicator.weight_indicator_id else {}
        )
        lacking = [m for m, _v in values if weights.get(m.code) is None]
        if lacking:
            result.skip(
                first,
                _(
                    "Om %(codes)s samen te voegen tot %(current)s (%(year)d) is een gewogen gemiddelde nodig. "
                    "Het gewicht (%(weight)s) ontbreekt in deze import voor %(lacking)s. Wij gokken niet; "
                    "dit cijfer is niet opgeslagen."
                )
                % {
                    "codes": _codes_text(present),
                    "current": current.name,
                    "year": year,
                    "weight": weight_name or _("geen weging ingesteld"),
                    "lacking": _names(lacking),
                },
            )
            return None
        total_weight = sum(weights[m.code] for m, _v in values)
        if total_weight <= 0:
            result.skip(first, _("De gewichten om de oude gemeenten samen te voegen zijn samen 0."))
            return None
        value = sum(v * weights[m.code] for m, v in values) / total_weight
    else:
        value = sum(v for _m, v in values)
    for municipality, _figure in old:
        others = region.partial_into.get(municipality.code)
        if others:
            result.notes.append(
                _(
                    "%(name)s (%(code)s) is maar voor een deel opgegaan in %(current)s; een ander deel ging naar "
                    "%(others)s. Het hele cijfer van %(name)s telt mee bij %(current)s, de gemeente die het "
                    "grootste deel kreeg."
                )
                % {
                    "name": municipality.name,
                    "code": municipality.code,
                    "current": current.name,
                    "others": ", ".join(sorted(set(others))),
                }
            )
    return value, _codes_text(present)


def _store_indicator(
    *,
    indicator: StatIndicator,
    figures: list[Figure],
    region: _Region,
    weight_of: WeightOf,
    result: ImportResult,
    now: dt.datetime,
) -> None:
    groups: dict[tuple[str | None, int], list[tuple[Any, Figure]]] = defaultdict(list)
    for figure in figures:
        if figure.where.strip().casefold() == REGION:
            groups[(None, figure.year)].append((None, figure))
            continue
        municipality = region.resolve(figure.where)
        if municipality is None:
            result.skip(
                figure,
                _("“%(where)s” is geen gemeente in de regio Groningen en Noord-Drenthe.")
                % {"where": figure.where[:60]},
            )
            continue
        current = region.current_of.get(municipality.code)
        if current is None:
            result.skip(
                figure,
                _("Voor %(name)s weten wij niet in welke gemeente zij is opgegaan.")
                % {"name": municipality.name},
            )
            continue
        groups[(current.code, figure.year)].append((municipality, figure))

    for (code, year), members in sorted(groups.items(), key=lambda item: (item[0][0] or "", item[0][1])):
        if code is None:
            value, reported, current = members[0][1].value, "", None
        else:
            current = region.current[code]
            codes = [m.code for m, _f in members]
            if len(set(codes)) != len(codes):
                result.skip(
                    members[0][1],
                    _("Voor %(name)s staat in %(year)d meer dan één cijfer; wij weten niet welk klopt.")
                    % {"name": current.name, "year": year},
                )
                continue
            combined = _combine(
                indicator=indicator,
                current=current,
                year=year,
                members=members,
                region=region,
                weight_of=weight_of,
                result=result,
            )
            if combined is None:
                continue
            value, reported = combined
        value = value.quantize(_PLACES, rounding=ROUND_HALF_UP)
        if abs(value) > MAX_STAT_VALUE:
            result.skip(members[0][1], _("Dit getal is te groot."))
            continue
        _row, created = StatValue.objects.update_or_create(
            indicator=indicator,
            municipality=current,
            year=year,
            defaults={
                "value": value,
                "source": result.source,
                "source_detail": result.source_detail[:TITLE_MAX],
                "reported_codes": reported[:TITLE_MAX],
                "imported_at": now,
            },
        )
        if created:
            result.stored += 1
        else:
            result.updated += 1
        if reported:
            result.mapped_from_old_codes.append(
                {
                    "indicator": indicator.code,
                    "gemeente": current.name,
                    "code": current.code,
                    "jaar": year,
                    "reported_codes": reported,
                    "waarde": str(value),
                }
            )


# --- CBS -------------------------------------------------------------------------------------------


def _years_check(years: Iterable[int] | None) -> list[int] | None:
    if years is None:
        return None
    checked = sorted({int(year) for year in years})
    if not checked or any(not FIRST_YEAR <= year <= LAST_YEAR for year in checked) or len(checked) > 50:
        raise ApplicationError(
            _("Kies jaren van %(first)d tot en met %(last)d, hoogstens 50.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            code="stat_years_invalid",
        )
    return checked


def stat_values_import_cbs(
    *,
    indicator: StatIndicator | str,
    table: str = "",
    measure_code: str = "",
    client: CbsClient | None = None,
    years: Iterable[int] | None = None,
    weight_measure_code: str = "",
    region_dimension: str = "RegioS",
) -> dict:
    """Import one indicator from a CBS StatLine table (OData v4) for the region's municipalities.

    ``table`` and ``measure_code`` default to the indicator's ``cbs_table`` and ``cbs_measure``.
    Only the region's codes (current and old) and ``years`` (default: all) are asked for. For a
    weighted mean over merged municipalities, ``weight_measure_code`` names the topic in the same
    table that gives the weights (e.g. the population 15-75); without it such figures are skipped.
    Re-importing updates the figures. Returns the result (see ``ImportResult.as_dict``).
    """
    indicator = _indicator(indicator)
    table = (table or indicator.cbs_table or "").strip()
    measure_code = (measure_code or indicator.cbs_measure or "").strip()
    if not table or not measure_code:
        raise ApplicationError(
            _("Geef een CBS-tabel en een onderwerp (measure) op; bij deze indicator staan ze niet."),
            code="stat_cbs_table_missing",
        )
    years = _years_check(years)
    region = _Region.read()
    own_client = client is None
    client = client or CbsClient()
    measures = [measure_code] + ([weight_measure_code] if weight_measure_code else [])
    try:
        observations = client.observations(
            table=table,
            measures=measures,
            regions=sorted(region.current_of),
            periods=[year_period(year) for year in years] if years is not None else None,
            region_dimension=region_dimension,
        )
    finally:
        if own_client:
            client.close()
    result = ImportResult(
        source=StatSource.CBS, source_detail=f"CBS StatLine {table}, {measure_code}"[:TITLE_MAX]
    )
    weights: dict[tuple[str, int], Decimal] = {}
    figures: list[Figure] = []
    for row in observations:
        year = row.year
        if row.measure == weight_measure_code and row.measure != measure_code:
            if year is not None and row.value is not None:
                weights[(row.region, year)] = row.value
            continue
        if row.measure != measure_code:
            continue
        result.figures += 1
        if year is None:
            result.skip(
                None,
                _("Dit is geen jaarcijfer (periode %(period)s).") % {"period": row.period},
                indicator=indicator.code,
                where=row.region,
            )
            continue
        if years is not None and year not in years:
            continue
        if row.value is None:
            result.skip(
                None,
                _("Het CBS geeft hier geen waarde (%(reason)s).")
                % {
                    "reason": row.value_attribute
                    if row.value_attribute != VALUE_ATTRIBUTE_NONE
                    else _("leeg")
                },
                indicator=indicator.code,
                where=row.region,
                year=year,
            )
            continue
        if not row.region.upper().startswith("GM"):
            result.skip(
                None,
                _("“%(code)s” is geen gemeente in de regio Groningen en Noord-Drenthe.")
                % {"code": row.region},
                indicator=indicator.code,
                where=row.region,
                year=year,
            )
            continue
        figures.append(Figure(indicator=indicator.code, where=row.region, year=year, value=row.value))
    with transaction.atomic():
        _store_indicator(
            indicator=indicator,
            figures=figures,
            region=region,
            weight_of=lambda code, year: weights.get((code, year)),
            result=result,
            now=timezone.now(),
        )
    output = result.as_dict()
    output["requests"] = client.requests
    return output


# --- CSV -------------------------------------------------------------------------------------------


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


# --- demo ------------------------------------------------------------------------------------------

# Inhabitants aged 15-75 per current municipality, rounded: only to make the demo figures plausible
# in size (they are labelled as examples everywhere).
_DEMO_POPULATION = {
    "GM0014": 190000,
    "GM1952": 46000,
    "GM1979": 34000,
    "GM1966": 36000,
    "GM1895": 28000,
    "GM0765": 9500,
    "GM0037": 23500,
    "GM0047": 20000,
    "GM1950": 19000,
    "GM1969": 47000,
    "GM1699": 24000,
    "GM0106": 50000,
    "GM1680": 18500,
    "GM1730": 25500,
}
# (base value, spread between municipalities, change per year) for the percentages and scores.
_DEMO_RATES = {
    "netto-arbeidsparticipatie": (Decimal("64.8"), Decimal("3.0"), Decimal("0.5")),
    "besteedbaar-inkomen": (Decimal("40.0"), Decimal("4.0"), Decimal("1.2")),
    "uitstroom-naar-werk": (Decimal("78.0"), Decimal("4.0"), Decimal("0.4")),
    "werkloosheid": (Decimal("4.6"), Decimal("1.0"), Decimal("-0.15")),
    "langdurige-werkloosheid": (Decimal("1.6"), Decimal("0.5"), Decimal("-0.05")),
    "sociaal-economische-status": (Decimal("-0.150"), Decimal("0.120"), Decimal("0.005")),
    "middelbaar-hoogopgeleid": (Decimal("70.0"), Decimal("5.0"), Decimal("0.4")),
    "voortijdig-schoolverlaters": (Decimal("2.2"), Decimal("0.5"), Decimal("-0.05")),
    "digitale-vaardigheden": (Decimal("78.0"), Decimal("4.0"), Decimal("0.6")),
    "ervaren-gezondheid": (Decimal("76.0"), Decimal("3.0"), Decimal("-0.2")),
}
# Jobs per inhabitant 15-75 (the city has many more jobs than inhabitants who work there), and the
# share of jobs per sector.
_DEMO_JOB_RATIO = {"GM0014": Decimal("0.98"), "GM0106": Decimal("0.85")}
_DEMO_SECTOR_SHARE = {
    "banen-industrie": Decimal("0.09"),
    "banen-zorg": Decimal("0.21"),
    "banen-handel": Decimal("0.15"),
    "banen-bouw": Decimal("0.05"),
    "banen-onderwijs": Decimal("0.08"),
}


def _demo_raw(code: str, municipality: str, year: int, first_year: int) -> Decimal:
    """A deterministic, plausible example figure (seeded by indicator, municipality and year)."""
    spread_rng = random.Random(f"doorleren-demo:{code}:{municipality}")  # noqa: S311 - demo figures, not security
    year_rng = random.Random(f"doorleren-demo:{code}:{municipality}:{year}")  # noqa: S311
    population = Decimal(_DEMO_POPULATION.get(municipality, 20000))
    step = year - first_year
    growth = Decimal(1) + Decimal("0.004") * step + Decimal(str(round(year_rng.uniform(-0.004, 0.004), 4)))
    if code == "bevolking-15-75":
        return (population * growth).quantize(Decimal(1))
    if code == "huishoudens":
        return (population / Decimal("1.65") * growth).quantize(Decimal(1))
    jobs = population * _DEMO_JOB_RATIO.get(municipality, Decimal("0.48"))
    jobs *= Decimal(str(round(spread_rng.uniform(0.9, 1.1), 3))) * growth
    if code == "banen":
        return jobs.quantize(Decimal(1))
    if code in _DEMO_SECTOR_SHARE:
        share = _DEMO_SECTOR_SHARE[code] * Decimal(str(round(spread_rng.uniform(0.8, 1.2), 3)))
        return (jobs * share).quantize(Decimal(1))
    if code == "zelfstandigen":
        return (
            population * Decimal("0.085") * Decimal(str(round(spread_rng.uniform(0.85, 1.15), 3))) * growth
        ).quantize(Decimal(1))
    base, spread, trend = _DEMO_RATES.get(code, (Decimal(50), Decimal(5), Decimal(0)))
    offset = Decimal(str(round(spread_rng.uniform(-1, 1), 3))) * spread
    noise = Decimal(str(round(year_rng.uniform(-0.3, 0.3), 3))) * abs(trend or Decimal("0.1"))
    return base + offset + trend * step + noise


def stat_values_demo_load(*, today: dt.date) -> dict[str, int]:
    """The plan's region figures (source PLAN) and example figures (source DEMO) for every indicator,
    every current municipality and the years 2019 to last year. Deterministic and safe to repeat;
    never overwrites figures from CBS or a CSV file."""
    indicators = {i.code: i for i in StatIndicator.objects.all()}
    municipalities = list(region_selectors.municipalities_current())
    years = list(range(DEMO_FIRST_YEAR, max(DEMO_FIRST_YEAR, today.year - 1) + 1))
    now = timezone.now()
    counts = {"plan": 0, "demo": 0, "kept": 0}
    with transaction.atomic():
        for code, year, value, detail in PLAN_FIGURES:
            if code not in indicators:
                continue
            StatValue.objects.update_or_create(
                indicator=indicators[code],
                municipality=None,
                year=year,
                defaults={
                    "value": value,
                    "source": StatSource.PLAN,
                    "source_detail": detail,
                    "reported_codes": "",
                    "imported_at": now,
                },
            )
            counts["plan"] += 1
        plan = {code: value for code, year, value, _detail in PLAN_FIGURES if year == DEMO_FIRST_YEAR}
        existing = {
            (row.indicator_id, row.municipality_id, row.year): row.source
            for row in StatValue.objects.filter(municipality__isnull=False, year__in=years)
        }
        for code, indicator in sorted(indicators.items()):
            raw = {
                (m.code, year): _demo_raw(code, m.code, year, DEMO_FIRST_YEAR)
                for m in municipalities
                for year in years
            }
            # Scale counts so that the municipalities add up to the plan's region figure in 2019.
            if code in plan and indicator.aggregation == StatAggregation.SUM and municipalities:
                total = sum(raw[(m.code, DEMO_FIRST_YEAR)] for m in municipalities)
                if total:
                    factor = plan[code] / total
                    raw = {key: (value * factor).quantize(Decimal(1)) for key, value in raw.items()}
            places = Decimal(1).scaleb(-indicator.decimals)
            for municipality in municipalities:
                for year in years:
                    source = existing.get((indicator.pk, municipality.pk, year))
                    if source is not None and source != StatSource.DEMO:
                        counts["kept"] += 1
                        continue
                    StatValue.objects.update_or_create(
                        indicator=indicator,
                        municipality=municipality,
                        year=year,
                        defaults={
                            "value": raw[(municipality.code, year)].quantize(places, rounding=ROUND_HALF_UP),
                            "source": StatSource.DEMO,
                            "source_detail": DEMO_DETAIL,
                            "reported_codes": "",
                            "imported_at": now,
                        },
                    )
                    counts["demo"] += 1
        counts["demo"] += _demo_region_values(indicators=indicators, years=years, now=now)
    return counts


def _demo_region_values(*, indicators: dict[str, StatIndicator], years: list[int], now) -> int:
    """Region figures (source DEMO) made from the municipalities' demo figures: a sum for counts, a
    mean weighted by the weight indicator for shares. Region figures from the plan, CBS or a CSV
    file stay as they are."""
    values: dict[tuple[int, int], dict[int, Decimal]] = {}
    for indicator_id, municipality_id, year, value in StatValue.objects.filter(
        municipality__isnull=False, year__in=years
    ).values_list("indicator_id", "municipality_id", "year", "value"):
        values.setdefault((indicator_id, year), {})[municipality_id] = value
    kept = {
        (indicator_id, year)
        for indicator_id, year in StatValue.objects.filter(municipality__isnull=True, year__in=years)
        .exclude(source=StatSource.DEMO)
        .values_list("indicator_id", "year")
    }
    written = 0
    for indicator in indicators.values():
        places = Decimal(1).scaleb(-indicator.decimals)
        for year in years:
            parts = values.get((indicator.pk, year))
            if not parts or (indicator.pk, year) in kept:
                continue
            if indicator.aggregation == StatAggregation.SUM:
                total = sum(parts.values(), Decimal(0))
            else:
                weights = values.get((indicator.weight_indicator_id, year), {})
                weight = sum((weights.get(m, Decimal(0)) for m in parts), Decimal(0))
                if not weight:
                    continue
                total = sum((v * weights.get(m, Decimal(0)) for m, v in parts.items()), Decimal(0)) / weight
            StatValue.objects.update_or_create(
                indicator=indicator,
                municipality=None,
                year=year,
                defaults={
                    "value": total.quantize(places, rounding=ROUND_HALF_UP),
                    "source": StatSource.DEMO,
                    "source_detail": DEMO_DETAIL,
                    "reported_codes": "",
                    "imported_at": now,
                },
            )
            written += 1
    return written
