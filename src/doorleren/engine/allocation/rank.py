"""Fair allocation of scarce money: points for need, a published lottery for ties, no queue.

Pure Python, no Django. See docs/budgets.md, "Schaars geld eerlijk verdelen".

1. Every applicant gets **points**: for each criterion in ``CRITERIA`` that holds for them, the
   points the round's rules give it (``points``; a criterion missing from the rules gives 0).
2. Every applicant gets a **lottery number**: the first 13 hexadecimal characters of
   ``SHA-256(f"{seed}:{application_id}")``, read as a number (0 to 2^52 - 1, exact in any
   language, also in JavaScript and in a spreadsheet). Anyone with the published seed can compute it.
3. The **ranking**: most points first; equal points: lowest lottery number first; (in the
   practically impossible case of equal lottery numbers: lowest application id first).
   Nothing else counts: not the time of applying, not the amount asked, not the order of the input.
4. **Granting**: in ranking order, each applicant gets their whole request when it fits in the
   money still left; otherwise they get nothing (no partial budgets: half a budget pays for no
   course) and the next applicants are still tried, because a smaller request may still fit.
   So money is never exceeded and never more is left unused than no waiting applicant could use.

All amounts are integer cents.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from doorleren.engine.allocation.errors import AllocationError


@dataclass(frozen=True)
class Criterion:
    """A need-based priority rule. ``code`` is stable (stored in rounds and reasons)."""

    code: str
    default_points: int
    meaning: str


# The criteria and their default points (docs/budgets.md explains each one with the regional plan).
CRITERIA: tuple[Criterion, ...] = (
    Criterion(
        "no_start_qualification",
        2,
        "highest education is no start qualification (no havo, vwo or mbo 2 or higher diploma)",
    ),
    Criterion("job_seeker", 2, "the resident is looking for work (job seeker)"),
    Criterion("risk_of_job_loss", 2, "the resident's job is at risk (declared when applying)"),
    Criterion("earthquake_area", 1, "the resident lives in a municipality of the earthquake area"),
)
CRITERION_CODES: tuple[str, ...] = tuple(criterion.code for criterion in CRITERIA)
DEFAULT_POINTS: dict[str, int] = {criterion.code: criterion.default_points for criterion in CRITERIA}
MAX_POINTS = 10  # per criterion
MAX_CENTS = 10**12  # one request or the money of one round: 10 billion euro; more is a typing error
MAX_SEED = 256
LOTTERY_HEX_DIGITS = 13  # 52 bits


def lottery_number(seed: str, application_id: int) -> int:
    """The lottery number of one application: verifiable by anyone who knows the published seed.

    >>> lottery_number("0123456789abcdef", 1)
    930803155062484
    """
    digest = hashlib.sha256(f"{seed}:{application_id}".encode()).hexdigest()
    return int(digest[:LOTTERY_HEX_DIGITS], 16)


@dataclass(frozen=True)
class Applicant:
    """One application: its id (the lottery input), the amount asked and the facts per criterion.

    ``facts``: criterion code → True (holds), False (does not hold) or None (unknown: no points).
    A missing criterion is unknown.
    """

    application_id: int
    requested_cents: int
    facts: Mapping[str, bool | None] = field(default_factory=dict)


@dataclass(frozen=True)
class Reason:
    """Why, as a code with parameters (the caller writes the sentence)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class Decision:
    """The outcome for one applicant. ``position`` 1 is the first in the ranking."""

    application_id: int
    position: int
    points: int
    lottery_number: int
    requested_cents: int
    granted: bool
    granted_cents: int
    tied_with: int  # how many others had the same points (the lottery ordered them)
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class AllocationResult:
    """The whole ranking (``decisions`` in ranking order) and the money."""

    seed: str
    points: Mapping[str, int]
    available_cents: int
    granted_cents: int
    remaining_cents: int
    # The first position that did not get money (the money "ran out" there); None: everyone got money.
    first_not_granted_position: int | None
    decisions: tuple[Decision, ...]

    def by_application(self) -> dict[int, Decision]:
        return {decision.application_id: decision for decision in self.decisions}


