"""Fair allocation, read: a round's public page (rules, period, seed, anonymous ranking) and a
resident's own application with plain Dutch (B1) sentences why they did or did not get money.

The public ranking holds no personal data: position, application number in the round (the lottery input),
points, lottery number and granted yes/no. Names, profile facts and reasons stay with the resident.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorleren.core.db import ID_MAX
from doorleren.core.templatetags.money import format_euro
from doorleren.engine import allocation as engine
from doorleren.region import selectors as region_selectors

from ..models import AllocationRound, AllocationRoundState, BudgetApplication, BudgetApplicationState
from .eligibility import day

if TYPE_CHECKING:
    from doorleren.accounts.models import User

UPCOMING, OPEN, CLOSED, ALLOCATED = "upcoming", "open", "closed", "allocated"


def allocation_round_phase(*, round: AllocationRound, today: dt.date | None = None) -> str:
    """``upcoming`` (before ``opens_on``), ``open`` (applying is possible), ``closed`` (the period
    is over; the seed is public) or ``allocated`` (the money is divided)."""
    today = today or timezone.localdate()
    if round.state == AllocationRoundState.ALLOCATED:
        return ALLOCATED
    if round.state == AllocationRoundState.CLOSED or today > round.closes_on:
        return CLOSED
    if today < round.opens_on:
        return UPCOMING
    return OPEN


def allocation_round_get(*, pk: int) -> AllocationRound | None:
    """The round with this id, or None (also for ids no database can hold)."""
    if isinstance(pk, bool) or not isinstance(pk, int) or not 1 <= pk <= ID_MAX:
        return None
    return AllocationRound.objects.select_related("rule__funder").filter(pk=pk).first()


@dataclass(frozen=True)
class RoundSummary:
    round: AllocationRound
    phase: str
    sentence: str


def _phase_sentence(round: AllocationRound, phase: str) -> str:
    if phase == UPCOMING:
        return _("U kunt aanvragen van %(start)s tot en met %(end)s.") % {
            "start": day(round.opens_on),
            "end": day(round.closes_on),
        }
    if phase == OPEN:
        return _(
            "U kunt nu aanvragen, tot en met %(end)s. Vroeg aanvragen geeft geen voorrang: "
            "het maakt niet uit wanneer u aanvraagt."
        ) % {"end": day(round.closes_on)}
    if phase == CLOSED:
        return _("De aanvraagperiode is voorbij. Het geld wordt binnenkort verdeeld.")
    return _("Het geld is verdeeld op %(date)s.") % {
        "date": day(timezone.localtime(round.allocated_at).date())
    }


def allocation_rounds_public(*, today: dt.date | None = None) -> list[RoundSummary]:
    """Every round, newest period first, with its phase."""
    rounds = AllocationRound.objects.select_related("rule__funder").order_by("-closes_on", "-id")
    summaries = []
    for round_ in rounds:
        phase = allocation_round_phase(round=round_, today=today)
        summaries.append(RoundSummary(round=round_, phase=phase, sentence=_phase_sentence(round_, phase)))
    return summaries


@dataclass(frozen=True)
class CriterionRow:
    code: str
    label: str
    points: int


def _criterion_label(code: str, earthquake_names: str) -> str:
    return {
        "no_start_qualification": lambda: _(
            "U heeft geen startkwalificatie: geen diploma van havo, vwo of mbo niveau 2 of hoger."
        ),
        "job_seeker": lambda: _("U zoekt werk (u bent werkzoekende)."),
        "risk_of_job_loss": lambda: _(
            "U werkt en uw baan is in gevaar. Dit geeft u zelf aan als u aanvraagt."
        ),
        "earthquake_area": lambda: (
            _("U woont in het aardbevingsgebied: %(names)s.") % {"names": earthquake_names}
        ),
    }[code]()


def _earthquake_names(round: AllocationRound) -> str:
    names = sorted(
        region_selectors.municipalities_current()
        .filter(code__in=round.earthquake_area)
        .values_list("name", flat=True)
    )
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def criteria_rows(*, round: AllocationRound) -> list[CriterionRow]:
    """The round's rules: every criterion with its points, in the engine's order."""
    names = _earthquake_names(round)
    return [
        CriterionRow(code=code, label=_criterion_label(code, names), points=int(round.points.get(code, 0)))
        for code in engine.CRITERION_CODES
    ]


@dataclass(frozen=True)
class RoundPublic:
    """What anyone may see of a round. ``seed`` is None until the period is over."""

    round: AllocationRound
    phase: str
    sentence: str
    criteria: tuple[CriterionRow, ...]
    seed: str | None
    applications: int  # submitted or decided, not withdrawn
    ranked: int
    granted: int
    not_ranked: int
    first_not_granted_position: int | None

    @property
    def allocated(self) -> bool:
        return self.phase == ALLOCATED

    @property
    def remaining_cents(self) -> int | None:
        if self.round.available_cents is None or self.round.granted_cents is None:
            return None
        return self.round.available_cents - self.round.granted_cents


def allocation_round_public(*, round: AllocationRound, today: dt.date | None = None) -> RoundPublic:
    phase = allocation_round_phase(round=round, today=today)
    active = round.applications.exclude(state=BudgetApplicationState.WITHDRAWN)
    ranked = active.filter(position__isnull=False)
    first_not = (
        ranked.filter(state=BudgetApplicationState.NOT_GRANTED)
        .order_by("position")
        .values_list("position", flat=True)
        .first()
        if phase == ALLOCATED
        else None
    )
    return RoundPublic(
        round=round,
        phase=phase,
        sentence=_phase_sentence(round, phase),
        criteria=tuple(criteria_rows(round=round)),
        seed=round.seed if phase in (CLOSED, ALLOCATED) else None,
        applications=active.count(),
        ranked=ranked.count() if phase == ALLOCATED else 0,
        granted=active.filter(state=BudgetApplicationState.GRANTED).count(),
        not_ranked=active.filter(position__isnull=True).count() if phase == ALLOCATED else 0,
        first_not_granted_position=first_not,
    )


@dataclass(frozen=True)
class RankingRow:
    position: int
    number: int  # the application number within the round: the lottery input
    points: int
    lottery_number: int
    granted: bool


def allocation_round_ranking(*, round: AllocationRound) -> list[RankingRow]:
    """The anonymous ranking of an allocated round (empty before): no names, no facts, no reasons."""
    if round.state != AllocationRoundState.ALLOCATED:
        return []
    rows = (
        round.applications.filter(position__isnull=False)
        .order_by("position")
        .values_list("position", "number", "points", "lottery_number", "state")
    )
    return [
        RankingRow(
            position=position,
            number=number,
            points=points,
            lottery_number=lottery,
            granted=state == BudgetApplicationState.GRANTED,
        )
        for position, number, points, lottery, state in rows
    ]


# --- The resident's own application


def _met_part(code: str, points: int) -> str:
    return {
        "no_start_qualification": lambda: _("%(points)s omdat u geen startkwalificatie heeft"),
        "job_seeker": lambda: _("%(points)s omdat u werk zoekt"),
        "risk_of_job_loss": lambda: _("%(points)s omdat uw baan in gevaar is"),
        "earthquake_area": lambda: _("%(points)s omdat u in het aardbevingsgebied woont"),
    }[code]() % {"points": points}


def _unknown_sentence(code: str) -> str | None:
    return {
        "no_start_qualification": lambda: _(
            "Wij wisten uw hoogste opleiding niet. Daarom telde die niet mee."
        ),
        "job_seeker": lambda: _("Wij wisten niet of u werk zoekt. Daarom telde dat niet mee."),
        "earthquake_area": lambda: _("Wij wisten niet in welke gemeente u woont. Daarom telde dat niet mee."),
    }.get(code, lambda: None)()


def points_sentences(*, reasons: list[dict], decided: bool) -> list[str]:
    """``U kreeg 3 punten: 2 omdat u geen startkwalificatie heeft, 1 omdat u in het
    aardbevingsgebied woont.`` and a sentence for each fact we did not know."""
    met = [
        (r["params"]["criterion"], int(r["params"]["points"]))
        for r in reasons
        if r["code"] == "criterion_met" and int(r["params"].get("points", 0)) > 0
    ]
    total = sum(points for _code, points in met)
    if met:
        parts = ", ".join(_met_part(code, points) for code, points in met)
        if decided:
            first = ngettext(
                "U kreeg %(total)s punt: %(parts)s.", "U kreeg %(total)s punten: %(parts)s.", total
            )
        else:
            first = ngettext(
                "U krijgt %(total)s punt: %(parts)s.", "U krijgt %(total)s punten: %(parts)s.", total
            )
        sentences = [first % {"total": total, "parts": parts}]
    else:
        sentences = [_("U kreeg geen punten.") if decided else _("U krijgt geen punten.")]
    for reason in reasons:
        if reason["code"] == "criterion_unknown" and int(reason["params"].get("points", 0)) > 0:
            sentence = _unknown_sentence(reason["params"]["criterion"])
            if sentence:
                sentences.append(sentence)
    return sentences


def _decision_sentences(reasons: list[dict], lottery: int | None) -> list[str]:
    sentences = []
    for reason in reasons:
        code, params = reason["code"], reason.get("params", {})
        if code == "lottery_tie":
            others = int(params["others"])
            sentences.append(
                ngettext(
                    "Eén andere aanvrager had evenveel punten als u. Het lot bepaalde wie eerst kwam. "
                    "Uw lotnummer was %(lottery)s.",
                    "%(others)s andere aanvragers hadden evenveel punten als u. Het lot bepaalde de volgorde. "
                    "Uw lotnummer was %(lottery)s.",
                    others,
                )
                % {"others": others, "lottery": lottery}
            )
        elif code == "granted":
            sentences.append(
                _("U stond op plaats %(position)s. Er was genoeg geld. U krijgt %(amount)s.")
                % {"position": params["position"], "amount": format_euro(int(params["amount_cents"]))}
            )
        elif code == "money_ran_out":
            position, first = params["position"], params["first_not_granted_position"]
            if position == first:
                sentences.append(
                    _("Het geld was op bij plaats %(first)s. Dat was uw plaats.") % {"first": first}
                )
            else:
                sentences.append(
                    _("Het geld was op bij plaats %(first)s. U stond op plaats %(position)s.")
                    % {"first": first, "position": position}
                )
            if int(params["left_cents"]) > 0:
                sentences.append(
                    _(
                        "Toen u aan de beurt was, was er nog %(left)s over. Dat was te weinig voor %(requested)s."
                    )
                    % {
                        "left": format_euro(int(params["left_cents"])),
                        "requested": format_euro(int(params["requested_cents"])),
                    }
                )
        elif code == "not_eligible":
            sentences.append(
                _(
                    "Uw aanvraag deed niet mee. Toen wij het geld verdeelden, paste u niet meer bij de regeling."
                )
            )
            sentences.extend(str(detail) for detail in params.get("details", []))
        elif code == "already_granted":
            sentences.append(
                _("Uw aanvraag deed niet mee. U had dit budget al op een andere manier gekregen.")
            )
        elif code == "not_a_resident":
            sentences.append(_("Uw aanvraag deed niet mee. U heeft geen account als inwoner meer."))
    return sentences


@dataclass(frozen=True)
class ApplicationView:
    """A resident's own application, with the sentences why."""

    application: BudgetApplication
    phase: str
    headline: str
    sentences: tuple[str, ...]
    can_withdraw: bool
    can_apply_again: bool

    @property
    def state(self) -> str:
        return self.application.state


