"""Why each learner got their place: codes and parameters per learner, and plain Dutch (B1) sentences.

For a placed learner: which choice they got, and for every assignment they listed higher why it did not
take them. For a learner without a place: that reason for every assignment on their list. In a stable
matching the reason is always one of these:

- ``not_ranked``: the host did not put the learner on its ranking (the pair is not acceptable);
- ``full``: every seat went to learners the host ranked higher; ``cutoff_rank`` is the host's rank of
  the last learner who got a seat, ``rank`` the learner's own (both 1-based);
- with reserved seats (docs/placement.md): ``reserved_full`` / ``reserved_only_full`` (the learner's
  kind has reserved seats, and those and the open seats went to learners ranked higher) or
  ``open_full`` / ``only_reserved`` (the learner's kind has no reserved seats there).

``MESSAGES_NL`` holds one sentence per code, marked with a local ``gettext_noop`` (the engine knows no
Django); ``explanation_text`` formats them, translated by the ``translate`` callable it is given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from doorleren.engine.placement.instance import Placement
from doorleren.engine.placement.solve import PlacementResult


def gettext_noop(text: str) -> str:
    """Marks ``text`` for translation (found by ``makemessages``); the engine itself keeps the Dutch."""
    return text


MESSAGES_NL: dict[str, str] = {
    "first_choice": gettext_noop("U bent geplaatst bij %(assignment)s. Dat was uw eerste keus."),
    "later_choice": gettext_noop(
        "U bent geplaatst bij %(assignment)s. Die stond op nummer %(choice)s op uw lijst. "
        "Bij de opdrachten die u liever wilde, was geen plaats voor u."
    ),
    "unplaced": gettext_noop(
        "U hebt geen plaats gekregen. Bij geen van de opdrachten op uw lijst was plaats voor u."
    ),
    "no_choices": gettext_noop("U hebt geen plaats gekregen, omdat er geen opdrachten op uw lijst stonden."),
    "not_ranked": gettext_noop(
        "%(assignment)s (nummer %(choice)s op uw lijst): de aanbieder heeft u niet op zijn lijst gezet."
    ),
    "full": gettext_noop(
        "%(assignment)s (nummer %(choice)s op uw lijst) is vol. De aanbieder zette u op plaats %(rank)s. "
        "Alle plaatsen gingen naar mensen die hoger stonden. De laatste van hen stond op plaats "
        "%(cutoff_rank)s."
    ),
    "reserved_full": gettext_noop(
        "%(assignment)s (nummer %(choice)s op uw lijst) is vol. De aanbieder zette u op plaats %(rank)s. "
        "De plaatsen voor %(kinds)s gingen naar mensen die hoger stonden (de laatste stond op plaats "
        "%(reserved_cutoff_rank)s). De open plaatsen ook (de laatste stond op plaats %(open_cutoff_rank)s)."
    ),
    "reserved_only_full": gettext_noop(
        "%(assignment)s (nummer %(choice)s op uw lijst) is vol. De aanbieder zette u op plaats %(rank)s. "
        "De plaatsen voor %(kinds)s gingen naar mensen die hoger stonden (de laatste stond op plaats "
        "%(reserved_cutoff_rank)s). Er waren geen open plaatsen."
    ),
    "open_full": gettext_noop(
        "%(assignment)s (nummer %(choice)s op uw lijst) is vol. De aanbieder zette u op plaats %(rank)s. "
        "%(reserved_seats)s plaatsen gingen naar mensen voor wie een plaats werd vastgehouden (%(kinds)s). "
        "De andere plaatsen gingen naar mensen die hoger stonden. De laatste van hen stond op plaats "
        "%(open_cutoff_rank)s."
    ),
    "only_reserved": gettext_noop(
        "%(assignment)s (nummer %(choice)s op uw lijst) is vol. Alle plaatsen gingen naar mensen voor wie "
        "een plaats werd vastgehouden (%(kinds)s)."
    ),
}


def _identity(text: str) -> str:
    return text


def reason_text(reason: dict, translate: Callable[[str], str] = _identity) -> str:
    """One reason (``{"code", "params"}``) as one or more Dutch sentences (or translated ones)."""
    return translate(MESSAGES_NL[reason["code"]]) % reason["params"]


def explanation_text(explanation: dict, translate: Callable[[str], str] = _identity) -> str:
    """The whole explanation of one learner as plain sentences: the outcome, then a reason per choice."""
    parts = [reason_text(explanation, translate)]
    parts += [reason_text(reason, translate) for reason in explanation["reasons"]]
    return " ".join(parts)


class _Seats:
    """Per assignment, how its seats ended up: who holds them, reserve picks and the cut-off ranks."""

    def __init__(self, placement: Placement, result: PlacementResult):
        pairs = result.pairs
        self.placement = placement
        m = placement.n_assignments
        held_pairs = result.pair[result.pair >= 0]
        self.count = np.bincount(pairs.assignment[held_pairs], minlength=m).tolist()
        worst = np.full(m, -1, dtype=np.int64)
        np.maximum.at(worst, pairs.assignment[held_pairs], pairs.rank[held_pairs])
        self.worst = worst.tolist()
        self.capacity = placement.capacity.tolist()
        self.kind = placement.kind.tolist()
        # reserves: per assignment the groups (index in placement.reserves) and how they were filled
        self.groups: dict[int, list[int]] = {}
        for number, reserve in enumerate(placement.reserves):
            self.groups.setdefault(reserve.assignment, []).append(number)
        self.group_of_kind: dict[tuple[int, int], int] = {
            (reserve.assignment, kind): number
            for number, reserve in enumerate(placement.reserves)
            for kind in reserve.kinds
        }
        self.picks: dict[int, list[int]] = {}  # reserve group -> ranks of the learners it picked
        self.open_ranks: dict[int, list[int]] = {}  # assignment -> ranks of learners on open seats
        if placement.reserves:
            kind = placement.kind
            members: dict[int, list[tuple[int, int]]] = {a: [] for a in self.groups}
            for pair in held_pairs.tolist():
                a = int(pairs.assignment[pair])
                if a in members:
                    members[a].append((int(pairs.rank[pair]), int(kind[pairs.learner[pair]])))
            for a, held in members.items():
                held.sort()
                picked: set[int] = set()
                for number in self.groups[a]:
                    reserve = placement.reserves[number]
                    ranks = [rank for rank, k in held if k in reserve.kinds][: reserve.seats]
                    self.picks[number] = ranks
                    picked.update(ranks)
                self.open_ranks[a] = [rank for rank, _k in held if rank not in picked]

    def kinds(self, numbers: Iterable[int]) -> str:
        names = self.placement.kind_names
        return ", ".join(names[k] for number in numbers for k in self.placement.reserves[number].kinds)

    def reason(self, learner: int, a: int, rank: int, params: dict) -> dict:
        """Why assignment ``a`` did not take ``learner`` (ranked ``rank``, 0-based) in this matching."""
        params["rank"] = rank + 1
        if a not in self.groups:
            params["cutoff_rank"] = self.worst[a] + 1
            return {"code": "full", "params": params}
        open_ranks = self.open_ranks[a]
        picked = sum(len(self.picks[number]) for number in self.groups[a])
        group = self.group_of_kind.get((a, self.kind[learner]))
        if group is not None and self.picks[group]:
            params |= {
                "kinds": self.kinds([group]),
                "reserved_seats": self.placement.reserves[group].seats,
                "reserved_cutoff_rank": self.picks[group][-1] + 1,
            }
            if open_ranks:
                return {
                    "code": "reserved_full",
                    "params": {**params, "open_cutoff_rank": max(open_ranks) + 1},
                }
            return {"code": "reserved_only_full", "params": params}
        params["kinds"] = self.kinds(self.groups[a])
        if open_ranks:
            return {
                "code": "open_full",
                "params": {**params, "reserved_seats": picked, "open_cutoff_rank": max(open_ranks) + 1},
            }
        return {
            "code": "only_reserved",
            "params": {
                "assignment": params["assignment"],
                "choice": params["choice"],
                "kinds": params["kinds"],
            },
        }


def explain(
    placement: Placement, result: PlacementResult, learners: Iterable[int] | None = None
) -> dict[int, dict]:
    """Learner index -> ``{"code", "params", "reasons": [{"code", "params"}, ...]}`` (ids in params)."""
    seats = _Seats(placement, result)
    pairs = result.pairs
    names = placement.assignment_ids
    wishes_of = placement.choices.tolist()
    wishes_start = placement.choices_indptr.tolist()
    got_of = result.choice.tolist()
    indptr = pairs.indptr.tolist()
    choice_of_pair = pairs.choice.tolist()
    rank_of_pair = pairs.rank.tolist()
    explanations: dict[int, dict] = {}
    for learner in range(placement.n_learners) if learners is None else learners:
        wishes = wishes_of[wishes_start[learner] : wishes_start[learner + 1]]
        got = got_of[learner]
        if not wishes:
            explanations[learner] = {"code": "no_choices", "params": {}, "reasons": []}
            continue
        if got < 0:
            head = {"code": "unplaced", "params": {"choices": len(wishes)}}
            refused = wishes
        else:
            code = "first_choice" if got == 0 else "later_choice"
            head = {"code": code, "params": {"assignment": names[wishes[got]], "choice": got + 1}}
            refused = wishes[:got]
        rank_at = dict(
            zip(
                choice_of_pair[indptr[learner] : indptr[learner + 1]],
                rank_of_pair[indptr[learner] : indptr[learner + 1]],
                strict=True,
            )
        )
        reasons = []
        for position, a in enumerate(refused):
            params = {"assignment": names[a], "choice": position + 1}
            rank = rank_at.get(position)
            if rank is None:
                reasons.append({"code": "not_ranked", "params": params})
            else:
                reasons.append(seats.reason(learner, a, rank, params))
        head["reasons"] = reasons
        explanations[learner] = head
    return explanations