def _check_cents(value: object, *, what: str, minimum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not minimum <= value <= MAX_CENTS:
        raise AllocationError("bad_amount", field=what, min=minimum, max=MAX_CENTS)
    return value


def check_points(points: Mapping[str, object]) -> dict[str, int]:
    """The rules of a round: criterion code → points (0 to ``MAX_POINTS``). Missing criteria give 0."""
    if not isinstance(points, Mapping):
        raise AllocationError("unknown_criterion", criterion=repr(points)[:50])
    checked = dict.fromkeys(CRITERION_CODES, 0)
    for code, value in points.items():
        if code not in DEFAULT_POINTS:
            raise AllocationError("unknown_criterion", criterion=str(code)[:50])
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_POINTS:
            raise AllocationError("bad_points", criterion=code, max=MAX_POINTS)
        checked[code] = value
    return checked


def check_seed(seed: object) -> str:
    if not isinstance(seed, str) or not 1 <= len(seed) <= MAX_SEED:
        raise AllocationError("bad_seed", max=MAX_SEED)
    return seed


def _check_applicant(applicant: Applicant) -> None:
    app_id = applicant.application_id
    if isinstance(app_id, bool) or not isinstance(app_id, int) or app_id < 1:
        raise AllocationError("bad_id")
    _check_cents(applicant.requested_cents, what="requested_cents", minimum=1)
    for code, value in applicant.facts.items():
        if code not in DEFAULT_POINTS:
            raise AllocationError("unknown_criterion", criterion=str(code)[:50])
        if value is not None and not isinstance(value, bool):
            raise AllocationError("bad_fact", criterion=code)


def score(facts: Mapping[str, bool | None], points: Mapping[str, int]) -> tuple[int, tuple[Reason, ...]]:
    """Points for ``facts`` under ``points`` (checked), with a reason per criterion, in ``CRITERIA`` order."""
    total, reasons = 0, []
    for code in CRITERION_CODES:
        value = facts.get(code)
        if value is True:
            total += points[code]
            reasons.append(Reason("criterion_met", {"criterion": code, "points": points[code]}))
        elif value is False:
            reasons.append(Reason("criterion_not_met", {"criterion": code, "points": points[code]}))
        else:
            reasons.append(Reason("criterion_unknown", {"criterion": code, "points": points[code]}))
    return total, tuple(reasons)


def allocate(
    *,
    applicants: Iterable[Applicant],
    points: Mapping[str, object],
    available_cents: int,
    seed: str,
) -> AllocationResult:
    """Rank ``applicants`` and grant in that order while the money lasts (see the module docstring)."""
    points = check_points(points)
    seed = check_seed(seed)
    available_cents = _check_cents(available_cents, what="available_cents", minimum=0)
    applicants = list(applicants)
    seen: set[int] = set()
    for applicant in applicants:
        _check_applicant(applicant)
        if applicant.application_id in seen:
            raise AllocationError("duplicate_id", id=applicant.application_id)
        seen.add(applicant.application_id)

    scored = []
    for applicant in applicants:
        total, reasons = score(applicant.facts, points)
        lottery = lottery_number(seed, applicant.application_id)
        scored.append((-total, lottery, applicant.application_id, total, reasons, applicant))
    scored.sort(key=lambda row: row[:3])
    per_points = Counter(row[3] for row in scored)

    left = available_cents
    first_not_granted: int | None = None
    decisions = []
    for position, (_key, lottery, app_id, total, reasons, applicant) in enumerate(scored, start=1):
        requested = applicant.requested_cents
        tied = per_points[total] - 1
        extra = [Reason("lottery_tie", {"others": tied, "points": total})] if tied else []
        if requested <= left:
            left -= requested
            granted = True
            extra.append(Reason("granted", {"position": position, "amount_cents": requested}))
        else:
            granted = False
            if first_not_granted is None:
                first_not_granted = position
            extra.append(
                Reason(
                    "money_ran_out",
                    {
                        "position": position,
                        "first_not_granted_position": first_not_granted,
                        "left_cents": left,
                        "requested_cents": requested,
                    },
                )
            )
        decisions.append(
            Decision(
                application_id=app_id,
                position=position,
                points=total,
                lottery_number=lottery,
                requested_cents=requested,
                granted=granted,
                granted_cents=requested if granted else 0,
                tied_with=tied,
                reasons=(*reasons, *extra),
            )
        )
    return AllocationResult(
        seed=seed,
        points=points,
        available_cents=available_cents,
        granted_cents=available_cents - left,
        remaining_cents=left,
        first_not_granted_position=first_not_granted,
        decisions=tuple(decisions),
    )
