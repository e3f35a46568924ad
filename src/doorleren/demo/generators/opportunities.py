"""Vacancies, practical assignments and basic jobs, with the competencies they ask.

What an opportunity asks comes from a regional occupation of the organisation's sector: its
essential competencies at the level the occupation asks (sometimes one lower), and now and then
one of its optional competencies (``essential=False``). Written per batch with ``FastTable`` (see
``bulk.py``); only one batch is in memory. Titles and descriptions are stored Dutch content (plain strings).
"""

from __future__ import annotations

import datetime as dt
import random

from doorleren.opportunities.models import (
    Opportunity,
    OpportunityCompetency,
    OpportunityKind,
    OpportunityStatus,
)

from ..sources import Weighted
from .bulk import FastTable
from .catalogue import lower_first
from .context import DemoContext, OccupationSpec, batched_range
from .organisations import HENK_SECTOR, EmployerSpec, Organisations

# The fields the generator fills, in this order (``FastTable`` rows).
OPPORTUNITY_FIELDS = [
    "kind",
    "organisation_id",
    "title",
    "description",
    "municipality_id",
    "hours_per_week",
    "occupation_id",
    "sector_id",
    "starts_on",
    "ends_on",
    "team_size",
    "status",
]
# Bigger employers post more vacancies.
SIZE_WEIGHT = {"micro": 1, "small": 3, "medium": 8, "large": 20, "": 1}
FULL_TIME = Weighted([40, 38, 36, 32, 24, 20, 16], [20, 15, 25, 18, 10, 7, 5])
STATUS = Weighted([OpportunityStatus.OPEN, OpportunityStatus.CLOSED], [90, 10])
# Sectors where basic jobs (basisbanen) are usually found: simple, useful work.
BASIC_JOB_SECTORS = ("afval-circulair", "zorg-welzijn", "agrifood-eiwit", "logistiek-havens", "bouw")
ASSIGNMENT_TOPICS = [
    "Onderzoek: {competency} bij {organisation}",
    "Verbeterproject {competency}",
    "Praktijkopdracht {competency}",
    "Slimmer werken: {competency}",
]
VACANCY_INTROS = [
    "{organisation} in {town} zoekt een {occupation}.",
    "Wij, {organisation}, zoeken een collega: {occupation}.",
    "Kom werken als {occupation} bij {organisation}.",
]


def _row(**values) -> tuple:
    """An opportunity as a ``FastTable`` row (``OPPORTUNITY_FIELDS`` order; missing ones empty)."""
    return tuple(values.get(name) for name in OPPORTUNITY_FIELDS)


def sentence(text: str) -> str:
    """End ``text`` with one full stop (names like ``Bouw B.V.`` already end with one)."""
    return text if text.endswith(".") else f"{text}."


