"""Organisations: the region's schools and public bodies (named, through the organisations
service) and generated employers (volume, with ``bulk_create``).

Names and descriptions are stored content in Dutch (plain strings, not translated).
KvK numbers of demo employers are 8 digits in the demo range 99000000-99999999 (see docs/demo.md);
BRIN codes of the schools are demo codes 99D0-99D9 (see ``data/schools.yaml``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from doorleren.organisations.models import Organisation, OrganisationKind, SizeClass
from doorleren.organisations.services import organisation_create

from ..sources import Weighted, data_file
from .context import DemoContext

KVK_DEMO_PREFIX = "99"
HENK_KVK = "99000001"
HENK_COMPANY = "Wierde Afval & Energie B.V."
HENK_SECTOR = "afval-circulair"
EEMSDELTA = "GM1979"
DEMO_NOTE = "Demo-organisatie: bestaat niet echt."


@dataclass(frozen=True)
class EmployerSpec:
    """What the rest of the generator needs to know about an employer (kept in memory)."""

    id: int
    name: str
    sector_code: str
    municipality_id: int
    size_class: str


@dataclass
class Organisations:
    schools: dict[str, Organisation]  # by name
    public: dict[str, Organisation]  # government, funders, cooperatives by key
    employers: list[EmployerSpec]
    employers_by_sector: dict[str, list[EmployerSpec]]
    henk_company: Organisation


def _public_organisations(ctx: DemoContext) -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    spec = data_file("schools")
    municipalities = ctx.region.municipalities
    schools = {}
    for school in spec["schools"]:
        schools[school["name"]] = organisation_create(
            kind=OrganisationKind.SCHOOL,
            name=school["name"],
            brin_code=school["brin_code"],
            school_level=school["level"],
            municipality=municipalities[school["municipality"]],
            website=school.get("website", ""),
            description=school.get("description", ""),
        )
    public = {}
    for kind, key in (
        (OrganisationKind.GOVERNMENT, "government"),
        (OrganisationKind.FUNDER, "funders"),
        (OrganisationKind.COOPERATIVE, "cooperatives"),
    ):
        for entry in spec[key]:
            public[entry["key"]] = organisation_create(
                kind=kind,
                name=entry["name"],
                municipality=municipalities[entry["municipality"]],
                website=entry.get("website", ""),
                description=entry.get("description", ""),
                is_innovation_workshop=entry.get("workshop", False),
            )
    ctx.counts["schools"] += len(schools)
    for organisation in public.values():
        ctx.counts[organisation.kind] += 1
    ctx.organisation_ids.extend(o.pk for o in [*schools.values(), *public.values()])
    return schools, public


def _henk_company(ctx: DemoContext) -> Organisation:
    """The small waste processor in Loppersum (now Eemsdelta) from the regional plan; a cooperative member."""
    company = organisation_create(
        kind=OrganisationKind.EMPLOYER,
        name=HENK_COMPANY,
        kvk_number=HENK_KVK,
        municipality=ctx.region.municipalities[EEMSDELTA],
        sector_code=HENK_SECTOR,
        size_class=SizeClass.MICRO,
        description=(
            "Kleinschalige afvalverwerker in Loppersum. Maakt groene stroom uit bedrijfsafval. "
            f"Lid van de gebiedscoöperatie. {DEMO_NOTE}"
        ),
        joined_cooperative_at=ctx.today - dt.timedelta(days=2 * 365),
    )
    ctx.organisation_ids.append(company.pk)
    return company


def _capitalised(surname: str) -> str:
    """``van der Veen`` → ``Van der Veen``, as at the start of a company name."""
    return surname[:1].upper() + surname[1:]


def _name_maker(ctx: DemoContext):
    spec = data_file("employers")
    surnames = data_file("names")["surnames"]
    patterns = spec["patterns"]
    legal = Weighted.from_mapping(spec["legal_forms"])
    areas = spec["areas"]
    regions = spec["regions"]
    used: set[str] = {HENK_COMPANY}

    def make(rng, sector_code: str, town: str) -> str:
        sector = spec["sectors"].get(sector_code, {})
        cores = sector.get("cores") or [ctx.cmap.sectors[sector_code].label]
        brands = sector.get("brands") or cores
        for _attempt in range(20):
            pattern = rng.choice(patterns)
            name = pattern.format(
                surname=_capitalised(rng.choice(surnames)),
                core=rng.choice(cores),
                area=rng.choice(areas),
                region=rng.choice(regions),
                town=town,
                brand=rng.choice(brands),
            )
            form = legal.draw(rng)
            name = f"{name} {form}".strip()
            if name not in used:
                used.add(name)
                return name
        name = f"{rng.choice(brands)} {town} {len(used) + 1}"
        used.add(name)
        return name

    return make


def organisations_build(ctx: DemoContext, *, employers: int) -> Organisations:
    schools, public = _public_organisations(ctx)
    henk_company = _henk_company(ctx)
    rng = ctx.rng("employers")
    spec = data_file("employers")["sectors"]
    sizes = {
        code: Weighted.from_mapping(
            spec.get(code, {}).get("size", {"micro": 50, "small": 35, "medium": 12, "large": 3})
        )
        for code in ctx.cmap.sectors
    }
    make_name = _name_maker(ctx)
    numbers = rng.sample(range(2, 1_000_000), max(0, employers - 1))
    sector_weights = ctx.cmap.employer_sector_weights
    joined_days = Weighted([None, 1], [85, 15])
    specs = [
        EmployerSpec(
            henk_company.pk, henk_company.name, HENK_SECTOR, henk_company.municipality_id, SizeClass.MICRO
        )
    ]
    bar = ctx.bar(total=employers, desc="werkgevers")
    bar.update(1)
    for start in range(0, len(numbers), ctx.batch_size):
        batch = []
        for number in numbers[start : start + ctx.batch_size]:
            sector_code = sector_weights.draw(rng)
            municipality, town = ctx.region.draw(rng)
            joined = None
            if joined_days.draw(rng):
                joined = ctx.today - dt.timedelta(days=rng.randint(30, 4 * 365))
            batch.append(
                Organisation(
                    kind=OrganisationKind.EMPLOYER,
                    name=make_name(rng, sector_code, town),
                    kvk_number=f"{KVK_DEMO_PREFIX}{number:06d}",
                    municipality=municipality,
                    sector_code=sector_code,
                    size_class=sizes[sector_code].draw(rng),
                    description=f"Bedrijf in {town}. {DEMO_NOTE}",
                    joined_cooperative_at=joined,
                )
            )
        created = ctx.bulk(Organisation, batch)
        ctx.organisation_ids.extend(o.pk for o in created)
        specs.extend(
            EmployerSpec(o.pk, o.name, o.sector_code, o.municipality_id, o.size_class) for o in created
        )
        bar.update(len(created))
    bar.close()
    ctx.counts["employers"] += len(specs)
    by_sector: dict[str, list[EmployerSpec]] = {}
    for employer in specs:
        by_sector.setdefault(employer.sector_code, []).append(employer)
    return Organisations(
        schools=schools,
        public=public,
        employers=specs,
        employers_by_sector=by_sector,
        henk_company=henk_company,
    )
