"""The learning offer: modules (with competencies, prerequisites and starts), certificates, diplomas
and practical learning offers by companies.

Modules come in chains per competency: level 1 → 2 → 3 (→ 4), each level needing the one before.
Every prerequisite has a strictly lower competency level than the module that needs it, so the
prerequisites can never form a cycle. Modules and practical offers are written with
``bulk_create``; the few certificates and diplomas go through the learning services, which check
the stacking rules (all modules of a certificate are of its provider's offer; required
certificates are part of a diploma, minimum between required and listed).

Titles and descriptions are stored content in Dutch, not interface text, so they are plain
strings: the data must not depend on the language that happens to be active.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from doorleren.learning.models import (
    DeliveryMode,
    DiplomaLevel,
    Module,
    ModuleCompetency,
    ModulePrerequisite,
    ModuleStart,
    PracticalLearningOffer,
    PracticalOfferCompetency,
    PracticalOfferKind,
    PublicationStatus,
)
from doorleren.learning.services import certificate_create, diploma_create
from doorleren.organisations.models import Organisation
from doorleren.taxonomy.models import Competency

from ..sources import Weighted, data_file
from .context import DemoContext, OccupationSpec
from .organisations import Organisations

MAX_PRICE_CENTS = 250_000
LEVEL_TITLES = {
    1: ["{label}: de basis", "{label} voor beginners", "{label}: kennismaking"],
    2: ["{label} in de praktijk", "{label}: zelfstandig aan de slag", "{label}: vervolg"],
    3: ["{label} voor gevorderden", "{label}: verdieping", "{label}: gevorderd niveau"],
    4: ["{label}: expert worden", "{label}: anderen begeleiden", "{label}: meesterklas"],
}
LEVEL_OUTCOME = {
    1: "met hulp",
    2: "zelfstandig bij gewone taken",
    3: "zelfstandig, ook bij lastige taken",
    4: "als expert, en u kunt het anderen leren",
}
HOURS = {1: (4, 24), 2: (12, 60), 3: (24, 120), 4: (40, 200)}
RATE_CENTS_PER_HOUR = {"mbo": (400, 1200), "hbo": (900, 1800), "wo": (1000, 2000)}
MODE = Weighted([DeliveryMode.ON_SITE, DeliveryMode.BLENDED, DeliveryMode.ONLINE], [55, 30, 15])
OFFER_KIND = Weighted(
    [PracticalOfferKind.KNOWLEDGE, PracticalOfferKind.STAFF, PracticalOfferKind.MACHINES], [30, 45, 25]
)
# Sectors in which the university offers expert-level modules (energy, data, health, food research).
WO_SECTORS = {"energie-waterstof", "ict-digitalisering", "zorg-welzijn", "agrifood-eiwit"}
MBO_DEFAULT = {"Noorderpoort": 40, "Alfa-college": 35, "Drenthe College": 25}
MBO_AGRIFOOD = {"Terra (Onderwijsgroep Noord)": 60, "Noorderpoort": 20, "Drenthe College": 20}
HBO = "Hanzehogeschool Groningen"
# Anne (see personas.py) wants to learn digital skills and cannot pay: these competencies get
# module chains first, at Noorderpoort's locations in Eemsdelta, free when they are basic skills.
ANNE_NEEDS = ("ict-basis-computer", "digi-werk-apps", "afval-digitaal-volgen")
NEAR_ANNE = ("Noorderpoort", ("Delfzijl", "Appingedam"))
WO = "Rijksuniversiteit Groningen"


def lower_first(label: str) -> str:
    """``Afval sorteren`` → ``afval sorteren``; ``ICT-beheer`` stays as it is."""
    if len(label) > 1 and label[1].islower():
        return label[0].lower() + label[1:]
    return label


@dataclass
class School:
    organisation: Organisation
    level: str
    prefix: str
    towns: list[str]
    next_code: int = 1

    def code(self) -> str:
        value = f"{self.prefix}-{self.next_code:05d}"
        self.next_code += 1
        return value


@dataclass
class _ModulePlan:
    school: School
    competency_id: int
    level: int
    sector_code: str
    requires: list[int] = field(default_factory=list)  # indexes into the plan list
    near_anne: bool = False  # on site in Eemsdelta, free when a basic skill
    extra: dict[int, int] = field(default_factory=dict)  # competency id → level


@dataclass
class Catalogue:
    modules: list[Module]
    plans: list[_ModulePlan]
    by_competency: dict[int, list[Module]]  # modules teaching the competency (main), low level first
    certificates: int = 0
    diplomas: int = 0


def _pool(schools: dict[str, School], weights: dict[str, int]) -> Weighted[str]:
    present = {name: weight for name, weight in weights.items() if name in schools}
    if not present:
        present = {name: 1 for name, school in schools.items() if school.level == "mbo"} or {
            next(iter(schools)): 1
        }
    return Weighted.from_mapping(present)


class CatalogueBuilder:
    def __init__(self, ctx: DemoContext, organisations: Organisations):
        self.ctx = ctx
        self.rng = ctx.rng("catalogue")
        spec = {entry["name"]: entry for entry in data_file("schools")["schools"]}
        self.schools = {
            name: School(
                organisation=org,
                level=spec[name]["level"],
                prefix=spec[name]["code_prefix"],
                towns=list(spec[name]["locations"]),
            )
            for name, org in organisations.schools.items()
        }
        self.mbo_default = _pool(self.schools, MBO_DEFAULT)
        self.mbo_agrifood = _pool(self.schools, MBO_AGRIFOOD)
        self.mbo_basic = _pool(self.schools, {"Noorderpoort": 5, "Alfa-college": 3, "Drenthe College": 3})
        self.organisations = organisations

    # -- modules ---------------------------------------------------------------------------------

    def _competency_order(self) -> list[tuple[int, str]]:
        """Competencies in the order they get module chains: what Anne needs, basic skills, then
        those regional occupations ask most, then the rest; ties broken by the seeded generator."""
        cmap, rng = self.ctx.cmap, self.rng
        asked: dict[int, int] = {}
        for occupation in cmap.occupations:
            for competency_id, _level, _essential in occupation.requirements:
                asked[competency_id] = asked.get(competency_id, 0) + 1
        anne = [c.pk for code in ANNE_NEEDS if (c := cmap.competency_by_code(code)) is not None]
        basic = sorted((c for c in cmap.basic if c not in anne), key=lambda _c: rng.random())
        others = [c for c in cmap.competencies if c not in set(cmap.basic) and c not in anne]
        ranked = sorted(others, key=lambda c: (-asked.get(c, 0), rng.random()))
        order = [(c, (cmap.sectors_of.get(c) or ["basisvaardigheden"])[0]) for c in anne]
        order += [(c, "basisvaardigheden") for c in basic]
        for competency_id in ranked:
            sectors = cmap.sectors_of.get(competency_id) or ["basisvaardigheden"]
            order.append((competency_id, rng.choice(sectors)))
        return order

    def _school_for(self, *, kind: str, sector: str, level: int) -> School:
        rng = self.rng
        if kind == Competency.Kind.BASIC:
            return self.schools[self.mbo_basic.draw(rng)]
        if level == 4:
            if WO in self.schools and sector in WO_SECTORS and rng.random() < 0.3:
                return self.schools[WO]
            if HBO in self.schools:
                return self.schools[HBO]
        pool = self.mbo_agrifood if sector == "agrifood-eiwit" else self.mbo_default
        return self.schools[pool.draw(rng)]

    def plan_modules(self, count: int) -> list[_ModulePlan]:
        cmap, rng = self.ctx.cmap, self.rng
        plans: list[_ModulePlan] = []
        order = self._competency_order()
        basic_first_level: list[int] = []
        round_number = 0
        while len(plans) < count:
            for competency_id, sector in order:
                if len(plans) >= count:
                    break
                kind = cmap.competencies[competency_id].kind
                if kind == Competency.Kind.BASIC:
                    length = rng.choice((2, 2, 3))
                elif kind == Competency.Kind.TRANSVERSAL:
                    length = 2
                else:
                    length = rng.choice((2, 3, 3, 4))
                previous = None
                near_anne = round_number == 0 and cmap.competencies[competency_id].code in ANNE_NEEDS
                if near_anne and NEAR_ANNE[0] in self.schools:
                    mbo_school = self.schools[NEAR_ANNE[0]]
                else:
                    mbo_school = self._school_for(kind=kind, sector=sector, level=1)
                for level in range(1, length + 1):
                    if len(plans) >= count:
                        break
                    school = mbo_school if level < 4 else self._school_for(kind=kind, sector=sector, level=4)
                    plan = _ModulePlan(
                        school=school, competency_id=competency_id, level=level, sector_code=sector
                    )
                    plan.near_anne = (
                        near_anne and school is mbo_school and school.organisation.name == NEAR_ANNE[0]
                    )
                    if previous is not None:
                        plan.requires.append(previous)
                    if kind == Competency.Kind.BASIC and level == 1:
                        basic_first_level.append(len(plans))
                    if (
                        kind != Competency.Kind.BASIC
                        and level >= 2
                        and basic_first_level
                        and rng.random() < 0.15
                    ):
                        plan.requires.append(rng.choice(basic_first_level))
                    self._extra_competency(plan)
                    previous = len(plans)
                    plans.append(plan)
            round_number += 1
            if round_number > 50:  # only with an almost empty competency map
                break
        return plans

    def _extra_competency(self, plan: _ModulePlan) -> None:
        cmap, rng = self.ctx.cmap, self.rng
        if rng.random() >= 0.4:
            return
        candidates = cmap.vocational_by_sector.get(plan.sector_code) or cmap.transversal
        if not candidates:
            return
        other = rng.choice(candidates)
        if other != plan.competency_id:
            plan.extra[other] = max(1, plan.level - 1)

    def _nlqf(self, school: School, kind: str, level: int) -> int:
        rng = self.rng
        if school.level == "wo":
            return 6
        if school.level == "hbo":
            return {1: 5, 2: 5, 3: rng.choice((5, 6)), 4: 6}[level]
        if kind == Competency.Kind.BASIC:
            return {1: 1, 2: 2, 3: 2, 4: 3}[level]
        return {1: rng.choice((1, 2)), 2: rng.choice((2, 3)), 3: rng.choice((3, 4)), 4: 4}[level]

    def _price(self, school: School, kind: str, hours: int) -> int:
        rng = self.rng
        if kind == Competency.Kind.BASIC:
            if rng.random() < 0.85:
                return 0  # basic skills courses are free in the region (paid by municipalities / NPG)
            return min(MAX_PRICE_CENTS, hours * 500)
        if rng.random() < 0.1:
            return 0
        low, high = RATE_CENTS_PER_HOUR.get(school.level, RATE_CENTS_PER_HOUR["mbo"])
        cents = hours * rng.randint(low, high)
        return int(min(MAX_PRICE_CENTS, max(2_500, round(cents / 500) * 500)))

    def build_modules(self, count: int) -> Catalogue:
        ctx, cmap, rng = self.ctx, self.ctx.cmap, self.rng
        plans = self.plan_modules(count)
        modules: list[Module] = []
        for plan in plans:
            competency = cmap.competencies[plan.competency_id]
            label = competency.label
            low, high = HOURS[plan.level]
            hours = rng.randint(low // 4, high // 4) * 4 if low >= 8 else rng.randint(low, high)
            mode = MODE.draw(rng)
            municipality = None
            town = ""
            if plan.near_anne:
                mode = DeliveryMode.ON_SITE if rng.random() < 0.6 else DeliveryMode.BLENDED
            if mode != DeliveryMode.ONLINE:
                towns = [t for t in plan.school.towns if t in NEAR_ANNE[1]] if plan.near_anne else []
                town = rng.choice(towns or plan.school.towns)
                municipality = ctx.region.municipalities[ctx.region.town_to_code[town]]
            title = rng.choice(LEVEL_TITLES[plan.level]).format(label=label)
            description = (
                f"In deze module leert u {lower_first(label)}. Daarna kunt u dit {LEVEL_OUTCOME[plan.level]}."
            )
            description += f" Locatie: {town}." if town else " Helemaal online, in uw eigen tempo."
            modules.append(
                Module(
                    provider=plan.school.organisation,
                    code=plan.school.code(),
                    title=title[:200],
                    description=description,
                    hours=hours,
                    price_cents=0
                    if plan.near_anne and competency.kind == Competency.Kind.BASIC
                    else self._price(plan.school, competency.kind, hours),
                    nlqf_level=self._nlqf(plan.school, competency.kind, plan.level),
                    mode=mode,
                    municipality=municipality,
                    status=PublicationStatus.PUBLISHED
                    if rng.random() < 0.95 or plan.near_anne
                    else PublicationStatus.DRAFT,
                )
            )
        modules = ctx.bulk(Module, modules, count_as="modules")
        links, prerequisites, starts = [], [], []
        by_competency: dict[int, list[Module]] = {}
        for plan, module in zip(plans, modules, strict=True):
            links.append(ModuleCompetency(module=module, competency_id=plan.competency_id, level=plan.level))
            links.extend(
                ModuleCompetency(module=module, competency_id=c, level=lvl) for c, lvl in plan.extra.items()
            )
            prerequisites.extend(
                ModulePrerequisite(module=module, required=modules[index])
                for index in dict.fromkeys(plan.requires)
            )
            starts.extend(self._starts(module))
            by_competency.setdefault(plan.competency_id, []).append(module)
        ctx.bulk(ModuleCompetency, links, count_as="module_competencies")
        ctx.bulk(ModulePrerequisite, prerequisites, count_as="module_prerequisites")
        ctx.bulk(ModuleStart, starts, count_as="module_starts")
        return Catalogue(modules=modules, plans=plans, by_competency=by_competency)

    def _starts(self, module: Module) -> list[ModuleStart]:
        rng, today = self.rng, self.ctx.today
        days = sorted(set(rng.sample(range(7, 366), rng.choice((1, 1, 2, 3)))))
        result = []
        for offset in days:
            start = today + dt.timedelta(days=offset)
            weeks = math.ceil(module.hours / rng.choice((3, 4, 6, 8)))
            seats = (
                None
                if module.mode == DeliveryMode.ONLINE and rng.random() < 0.5
                else rng.choice((8, 10, 12, 15, 16, 20, 24))
            )
            result.append(
                ModuleStart(
                    module=module,
                    start_date=start,
                    end_date=start + dt.timedelta(days=7 * weeks - 1),
                    seats=seats,
                )
            )
        return result

    # -- certificates and diplomas ---------------------------------------------------------------

    def build_certificates(self, catalogue: Catalogue, count: int) -> dict[tuple[int, str], list]:
        """Certificates through ``learning.services.certificate_create``; returns them per (school, sector)."""
        ctx, cmap, rng = self.ctx, self.ctx.cmap, self.rng
        by_school_competency: dict[tuple[int, int], list[tuple[int, Module]]] = {}
        for plan, module in zip(catalogue.plans, catalogue.modules, strict=True):
            by_school_competency.setdefault((plan.school.organisation.pk, plan.competency_id), []).append(
                (plan.level, module)
            )
        candidates: list[tuple[str, Organisation, list[Module], str]] = []
        occupations = sorted(cmap.occupations, key=lambda _o: rng.random())
        for occupation in occupations:
            for school in self.schools.values():
                modules = []
                for competency_id, _level, essential in occupation.requirements:
                    found = by_school_competency.get((school.organisation.pk, competency_id))
                    if essential and found:
                        modules.append(min(found, key=lambda item: item[0])[1])
                if len(modules) >= 2:
                    part = "verdieping" if school.level in ("hbo", "wo") else "vakmanschap"
                    title = f"Certificaat {lower_first(occupation.label)}: {part}"
                    candidates.append((title, school.organisation, modules[:4], occupation.sector_code))
        chains = []
        for (_school_id, competency_id), found in sorted(by_school_competency.items()):
            if len(found) >= 2:
                chain = [module for _level, module in sorted(found, key=lambda item: item[0])][:4]
                label = cmap.competencies[competency_id].label
                sector = (cmap.sectors_of.get(competency_id) or ["basisvaardigheden"])[0]
                chains.append((f"Certificaat {lower_first(label)}", chain[0].provider, chain, sector))
        rng.shuffle(chains)
        # Half from occupations (stacks across competencies), half from chains (one competency deeper).
        chosen = candidates[: max(count // 2, count - len(chains))]
        chosen += chains[: count - len(chosen)]
        groups: dict[tuple[int, str], list] = {}
        for title, provider, modules, sector in chosen:
            certificate = certificate_create(
                provider=provider,
                title=title[:200],
                modules=modules,
                description=f"Dit certificaat krijgt u als u alle {len(modules)} modules hebt gehaald.",
            )
            groups.setdefault((provider.pk, sector), []).append(certificate)
        ctx.counts["certificates"] += len(chosen)
        return groups

    def build_diplomas(self, groups: dict[tuple[int, str], list], count: int) -> None:
        ctx, rng = self.ctx, self.rng
        studies = data_file("educations")["sectors"]
        levels = {school.organisation.pk: school.level for school in self.schools.values()}
        providers = {school.organisation.pk: school.organisation for school in self.schools.values()}
        usable = sorted(
            ((key, certs) for key, certs in groups.items() if len(certs) >= 2 and key[1] in studies),
            key=lambda item: (-len(item[1]), item[0]),
        )
        made = 0
        variants = ["", " (verkort traject)", " (deeltijd)", " (voor werkenden)"]
        round_number = 0
        while made < count and usable and round_number < len(variants) * 4:
            for (provider_id, sector), certificates in usable:
                if made >= count:
                    break
                level = levels[provider_id]
                names = studies[sector].get(level) or studies[sector]["mbo"]
                name = names[(round_number + made) % len(names)]
                listed = certificates if len(certificates) <= 6 else rng.sample(certificates, 6)
                required = listed[: 2 if len(listed) >= 4 else 1]
                minimum = rng.randint(max(len(required), 2), len(listed))
                diploma_create(
                    provider=providers[provider_id],
                    title=f"{name}{variants[round_number % len(variants)]}",
                    level=level if level in DiplomaLevel.values else DiplomaLevel.MBO,
                    certificates=listed,
                    required_certificates=required,
                    min_certificates=None if minimum == len(listed) else minimum,
                    description=f"Diploma op {level}-niveau, opgebouwd uit certificaten.",
                )
                made += 1
            round_number += 1
        ctx.counts["diplomas"] += made

    # -- practical learning at companies ---------------------------------------------------------

    def build_practical_offers(self, count: int) -> None:
        ctx, cmap = self.ctx, self.ctx.cmap
        rng = ctx.rng("practical")
        titles = data_file("employers")["practical_offer_titles"]
        employers = [e for e in self.organisations.employers if cmap.occupations_by_sector.get(e.sector_code)]
        if not employers:
            return
        offers, links = [], []
        chosen = [employers[0]] + [rng.choice(employers) for _index in range(count - 1)] if count else []
        for employer in chosen:
            occupation: OccupationSpec = rng.choice(cmap.occupations_by_sector[employer.sector_code])
            requirement = rng.choice(occupation.requirements)
            kind = OFFER_KIND.draw(rng)
            title = rng.choice(titles[kind]).format(
                occupation=lower_first(occupation.label),
                competency=lower_first(cmap.competencies[requirement[0]].label),
            )
            offers.append(
                PracticalLearningOffer(
                    provider_id=employer.id,
                    kind=kind,
                    title=title[:200],
                    description=f"Bij {employer.name} leert u in de praktijk, met collega's die u helpen.",
                    capacity=rng.randint(1, 6),
                    municipality_id=employer.municipality_id,
                    status=PublicationStatus.PUBLISHED,
                )
            )
            picked = rng.sample(occupation.requirements, min(len(occupation.requirements), rng.randint(1, 3)))
            links.append([(competency_id, min(3, level)) for competency_id, level, _essential in picked])
        offers = ctx.bulk(PracticalLearningOffer, offers, count_as="practical_offers")
        ctx.bulk(
            PracticalOfferCompetency,
            [
                PracticalOfferCompetency(offer=offer, competency_id=competency_id, level=level)
                for offer, pairs in zip(offers, links, strict=True)
                for competency_id, level in dict(pairs).items()
            ],
        )


def catalogue_build(
    ctx: DemoContext,
    organisations: Organisations,
    *,
    modules: int,
    certificates: int,
    diplomas: int,
    practical_offers: int,
) -> Catalogue:
    builder = CatalogueBuilder(ctx, organisations)
    catalogue = builder.build_modules(modules)
    groups = builder.build_certificates(catalogue, certificates)
    builder.build_diplomas(groups, diplomas)
    builder.build_practical_offers(practical_offers)
    return catalogue