class OpportunityGenerator:
    def __init__(self, ctx: DemoContext, organisations: Organisations):
        self.ctx = ctx
        cmap = ctx.cmap
        self.employers = [e for e in organisations.employers if cmap.occupations_by_sector.get(e.sector_code)]
        self.employer_weights = Weighted(
            self.employers, [SIZE_WEIGHT.get(e.size_class, 1) for e in self.employers]
        )
        self.by_sector = organisations.employers_by_sector
        self.table = FastTable(Opportunity, OPPORTUNITY_FIELDS, with_pk=True)
        self.requirements = FastTable(
            OpportunityCompetency, ["opportunity", "competency", "level", "essential"]
        )
        self.municipality_names = {m.pk: m.name for m in ctx.region.municipalities.values()}
        public = organisations.public
        self.workshops = [o for o in public.values() if o.is_innovation_workshop]
        self.basic_job_hosts = [
            public[key]
            for key in ("gemeente-groningen", "gemeente-assen", "gemeente-eemsdelta")
            if key in public
        ]
        self.basic_occupations = sorted(
            (o for o in cmap.occupations if o.sector_code in BASIC_JOB_SECTORS),
            key=lambda o: (o.demand_level, o.code),
        )[: max(5, len(cmap.occupations) // 5)] or list(cmap.occupations)

    def _requirements(
        self, rng: random.Random, occupation: OccupationSpec, *, cap: int = 4
    ) -> list[tuple[int, int, bool]]:
        result = {}
        for competency_id, level, essential in occupation.requirements:
            if essential:
                result[competency_id] = (min(cap, max(1, level - (rng.random() < 0.2))), True)
            elif rng.random() < 0.3:
                result[competency_id] = (min(cap, level), False)
        if not result:
            competency_id, level, _essential = occupation.requirements[0]
            result[competency_id] = (min(cap, level), True)
        return [(c, lvl, ess) for c, (lvl, ess) in result.items()]

    def vacancy(self, rng: random.Random) -> tuple[tuple, list]:
        ctx = self.ctx
        employer: EmployerSpec = self.employer_weights.draw(rng)
        occupation = rng.choice(ctx.cmap.occupations_by_sector[employer.sector_code])
        hours = FULL_TIME.draw(rng)
        title = occupation.label if hours >= 32 else f"{occupation.label} (parttime, {hours} uur)"
        town = self.municipality_names[employer.municipality_id]
        intro = sentence(
            rng.choice(VACANCY_INTROS)
            .format(organisation=employer.name, town=town, occupation=lower_first(occupation.label))
            .rstrip(".")
        )
        starts = ctx.today + dt.timedelta(days=rng.randint(7, 120)) if rng.random() < 0.6 else None
        opportunity = _row(
            kind=OpportunityKind.VACANCY,
            organisation_id=employer.id,
            title=title[:200],
            description=f"{intro} U werkt {hours} uur per week.",
            municipality_id=employer.municipality_id,
            hours_per_week=hours,
            occupation_id=occupation.esco_id,
            sector_id=occupation.sector_id,
            starts_on=starts,
            status=STATUS.draw(rng),
        )
        return opportunity, self._requirements(rng, occupation)

    def assignment(self, rng: random.Random) -> tuple[tuple, list]:
        ctx, cmap = self.ctx, self.ctx.cmap
        if self.workshops and rng.random() < 0.3:
            host = rng.choice(self.workshops)
            organisation_id, name, municipality_id = host.pk, host.name, host.municipality_id
            occupation = rng.choice(cmap.occupations)
        else:
            employer = self.employer_weights.draw(rng)
            organisation_id, name, municipality_id = employer.id, employer.name, employer.municipality_id
            occupation = rng.choice(cmap.occupations_by_sector[employer.sector_code])
        requirements = self._requirements(rng, occupation, cap=3)
        vocational = [
            c for c, _level, _essential in requirements if cmap.competencies[c].kind == "vocational"
        ]
        topic = lower_first(
            cmap.competencies[rng.choice(vocational) if vocational else requirements[0][0]].label
        )
        starts = ctx.today + dt.timedelta(days=rng.randint(14, 180))
        opportunity = _row(
            kind=OpportunityKind.PRACTICAL_ASSIGNMENT,
            organisation_id=organisation_id,
            title=rng.choice(ASSIGNMENT_TOPICS).format(competency=topic, organisation=name)[:200],
            description=(
                f"{sentence(f'Een echte opdracht van {name}')} Een team van lerenden (mbo, hbo, wo en werkenden) "
                f"werkt samen aan {topic}."
            ),
            municipality_id=municipality_id,
            hours_per_week=rng.choice((4, 8, 12, 16)),
            occupation_id=occupation.esco_id,
            sector_id=occupation.sector_id,
            starts_on=starts,
            ends_on=starts + dt.timedelta(weeks=rng.randint(6, 20)),
            team_size=rng.randint(3, 8),
            status=OpportunityStatus.OPEN,
        )
        return opportunity, requirements

    def basic_job(self, rng: random.Random) -> tuple[tuple, list]:
        occupation = rng.choice(self.basic_occupations)
        if self.basic_job_hosts and rng.random() < 0.5:
            host = rng.choice(self.basic_job_hosts)
            organisation_id, name, municipality_id = host.pk, host.name, host.municipality_id
        else:
            employer = rng.choice(self.by_sector.get(occupation.sector_code) or self.employers)
            organisation_id, name, municipality_id = employer.id, employer.name, employer.municipality_id
        hours = rng.choice((16, 20, 24, 32))
        opportunity = _row(
            kind=OpportunityKind.BASIC_JOB,
            organisation_id=organisation_id,
            title=f"Basisbaan {lower_first(occupation.label)}"[:200],
            description=(
                f"Een basisbaan bij {name}: nuttig werk met begeleiding, {hours} uur per week. "
                "Voor wie nog niet de stap naar gewoon werk kan maken."
            ),
            municipality_id=municipality_id,
            hours_per_week=hours,
            occupation_id=occupation.esco_id,
            sector_id=occupation.sector_id,
            status=OpportunityStatus.OPEN,
        )
        return opportunity, self._requirements(rng, occupation, cap=2)

    def build(self, *, kind: str, count: int, make, desc: str) -> None:
        ctx = self.ctx
        if not self.employers or count <= 0:
            return
        rng = ctx.rng(f"opportunities:{kind}")
        bar = ctx.bar(total=count, desc=desc)
        for batch in batched_range(count, ctx.batch_size):
            first = self.table.next_id()
            rows, requirements = [], []
            for offset in range(len(batch)):
                opportunity, asked = make(rng)
                rows.append((first + offset, *opportunity))
                requirements.extend((first + offset, c, level, essential) for c, level, essential in asked)
            ctx.counts[kind] += self.table.insert(rows)
            ctx.counts["opportunity_competencies"] += self.requirements.insert(requirements)
            bar.update(len(batch))
        bar.close()


# Henk's vacancy for the work his firm needs in the future (the regional plan's story: waste is
# weighed, recognised and followed by computer). Anne, who gave his firm consent, is a near candidate:
# she sorts waste well, and the offer has modules for the digital part (catalogue.ANNE_NEEDS).
HENK_VACANCY_TITLE = "Medewerker digitale afvalregistratie"
HENK_VACANCY_NEEDS = (
    ("afval-sorteren", 3, True),
    ("afval-wegen-registreren", 2, True),
    ("afval-digitaal-volgen", 2, True),
    ("digi-werk-apps", 2, True),
    ("rekenen-basis", 2, False),
)


def henk_vacancy(ctx: DemoContext, organisations: Organisations):
    """A ``make`` for ``OpportunityGenerator.build``: Henk's vacancy (always the same)."""
    company = organisations.henk_company
    sector = ctx.cmap.sectors.get(HENK_SECTOR)

    def make(_rng: random.Random) -> tuple[tuple, list]:
        asked = []
        for code, level, essential in HENK_VACANCY_NEEDS:
            competency = ctx.cmap.competency_by_code(code)
            if competency is not None:
                asked.append((competency.pk, level, essential))
        opportunity = _row(
            kind=OpportunityKind.VACANCY,
            organisation_id=company.pk,
            title=HENK_VACANCY_TITLE,
            description=(
                f"{company.name} maakt groene stroom van bedrijfsafval. Wij gaan het afval met de computer "
                "wegen, herkennen en volgen. Daarvoor zoeken wij iemand die afval goed kent en het digitale "
                "deel wil leren. U werkt 32 uur per week."
            ),
            municipality_id=company.municipality_id,
            hours_per_week=32,
            sector_id=sector.pk if sector else None,
            starts_on=ctx.today + dt.timedelta(days=90),
            status=OpportunityStatus.OPEN,
        )
        return opportunity, asked

    return make


def opportunities_build(
    ctx: DemoContext, organisations: Organisations, *, vacancies: int, assignments: int, basic_jobs: int
) -> None:
    generator = OpportunityGenerator(ctx, organisations)
    if vacancies > 0:
        make = henk_vacancy(ctx, organisations)
        generator.build(kind="vacancies", count=1, make=make, desc="vacature van Henk")
        vacancies -= 1
    generator.build(kind="vacancies", count=vacancies, make=generator.vacancy, desc="vacatures")
    generator.build(
        kind="practical_assignments", count=assignments, make=generator.assignment, desc="praktijkopdrachten"
    )
    generator.build(kind="basic_jobs", count=basic_jobs, make=generator.basic_job, desc="basisbanen")
