"""Read the effect estimates (``EffectEstimate``) as the programme office sees them: numbers, the
verdict, plain Dutch sentences that explain it and its caveats, and a summary per group of people
(docs/monitoring-evaluation.md, "Zo leest u de cijfers").

Small-cell rule: a count of fewer than ``SMALL_CELL`` persons is never shown ("minder dan 10"), and a
count that would give such a number away by subtraction from a shown total is hidden too. A share
(percentage) is shown only for a group of at least ``SMALL_CELL`` persons.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import formats
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from doorleren.engine.evaluation import (
    AGE_BAND_LABELS,
    HIGH,
    LOW,
    MIDDLE,
    MIN_COMPARISON_PERSONS,
    MIN_MATCHED_PARTICIPANTS,
    MINIMAL_RELEVANT_EFFECT,
    OTHER_AGE,
)
from doorleren.region import selectors as region_selectors

from ..models import EffectEstimate, Measure, TargetGroup, Verdict

# The same small-cell rule as web/start_pages.py and matching/selectors_picture.py.
SMALL_CELL = 10
SHOWN, SMALL, HIDDEN = "shown", "small", "hidden"
# Below this many matched participants the explanation warns that the numbers are small.
FEW_PEOPLE = 200


@dataclass(frozen=True)
class PersonCount:
    """A number of persons as it may be shown: ``shown`` (exact ``value``), ``small`` (fewer than
    ``SMALL_CELL``) or ``hidden`` (it would give a small number away). ``value`` is None unless shown."""

    state: str
    value: int | None = None

    @property
    def shown(self) -> bool:
        return self.state == SHOWN

    @property
    def text(self) -> str:
        if self.state == SHOWN:
            return formats.number_format(self.value, force_grouping=True)
        if self.state == SMALL:
            return _("minder dan %(small_cell)s") % {"small_cell": SMALL_CELL}
        return _("niet getoond")

    def __str__(self) -> str:
        return self.text


def person_count(value: int) -> PersonCount:
    return PersonCount(SMALL) if value < SMALL_CELL else PersonCount(SHOWN, value)


def person_counts(values: list[int], *, total: int) -> list[PersonCount]:
    """Counts that add up to a ``total`` that is (or may become) known: small ones read "minder dan
    10", and while the shown ones leave a rest below ``SMALL_CELL`` (but above 0), the smallest shown
    count is hidden too, so the small ones cannot be found by subtraction."""
    cells = [person_count(value) for value in values]
    while True:
        shown_sum = sum(value for value, cell in zip(values, cells, strict=True) if cell.shown)
        rest = total - shown_sum
        if not 0 < rest < SMALL_CELL:
            return cells
        shown = [i for i, cell in enumerate(cells) if cell.shown]
        if not shown:
            return cells
        smallest = min(shown, key=lambda i: values[i])
        cells[smallest] = PersonCount(HIDDEN)


def _points(fraction: float | None) -> str:
    """A fraction as percentage points with one decimal, Dutch style: 0.083 → "+8,3"."""
    if fraction is None:
        return "–"
    text = formats.number_format(round(fraction * 100, 1), decimal_pos=1)
    return f"+{text}" if fraction > 0 else text


def _percent(fraction: float | None) -> str:
    if fraction is None:
        return "–"
    return formats.number_format(round(fraction * 100, 1), decimal_pos=1) + "%"


@dataclass(frozen=True)
class GroupRow:
    label: str
    participants: PersonCount
    comparison: PersonCount
    participant_rate: str
    comparison_rate: str
    difference: str


@dataclass(frozen=True)
class GroupTable:
    """The estimate's matched people per value of one characteristic (age band, ...)."""

    code: str
    title: str
    rows: list[GroupRow]


@dataclass(frozen=True)
class HorizonSummary:
    horizon_months: int
    matched_participants: PersonCount
    comparison_persons: PersonCount
    effect_text: str
    interval_text: str
    verdict: str
    verdict_label: str