def budget_application_for_resident(
    *, round: AllocationRound, resident: User, today: dt.date | None = None
) -> ApplicationView | None:
    """The resident's application in ``round`` with plain sentences, or None when they did not apply."""
    application = (
        BudgetApplication.objects.filter(round=round, resident=resident).select_related("budget").first()
    )
    if application is None:
        return None
    phase = allocation_round_phase(round=round, today=today)
    state = application.state
    sentences: list[str] = []
    if state == BudgetApplicationState.WITHDRAWN:
        headline = _("U heeft uw aanvraag ingetrokken.")
        if phase == OPEN:
            sentences.append(
                _("U kunt opnieuw aanvragen tot en met %(date)s.") % {"date": day(round.closes_on)}
            )
    elif state == BudgetApplicationState.SUBMITTED:
        headline = _("Uw aanvraag is binnen.")
        if phase == OPEN:
            sentences.append(
                _("Na %(date)s verdelen wij het geld. Het maakt niet uit wanneer u aanvroeg.")
                % {"date": day(round.closes_on)}
            )
        else:
            sentences.append(_("De aanvraagperiode is voorbij. Wij verdelen het geld binnenkort."))
        _points, reasons = engine.score(
            application.facts.get("criteria", {}), engine.check_points(round.points)
        )
        sentences.extend(points_sentences(reasons=[r.as_dict() for r in reasons], decided=False))
        if phase == OPEN and any(r.code == "criterion_unknown" and r.params["points"] for r in reasons):
            sentences.append(
                _(
                    "Vul uw profiel aan. Trek daarna uw aanvraag in en vraag opnieuw aan. Dan telt het wel mee."
                )
            )
    else:
        granted = state == BudgetApplicationState.GRANTED
        headline = _("U krijgt het budget.") if granted else _("U krijgt dit budget niet.")
        reasons = list(application.reasons)
        if application.position is not None:
            sentences.extend(points_sentences(reasons=reasons, decided=True))
        sentences.extend(_decision_sentences(reasons, application.lottery_number))
    return ApplicationView(
        application=application,
        phase=phase,
        headline=headline,
        sentences=tuple(sentences),
        can_withdraw=state == BudgetApplicationState.SUBMITTED and phase in (OPEN, CLOSED),
        can_apply_again=state == BudgetApplicationState.WITHDRAWN and phase == OPEN,
    )


def budget_applications_of_resident(*, resident: User) -> QuerySet[BudgetApplication]:
    """Every application of the resident, newest round first."""
    return (
        BudgetApplication.objects.filter(resident=resident)
        .select_related("round__rule__funder")
        .order_by("-round__closes_on", "-id")
    )
