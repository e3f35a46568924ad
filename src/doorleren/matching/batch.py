"""Batch matching from a JSON instance (no database): persons and opportunities in, the best matches
with their scores and explanations out, one JSON line per person or opportunity (docs/matching.md).

Used by ``doorleren match --instance FILE`` and, for big files, by the background job
``matching_batch`` (``matching/tasks.py``; ``doorleren match --instance FILE --queue``). A pure function of
the file: running it twice gives the same lines.
"""

from __future__ import annotations

import json
import math

from django.utils.translation import gettext
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.engine.matching import (
    OpportunityFacts,
    OpportunityIndex,
    PersonIndex,
    Preferences,
    explanation_text,
)

MAX_TOP = 100
# A bigger instance belongs in the benchmark, not in one JSON file.
MAX_FILE_BYTES = 200 * 1024 * 1024


def instance_from_text(text: str, *, name: str) -> Instance:
    """The validated instance in ``text`` (the contents of the file ``name``); a Dutch
    ``ApplicationError`` (400) for anything malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ApplicationError(
            _("Het bestand %(file)s is geen geldige JSON (regel %(line)s).")
            % {"file": name, "line": error.lineno}
        ) from None
    except RecursionError:
        raise ApplicationError(_("De JSON in het bestand is te diep genest.")) from None
    except ValueError:  # an integer with more digits than Python converts
        raise ApplicationError(
            _("Het bestand %(file)s is geen geldige JSON: er staat een getal in dat te lang is.")
            % {"file": name}
        ) from None
    return Instance(data)


def _fail(message: str, **values) -> ApplicationError:
    return ApplicationError(message % values, code="match_instance_invalid")


def _finite(value: int | float) -> bool:
    """True for a number that is a finite float; an int too big for a float is not."""
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def _number(value, where: str, field: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not _finite(value) or value < 0:
        raise _fail(_("%(where)s: '%(field)s' moet een getal van 0 of meer zijn."), where=where, field=field)
    return float(value)


def _level(value, where: str, competency: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 4:
        raise _fail(
            _("%(where)s: het niveau van %(competency)s moet 1, 2, 3 of 4 zijn."),
            where=where,
            competency=competency,
        )
    return value


def _location(value, where: str) -> tuple[float, float] | None:
    if value is None:
        return None
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) and _finite(v) for v in value)
        and -90 <= value[0] <= 90
        and -180 <= value[1] <= 180
    )
    if not ok:
        raise _fail(_("%(where)s: 'location' moet [breedtegraad, lengtegraad] zijn."), where=where)
    return float(value[0]), float(value[1])


class Instance:
    """A validated instance: persons and opportunities numbered by id (ties go by id ascending)."""

    def __init__(self, data):
        if not isinstance(data, dict):
            raise _fail(_("Het bestand moet één JSON-object zijn, met 'persons' en 'opportunities'."))
        self.direction = data.get("direction", "person")
        if self.direction not in ("person", "opportunity"):
            raise _fail(_("'direction' moet 'person' of 'opportunity' zijn."))
        self.top = data.get("top", 10)
        if isinstance(self.top, bool) or not isinstance(self.top, int) or not 1 <= self.top <= MAX_TOP:
            raise _fail(_("'top' moet een heel getal van 1 tot en met %(max)s zijn."), max=MAX_TOP)
        labels = data.get("labels", {})
        if not isinstance(labels, dict) or not all(isinstance(v, str) for v in labels.values()):
            raise _fail(_("'labels' moet een object zijn van vaardigheid naar naam."))
        self.labels = labels
        self.codes: dict[str, int] = {}
        self.sectors: dict[str, int] = {}
        persons = self._list(data, "persons")
        opportunities = self._list(data, "opportunities")
        self.persons = [self._person(i, p) for i, p in enumerate(persons)]
        self.opportunities = [self._opportunity(i, o) for i, o in enumerate(opportunities)]
        self._unique(self.persons, "persons")
        self._unique(self.opportunities, "opportunities")
        self.code_names = list(self.codes)

    @staticmethod
    def _list(data: dict, field: str) -> list:
        value = data.get(field)
        if not isinstance(value, list):
            raise _fail(_("'%(field)s' ontbreekt of is geen lijst."), field=field)
        return value

    @staticmethod
    def _unique(items: list[dict], field: str) -> None:
        seen = set()
        for item in items:
            if item["id"] in seen:
                raise _fail(_("%(field)s: het id %(id)s komt twee keer voor."), field=field, id=item["id"])
            seen.add(item["id"])

    def _code(self, competency) -> int:
        return self.codes.setdefault(competency, len(self.codes))

    def _sector(self, sector) -> int:
        return self.sectors.setdefault(sector, len(self.sectors))

    def _id(self, item, where: str) -> str:
        if not isinstance(item, dict):
            raise _fail(_("%(where)s moet een JSON-object zijn."), where=where)
        value = item.get("id")
        if not isinstance(value, str) or not value:
            raise _fail(_("%(where)s: 'id' ontbreekt of is geen tekst."), where=where)
        return value

    def _person(self, i: int, item) -> dict:
        where = f"persons[{i}]"
        pid = self._id(item, where)
        comps = item.get("competencies", {})
        if not isinstance(comps, dict):
            raise _fail(
                _("%(where)s: 'competencies' moet een object zijn met per vaardigheid een niveau."),
                where=where,
            )
        have = {self._code(c): _level(v, where, c) for c, v in comps.items()}
        sectors = item.get("sectors")
        if sectors is not None and (
            not isinstance(sectors, list) or not all(isinstance(s, str) for s in sectors)
        ):
            raise _fail(_("%(where)s: 'sectors' moet een lijst met teksten zijn."), where=where)
        prefs = Preferences(
            location=_location(item.get("location"), where),
            max_km=_number(item.get("max_km"), where, "max_km"),
            hours=_number(item.get("hours"), where, "hours"),
            sectors=frozenset(self._sector(s) for s in sectors) if sectors else None,
        )
        return {"id": pid, "have": have, "prefs": prefs}

    def _opportunity(self, i: int, item) -> dict:
        where = f"opportunities[{i}]"
        oid = self._id(item, where)
        requires = item.get("requires", {})
        if not isinstance(requires, dict):
            raise _fail(
                _("%(where)s: 'requires' moet een object zijn met per vaardigheid een niveau."), where=where
            )
        req = {}
        for comp, spec in requires.items():
            if isinstance(spec, int) and not isinstance(spec, bool):
                spec = {"level": spec}
            if not isinstance(spec, dict):
                raise _fail(
                    _("%(where)s: %(competency)s moet een object zijn met 'level' en 'essential'."),
                    where=where,
                    competency=comp,
                )
            essential = spec.get("essential", False)
            if not isinstance(essential, bool):
                raise _fail(_("%(where)s: 'essential' moet true of false zijn."), where=where)
            req[self._code(comp)] = (_level(spec.get("level"), where, comp), essential)
        sector = item.get("sector")
        if sector is not None and not isinstance(sector, str):
            raise _fail(_("%(where)s: 'sector' moet een tekst zijn."), where=where)
        facts = OpportunityFacts(
            location=_location(item.get("location"), where),
            hours=_number(item.get("hours"), where, "hours"),
            sector=None if sector is None else self._sector(sector),
        )
        return {"id": oid, "requires": req, "facts": facts}

    def _label(self, code: int) -> str:
        name = self.code_names[code]
        return self.labels.get(name, name)

    def _result(self, other: str, other_id: str, score: float, explanation, about: str) -> dict:
        return {
            other: other_id,
            "score": round(score, 6),
            "explanation": explanation.as_dict(code=lambda c: self.code_names[c]),
            "text": explanation_text(explanation, label=self._label, about=about, translate=gettext),
        }

    def lines(self):
        """One result line per person or per opportunity, in the order of the file."""
        n = len(self.codes)
        if self.direction == "person":
            order = sorted(range(len(self.opportunities)), key=lambda j: self.opportunities[j]["id"])
            items = [self.opportunities[j] for j in order]
            index = OpportunityIndex.from_items(
                [o["requires"] for o in items], n, [o["facts"] for o in items]
            )
            for person in self.persons:
                ids, scores = index.top(person["have"], self.top, person["prefs"])
                yield {
                    "person": person["id"],
                    "results": [
                        self._result(
                            "opportunity", items[j]["id"], s, index.explain(person["have"], int(j)), "person"
                        )
                        for j, s in zip(ids, scores, strict=True)
                    ],
                }
        else:
            order = sorted(range(len(self.persons)), key=lambda j: self.persons[j]["id"])
            items = [self.persons[j] for j in order]
            index = PersonIndex.from_items([p["have"] for p in items], n, [p["prefs"] for p in items])
            for opportunity in self.opportunities:
                ids, scores = index.top(opportunity["requires"], self.top, opportunity["facts"])
                yield {
                    "opportunity": opportunity["id"],
                    "results": [
                        self._result(
                            "person",
                            items[j]["id"],
                            s,
                            index.explain(int(j), opportunity["requires"]),
                            "candidate",
                        )
                        for j, s in zip(ids, scores, strict=True)
                    ],
                }