@dataclass(frozen=True)
class EffectSummary:
    """One measure's estimate as the pages show it. Rates and effects are fractions (0.08 = 8
    percentage points); the ``*_text`` fields are ready for the page."""

    measure: Measure
    computed_at: datetime.datetime
    today: str
    horizon_months: int
    verdict: str
    verdict_label: str
    participants: PersonCount  # with complete follow-up
    matched_participants: PersonCount
    unmatched_participants: PersonCount
    waiting_participants: PersonCount  # started too recently to count
    comparison_persons: PersonCount
    participant_rate: float | None
    comparison_rate: float | None
    effect: float | None
    ci_low: float | None
    ci_high: float | None
    participant_rate_text: str
    comparison_rate_text: str
    effect_text: str
    interval_text: str
    explanation: list[str]
    caveats: list[str]
    tables: list[GroupTable] = field(default_factory=list)
    other_horizons: list[HorizonSummary] = field(default_factory=list)


def _interval_text(ci_low: float | None, ci_high: float | None) -> str:
    if ci_low is None or ci_high is None:
        return _("geen schatting")
    return _("tussen %(low)s en %(high)s procentpunt") % {"low": _points(ci_low), "high": _points(ci_high)}


def _verdict_sentence(verdict: str, *, horizon: int, ci_high: float | None) -> str:
    minimal = _points(MINIMAL_RELEVANT_EFFECT)
    if verdict == Verdict.CONTINUE:
        return _("Oordeel: doorgaan. De maatregel helpt: ook de laagste schatting ligt boven nul.")
    if verdict == Verdict.STOP:
        if ci_high is not None and ci_high < 0:
            return _(
                "Oordeel: stoppen. Deelnemers hebben minder vaak werk dan vergelijkbare inwoners: ook de "
                "hoogste schatting ligt onder nul."
            )
        return _(
            "Oordeel: stoppen. De maatregel helpt niet genoeg: ook de hoogste schatting ligt onder "
            "%(minimal)s procentpunt. Zo veel moet een maatregel minstens opleveren."
        ) % {"minimal": minimal}
    if verdict == Verdict.ADJUST:
        return _(
            "Oordeel: aanpassen. We weten nog niet zeker of de maatregel genoeg helpt. Het verschil kan "
            "boven nul liggen, maar ook eronder. Kijk wat beter kan en meet opnieuw."
        )
    return _(
        "Oordeel: te vroeg om te zeggen. Daarvoor zijn minstens %(matched)s deelnemers nodig van wie "
        "%(horizon)s maanden voorbij zijn, en minstens %(comparison)s vergelijkbare inwoners die niet "
        "meededen."
    ) % {"matched": MIN_MATCHED_PARTICIPANTS, "horizon": horizon, "comparison": MIN_COMPARISON_PERSONS}


def _counts(estimate: EffectEstimate) -> dict[str, PersonCount]:
    details = estimate.details or {}
    unmatched = int(details.get("unmatched_participants", 0))
    waiting = int(details.get("participants_waiting", 0))
    matched_cell, unmatched_cell = person_counts(
        [estimate.matched_participants, unmatched], total=estimate.participants
    )
    participants = person_count(estimate.participants)
    if participants.shown and not (matched_cell.shown and unmatched_cell.shown) and unmatched:
        participants = PersonCount(HIDDEN)  # participants − matched would give the unmatched away
    waiting_cell = person_count(waiting)
    if not waiting_cell.shown and waiting and participants.shown:
        waiting_cell = PersonCount(SMALL)
    return {
        "participants": participants,
        "matched": matched_cell if estimate.matched_participants else PersonCount(SMALL),
        "unmatched": unmatched_cell,
        "waiting": waiting_cell,
        "comparison": person_count(estimate.comparison_persons),
    }


def _explanation(estimate: EffectEstimate, counts: dict[str, PersonCount]) -> list[str]:
    horizon = estimate.horizon_months
    sentences = [
        _(
            "We vergeleken %(matched)s deelnemers aan de maatregel met %(comparison)s inwoners die niet "
            "meededen, maar wel op hen lijken: even oud, even hoog opgeleid, uit dezelfde gemeente, in "
            "dezelfde situatie en gestart in hetzelfde kwartaal."
        )
        % {"matched": counts["matched"].text, "comparison": counts["comparison"].text}
    ]
    if estimate.effect is not None and counts["matched"].shown:
        sentences.append(
            _(
                "Van de deelnemers had %(participants)s binnen %(horizon)s maanden werk. Van de "
                "vergelijkbare inwoners was dat %(comparison)s."
            )
            % {
                "participants": _percent(estimate.participant_rate),
                "horizon": horizon,
                "comparison": _percent(estimate.comparison_rate),
            }
        )
        sentences.append(
            _(
                "Het verschil is %(effect)s procentpunt. Het echte verschil ligt waarschijnlijk %(interval)s "
                "(95%%-betrouwbaarheidsinterval)."
            )
            % {
                "effect": _points(estimate.effect),
                "interval": _interval_text(estimate.ci_low, estimate.ci_high),
            }
        )
    sentences.append(_verdict_sentence(estimate.verdict, horizon=horizon, ci_high=estimate.ci_high))
    return sentences


def _caveats(estimate: EffectEstimate, counts: dict[str, PersonCount]) -> list[str]:
    details = estimate.details or {}
    horizon = estimate.horizon_months
    caveats = [
        _(
            "We vergelijken alleen op wat het platform weet: leeftijd, opleiding, gemeente en situatie. "
            "Andere verschillen, zoals gezondheid, netwerk of ervaring, zien we niet."
        ),
        _(
            "Mensen kiezen zelf of zij meedoen. Misschien zijn deelnemers gemotiveerder dan anderen. Dan "
            "lijkt de maatregel beter te werken dan hij doet."
        ),
        _(
            "We tellen alleen werk dat binnen %(horizon)s maanden na de start begon en op het platform "
            "is gemeld. Wat later gebeurt, zien we niet."
        )
        % {"horizon": horizon},
        _("Opleiding en gemeente zijn die van nu, niet die van het moment van de start."),
    ]
    if estimate.matched_participants < FEW_PEOPLE:
        caveats.append(_("Het gaat om weinig mensen. Daardoor is de schatting onzeker."))
    if details.get("unmatched_participants"):
        caveats.append(
            _("%(count)s deelnemers tellen niet mee: er was geen inwoner die niet meedeed en op hen leek.")
            % {"count": counts["unmatched"].text}
        )
    if details.get("participants_waiting"):
        caveats.append(
            _(
                "%(count)s deelnemers zijn te kort geleden begonnen. Zij tellen pas mee als %(horizon)s "
                "maanden voorbij zijn."
            )
            % {"count": counts["waiting"].text, "horizon": horizon}
        )
    overlap = int(details.get("overlap_participants", 0))
    if overlap:
        caveats.append(
            _(
                "%(count)s deelnemers deden in dezelfde tijd ook mee aan een andere maatregel. Een deel "
                "van het verschil kan door die andere maatregel komen."
            )
            % {"count": person_count(overlap).text}
        )
    if (
        estimate.verdict == Verdict.CONTINUE
        and estimate.effect is not None
        and estimate.effect < MINIMAL_RELEVANT_EFFECT
    ):
        caveats.append(
            _("Het verschil is wel klein: minder dan %(minimal)s procentpunt.")
            % {"minimal": _points(MINIMAL_RELEVANT_EFFECT)}
        )
    return [capfirst(caveat) for caveat in caveats]


def _group_label(code: str, value, municipalities: dict[int, str]) -> str:
    if code == "age_band":
        if value == 0:
            return _("Geboortejaar onbekend")
        if value == OTHER_AGE:
            return _("Jonger dan 15 of ouder dan 67")
        return _("%(band)s jaar") % {"band": AGE_BAND_LABELS[value]}
    if code == "education":
        return {
            0: _("Opleiding onbekend"),
            LOW: _("Laag opgeleid"),
            MIDDLE: _("Middelbaar opgeleid"),
            HIGH: _("Hoog opgeleid"),
        }[value]
    if code == "municipality":
        return municipalities.get(value, _("Gemeente onbekend")) if value else _("Gemeente onbekend")
    if code == "prior_status":
        return str(TargetGroup(value).label) if value in TargetGroup.values else _("Situatie onbekend")
    if code == "cohort":
        start = datetime.date.fromisoformat(value)
        return _("%(year)s, kwartaal %(quarter)s") % {
            "year": start.year,
            "quarter": (start.month - 1) // 3 + 1,
        }
    return str(value)


def _table_titles() -> dict[str, str]:
    return {
        "age_band": _("Per leeftijd"),
        "education": _("Per opleiding"),
        "municipality": _("Per gemeente"),
        "prior_status": _("Per situatie bij de start"),
        "cohort": _("Per kwartaal van de start"),
    }


def _tables(estimate: EffectEstimate, municipalities: dict[int, str]) -> list[GroupTable]:
    details = estimate.details or {}
    by = details.get("by") or {}
    titles = _table_titles()
    comparison_total = int(details.get("comparison_rows", 0))
    tables = []
    for code in ("age_band", "education", "prior_status", "municipality", "cohort"):
        rows = by.get(code) or []
        if not rows:
            continue
        participants = person_counts([r["participants"] for r in rows], total=estimate.matched_participants)
        comparison = person_counts([r["comparison"] for r in rows], total=comparison_total)
        table_rows = []
        for row, p_cell, c_cell in zip(rows, participants, comparison, strict=True):
            rates_shown = p_cell.shown
            table_rows.append(
                GroupRow(
                    label=_group_label(code, row["value"], municipalities),
                    participants=p_cell,
                    comparison=c_cell,
                    participant_rate=_percent(row["participant_rate"]) if rates_shown else "–",
                    comparison_rate=_percent(row["comparison_rate"]) if rates_shown and c_cell.shown else "–",
                    difference=_points(row["participant_rate"] - row["comparison_rate"])
                    if rates_shown and c_cell.shown
                    else "–",
                )
            )
        tables.append(GroupTable(code=code, title=titles[code], rows=table_rows))
    return tables


def _municipality_names(estimates) -> dict[int, str]:
    wanted = set()
    for estimate in estimates:
        for row in (estimate.details or {}).get("by", {}).get("municipality", []):
            if row["value"]:
                wanted.add(row["value"])
    if not wanted:
        return {}
    return {m.pk: m.name for m in region_selectors.municipalities_all().filter(pk__in=wanted)}


def _summary(estimate: EffectEstimate, municipalities: dict[int, str], *, tables: bool) -> EffectSummary:
    counts = _counts(estimate)
    details = estimate.details or {}
    rates_shown = counts["matched"].shown
    others = [
        HorizonSummary(
            horizon_months=other["horizon_months"],
            matched_participants=person_count(other["matched_participants"]),
            comparison_persons=person_count(other["comparison_persons"]),
            effect_text=_points(other["effect"]) if other["matched_participants"] >= SMALL_CELL else "–",
            interval_text=_interval_text(other["ci_low"], other["ci_high"])
            if other["matched_participants"] >= SMALL_CELL
            else _("geen schatting"),
            verdict=other["verdict"],
            verdict_label=str(Verdict(other["verdict"]).label),
        )
        for other in details.get("other_horizons", [])
    ]
    return EffectSummary(
        measure=estimate.measure,
        computed_at=estimate.computed_at,
        today=details.get("today", ""),
        horizon_months=estimate.horizon_months,
        verdict=estimate.verdict,
        verdict_label=str(Verdict(estimate.verdict).label),
        participants=counts["participants"],
        matched_participants=counts["matched"],
        unmatched_participants=counts["unmatched"],
        waiting_participants=counts["waiting"],
        comparison_persons=counts["comparison"],
        participant_rate=estimate.participant_rate,
        comparison_rate=estimate.comparison_rate,
        effect=estimate.effect,
        ci_low=estimate.ci_low,
        ci_high=estimate.ci_high,
        participant_rate_text=_percent(estimate.participant_rate) if rates_shown else "–",
        comparison_rate_text=_percent(estimate.comparison_rate) if rates_shown else "–",
        effect_text=_points(estimate.effect) if rates_shown else "–",
        interval_text=_interval_text(estimate.ci_low, estimate.ci_high)
        if rates_shown
        else _("geen schatting"),
        explanation=_explanation(estimate, counts),
        caveats=_caveats(estimate, counts),
        tables=_tables(estimate, municipalities) if tables else [],
        other_horizons=others,
    )


def measure_get(*, pk: int) -> Measure | None:
    """The measure with this id, or None."""
    return Measure.objects.filter(pk=pk).first()


def effect_for_measure(*, measure: Measure) -> EffectSummary | None:
    """The latest estimate of ``measure`` with its explanation, or None when there is none (no
    participants, or ``doorleren monitoring refresh`` has not run)."""
    estimate = EffectEstimate.objects.select_related("measure").filter(measure=measure).first()
    if estimate is None:
        return None
    return _summary(estimate, _municipality_names([estimate]), tables=True)


def effects_overview() -> list[EffectSummary]:
    """The estimates of all measures, in the measures' order, without the tables per group."""
    estimates = list(
        EffectEstimate.objects.select_related("measure", "measure__programme_line").order_by(
            "measure__programme_line__number", "measure__code"
        )
    )
    return [_summary(estimate, {}, tables=False) for estimate in estimates]
