"""Generated people: residents with a profile, competencies, work, education, preferences and consent,
and the staff of organisations (employer contacts, school staff, coaches).

Volume: written per batch of ``ctx.batch_size`` residents with ``FastTable`` (see ``bulk.py``; the
few staff users with ``bulk_create``); only one batch is in memory at a time. Generated users get an unusable password (``!`` + a suffix, exactly what
``User.set_unusable_password()`` stores, but with the suffix from the seeded generator so the
data stays reproducible and no time goes into hashing).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX, UNUSABLE_PASSWORD_SUFFIX_LENGTH

from doorleren.accounts.models import Consent, ConsentPurpose, Role
from doorleren.organisations.models import Membership, MembershipRole
from doorleren.profiles.choices import CompetencySource, EducationLevel, Evidence, ResidentStatus
from doorleren.profiles.models import Education, ResidentCompetency, ResidentProfile, WorkExperience

from ..models import DEMO_EMAIL_DOMAIN
from ..sources import Weighted, data_file
from .bulk import FastTable
from .context import GROWTH_SECTORS, DemoContext, OccupationSpec, batched_range
from .organisations import EmployerSpec, Organisations

User = get_user_model()

STATUS = Weighted([ResidentStatus.WORKER, ResidentStatus.JOB_SEEKER, ResidentStatus.STUDENT], [62, 13, 25])

E = EducationLevel
EDUCATION = {
    ResidentStatus.WORKER: Weighted.from_mapping(
        {
            E.NONE: 1,
            E.PRIMARY: 3,
            E.VMBO: 10,
            E.MBO1: 2,
            E.MBO2: 12,
            E.MBO3: 15,
            E.MBO4: 20,
            E.HAVO: 6,
            E.VWO: 3,
            E.HBO: 18,
            E.WO: 10,
        }
    ),
    ResidentStatus.JOB_SEEKER: Weighted.from_mapping(
        {
            E.NONE: 4,
            E.PRIMARY: 8,
            E.VMBO: 18,
            E.MBO1: 6,
            E.MBO2: 18,
            E.MBO3: 14,
            E.MBO4: 14,
            E.HAVO: 5,
            E.VWO: 2,
            E.HBO: 7,
            E.WO: 4,
        }
    ),
    ResidentStatus.STUDENT: Weighted.from_mapping(
        {
            E.PRIMARY: 5,
            E.VMBO: 35,
            E.MBO1: 3,
            E.MBO2: 10,
            E.MBO3: 8,
            E.MBO4: 12,
            E.HAVO: 14,
            E.VWO: 8,
            E.HBO: 4,
            E.WO: 1,
        }
    ),
}
# The competency level (1-4) an education level usually brings; used to fit occupations to people.
EDUCATION_TARGET = {
    E.NONE: 1.2,
    E.PRIMARY: 1.3,
    E.VMBO: 1.7,
    E.MBO1: 1.6,
    E.MBO2: 2.0,
    E.MBO3: 2.4,
    E.MBO4: 2.7,
    E.HAVO: 2.4,
    E.VWO: 2.6,
    E.HBO: 3.1,
    E.WO: 3.4,
}
LOW_EDUCATION = {E.NONE, E.PRIMARY, E.VMBO, E.MBO1}
HIGH_EDUCATION = {E.HBO, E.WO}
BASIC_LEVEL = {
    "low": Weighted([1, 2, 3], [45, 40, 15]),
    "mid": Weighted([1, 2, 3, 4], [10, 45, 35, 10]),
    "high": Weighted([2, 3, 4], [20, 50, 30]),
}
LEVEL_DELTA = {
    ResidentStatus.WORKER: Weighted([-1, 0, 1], [25, 50, 25]),
    ResidentStatus.JOB_SEEKER: Weighted([-2, -1, 0, 1], [10, 35, 45, 10]),
    ResidentStatus.STUDENT: Weighted([-2, -1, 0], [40, 45, 15]),
}
WORK_EVIDENCE = Weighted(
    [Evidence.EMPLOYER_STATEMENT, Evidence.SELF_ASSESSED, Evidence.CERTIFICATE], [30, 60, 10]
)
SCHOOL_EVIDENCE = Weighted([Evidence.DIPLOMA, Evidence.CERTIFICATE, Evidence.SELF_ASSESSED], [50, 20, 30])
TRAVEL_KM = Weighted([10, 15, 20, 25, 30, 40, 50, 75], [8, 12, 18, 16, 18, 12, 10, 6])
# Age at which an education level is usually completed.
COMPLETION_AGE = {
    E.PRIMARY: 12,
    E.VMBO: 16,
    E.MBO1: 17,
    E.MBO2: 18,
    E.MBO3: 19,
    E.MBO4: 20,
    E.HAVO: 17,
    E.VWO: 18,
    E.HBO: 22,
    E.WO: 23,
}
MBO_LEVELS = {E.MBO1: 1, E.MBO2: 2, E.MBO3: 3, E.MBO4: 4}
TERRA = "Terra (Onderwijsgroep Noord)"


def unusable_password(rng: random.Random) -> str:
    """What ``set_unusable_password()`` stores (``!`` + a random suffix), with a seeded suffix."""
    alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    return UNUSABLE_PASSWORD_PREFIX + "".join(rng.choices(alphabet, k=UNUSABLE_PASSWORD_SUFFIX_LENGTH))


def demo_email(username: str) -> str:
    return f"{username}@{DEMO_EMAIL_DOMAIN}"


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def months_before(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + (day.month - 1) - months
    return dt.date(index // 12, index % 12 + 1, 1)


@dataclass
class Names:
    female: list[str]
    male: list[str]
    surnames: list[str]

    @classmethod
    def load(cls) -> Names:
        names = data_file("names")
        return cls(names["first_names"]["female"], names["first_names"]["male"], names["surnames"])

    def draw(self, rng: random.Random) -> tuple[str, str]:
        first = rng.choice(self.female if rng.random() < 0.5 else self.male)
        return first, rng.choice(self.surnames)


@dataclass
class StaffUser:
    username: str
    role: str
    organisation_id: int
    membership_role: str = MembershipRole.MEMBER


def staff_users_create(ctx: DemoContext, staff: list[StaffUser]) -> dict[str, int]:
    """Users who work for an organisation, without a usable password; returns user ids by username."""
    rng = ctx.rng("staff")
    names = Names.load()
    joined = ctx.aware(ctx.today - dt.timedelta(days=400))
    ids: dict[str, int] = {}
    for batch in batched_range(len(staff), ctx.batch_size):
        users = []
        for index in batch:
            first, last = names.draw(rng)
            member = staff[index]
            users.append(
                User(
                    username=member.username,
                    first_name=first,
                    last_name=last,
                    email=demo_email(member.username),
                    password=unusable_password(rng),
                    role=member.role,
                    date_joined=joined,
                )
            )
        created = ctx.bulk(User, users, count_as="users")
        ids.update((user.username, user.pk) for user in created)
        ctx.bulk(
            Membership,
            [
                Membership(
                    user_id=ids[staff[i].username],
                    organisation_id=staff[i].organisation_id,
                    role=staff[i].membership_role,
                )
                for i in batch
            ],
            count_as="memberships",
        )
    for member in staff:
        ctx.counts[f"users_{member.role}"] += 1
    return ids


@dataclass
class _Plan:
    """One resident, drawn but not yet written."""

    username: str
    first_name: str
    last_name: str
    municipality_id: int
    status: str
    age: int
    education: str
    occupation: OccupationSpec
    employer: EmployerSpec | None
    competencies: dict[int, tuple[int, str, str, dt.date]] = field(default_factory=dict)
    work: list[tuple[str, int | None, str, dt.date, dt.date | None]] = field(default_factory=list)
    educations: list[tuple[str, str, str, bool, int]] = field(default_factory=list)
    sectors: list[int] = field(default_factory=list)
    consents: list[tuple[int, str, dt.date]] = field(default_factory=list)
    hours: int = 32
    travel_km: int = 25
    looking_for_work: bool = False
    looking_for_learning: bool = False


class ResidentGenerator:
    """Draws residents one by one from a seeded generator; ``write`` stores a batch of them."""

    def __init__(self, ctx: DemoContext, organisations: Organisations):
        self.ctx = ctx
        self.orgs = organisations
        self.rng = ctx.rng("residents")
        self.names = Names.load()
        self.studies = data_file("educations")
        cmap = ctx.cmap
        # Per education level: occupations weighted by sector share and by how well their level fits.
        sector_share = dict(zip(cmap.sector_weights.items, cmap.sector_weights.weights, strict=True))
        self.occupations_for = {}
        for level, target in EDUCATION_TARGET.items():
            items, weights = [], []
            for occupation in cmap.occupations:
                share = sector_share.get(occupation.sector_code, 0) / len(
                    cmap.occupations_by_sector[occupation.sector_code]
                )
                items.append(occupation)
                weights.append(share / (0.3 + abs(occupation.demand_level - target)) ** 2)
            self.occupations_for[level] = Weighted(items, weights)
        self.growth_sector_ids = [cmap.sectors[c].pk for c in GROWTH_SECTORS if c in cmap.sectors]
        self.sector_ids = {code: sector.pk for code, sector in cmap.sectors.items()}
        schools = organisations.schools
        self.mbo_groningen = _school_pool(schools, {"Noorderpoort": 5, "Alfa-college": 4, TERRA: 1})
        self.mbo_drenthe = _school_pool(schools, {"Drenthe College": 6, "Alfa-college": 2, "Noorderpoort": 2})
        public = organisations.public
        self.coach_orgs = {
            key: public[key].pk
            for key in ("leerwerkloket", "uwv", "gemeente-groningen", "gemeente-eemsdelta", "gemeente-assen")
            if key in public
        }
        self.school_ids = {name: school.pk for name, school in schools.items()}
        self.province_of = {m.pk: m.province for m in ctx.region.municipalities.values()}
        self.municipality_code_of = {m.pk: code for code, m in ctx.region.municipalities.items()}
        self.local_employers: dict[tuple[str, int], list[EmployerSpec]] = {}
        for employer in organisations.employers:
            self.local_employers.setdefault((employer.sector_code, employer.municipality_id), []).append(
                employer
            )
        self.tables = {
            "users": FastTable(
                User,
                ["username", "first_name", "last_name", "email", "password", "role", "date_joined"],
                with_pk=True,
            ),
            "profiles": FastTable(
                ResidentProfile,
                [
                    "user",
                    "status",
                    "municipality",
                    "education_level",
                    "birth_year",
                    "hours_per_week",
                    "max_travel_km",
                    "looking_for_work",
                    "looking_for_learning",
                ],
                with_pk=True,
            ),
            "competencies": FastTable(
                ResidentCompetency, ["profile", "competency", "level", "source", "evidence", "obtained_on"]
            ),
            "work": FastTable(
                WorkExperience,
                ["profile", "job_title", "occupation", "employer_name", "started_on", "ended_on"],
            ),
            "educations": FastTable(
                Education, ["profile", "title", "level", "institution", "completed", "year"]
            ),
            "sectors": FastTable(ResidentProfile.preferred_sectors.through, ["residentprofile", "sector"]),
            "consents": FastTable(Consent, ["resident", "organisation", "purpose", "granted_at"]),
        }

    # -- drawing ---------------------------------------------------------------------------------

    def draw(self, number: int, width: int) -> _Plan:
        rng, ctx = self.rng, self.ctx
        first, last = self.names.draw(rng)
        municipality, _town = ctx.region.draw(rng)  # the profile keeps the municipality, not the town
        status = STATUS.draw(rng)
        age = self._age(status)
        education = EDUCATION[status].draw(rng)
        if age < 18 and education not in (E.PRIMARY, E.VMBO):
            education = E.VMBO
        occupation = self.occupations_for[education].draw(rng)
        employer = None
        if status == ResidentStatus.WORKER:
            employer = self._employer(occupation.sector_code, municipality.pk)
        plan = _Plan(
            username=f"inwoner{number:0{width}d}",
            first_name=first,
            last_name=last,
            municipality_id=municipality.pk,
            status=status,
            age=age,
            education=education,
            occupation=occupation,
            employer=employer,
        )
        self._competencies(plan)
        self._work(plan)
        self._educations(plan)
        self._preferences(plan)
        self._consents(plan)
        return plan

    def _age(self, status: str) -> int:
        rng = self.rng
        if status == ResidentStatus.STUDENT:
            roll = rng.random()
            if roll < 0.7:
                return rng.randint(16, 23)
            if roll < 0.9:
                return rng.randint(24, 30)
            return rng.randint(31, 55)
        if status == ResidentStatus.JOB_SEEKER:
            return int(rng.triangular(18, 67, 55))
        return int(rng.triangular(18, 67, 42))

    def _employer(self, sector_code: str, municipality_id: int) -> EmployerSpec | None:
        candidates = self.orgs.employers_by_sector.get(sector_code)
        if not candidates:
            return None
        # Half of the time someone works for an employer in their own municipality, if there is one.
        if self.rng.random() < 0.5:
            local = self.local_employers.get((sector_code, municipality_id))
            if local:
                return self.rng.choice(local)
        return self.rng.choice(candidates)

    def _obtained(self, age: int) -> dt.date:
        years = self.rng.uniform(0, max(0.5, age - 16))
        return self.ctx.today - dt.timedelta(days=int(years * 365))

    def _competencies(self, plan: _Plan) -> None:
        rng, cmap = self.rng, self.ctx.cmap
        delta = LEVEL_DELTA[plan.status]
        from_work = plan.status != ResidentStatus.STUDENT
        for competency_id, level, essential in plan.occupation.requirements:
            if not essential and rng.random() < 0.5:
                continue
            if plan.status == ResidentStatus.STUDENT and rng.random() < 0.4:
                continue
            value = min(4, max(1, level + delta.draw(rng)))
            if from_work:
                source, evidence = CompetencySource.WORK, WORK_EVIDENCE.draw(rng)
            else:
                source, evidence = CompetencySource.SCHOOL, SCHOOL_EVIDENCE.draw(rng)
            plan.competencies[competency_id] = (value, source, evidence, self._obtained(plan.age))
        band = (
            "low"
            if plan.education in LOW_EDUCATION
            else "high"
            if plan.education in HIGH_EDUCATION
            else "mid"
        )
        # Basic skills: a handful each (people record what they are asked about, not all 38).
        for competency_id in rng.sample(cmap.basic, min(len(cmap.basic), rng.randint(3, 8))):
            if competency_id not in plan.competencies:
                source = CompetencySource.SCHOOL if rng.random() < 0.6 else CompetencySource.FREE_TIME
                evidence = (
                    SCHOOL_EVIDENCE.draw(rng) if source == CompetencySource.SCHOOL else Evidence.SELF_ASSESSED
                )
                plan.competencies[competency_id] = (
                    BASIC_LEVEL[band].draw(rng),
                    source,
                    evidence,
                    self._obtained(plan.age),
                )
        if cmap.transversal:
            for competency_id in rng.sample(cmap.transversal, min(len(cmap.transversal), rng.randint(0, 3))):
                if competency_id not in plan.competencies:
                    plan.competencies[competency_id] = (
                        rng.choice((2, 2, 3)),
                        CompetencySource.WORK if from_work else CompetencySource.FREE_TIME,
                        Evidence.SELF_ASSESSED,
                        self._obtained(plan.age),
                    )

    def _work(self, plan: _Plan) -> None:
        rng, today = self.rng, self.ctx.today
        working_years = max(0, plan.age - 17)
        if plan.status == ResidentStatus.STUDENT:
            if rng.random() < 0.4:
                started = months_before(today, rng.randint(1, 36))
                plan.work.append((rng.choice(self.studies["side_jobs"]), None, "", started, None))
            return
        if plan.status == ResidentStatus.WORKER:
            months = rng.randint(2, max(3, min(working_years, 25) * 12))
            current_start = months_before(today, months)
            employer_name = plan.employer.name if plan.employer else ""
            plan.work.append(
                (plan.occupation.label, plan.occupation.esco_id, employer_name, current_start, None)
            )
            end = months_before(current_start, rng.randint(0, 6))
            previous = rng.choice((0, 1, 1, 2)) if working_years - months // 12 > 3 else 0
        else:
            if rng.random() < 0.1:
                return
            end = months_before(today, rng.randint(1, 24))
            previous = rng.choice((1, 1, 2, 3))
            previous_occupation = plan.occupation
            start = months_before(end, rng.randint(6, max(7, min(working_years, 15) * 12)))
            employer = self._employer(previous_occupation.sector_code, plan.municipality_id)
            plan.work.append(
                (
                    previous_occupation.label,
                    previous_occupation.esco_id,
                    employer.name if employer else "",
                    start,
                    end,
                )
            )
            end = months_before(start, rng.randint(0, 12))
            previous -= 1
        earliest = months_before(today, working_years * 12)
        for _index in range(previous):
            if end <= earliest:
                break
            occupation = self.occupations_for[plan.education].draw(rng)
            start = max(earliest, months_before(end, rng.randint(6, 96)))
            employer = self._employer(occupation.sector_code, plan.municipality_id)
            plan.work.append(
                (occupation.label, occupation.esco_id, employer.name if employer else "", start, end)
            )
            for competency_id, level, essential in occupation.requirements:
                if essential and competency_id not in plan.competencies and rng.random() < 0.5:
                    plan.competencies[competency_id] = (
                        max(1, level - 1),
                        CompetencySource.WORK,
                        Evidence.SELF_ASSESSED,
                        end,
                    )
            end = months_before(start, rng.randint(0, 12))

    def _school_for(self, level: str, plan: _Plan) -> str:
        if level in MBO_LEVELS:
            if plan.occupation.sector_code == "agrifood-eiwit" and TERRA in self.school_ids:
                return TERRA
            pool = (
                self.mbo_drenthe
                if self.province_of[plan.municipality_id] == "drenthe"
                else self.mbo_groningen
            )
            return pool.draw(self.rng)
        if level == E.HBO and "Hanzehogeschool Groningen" in self.school_ids:
            return "Hanzehogeschool Groningen"
        if level == E.WO and "Rijksuniversiteit Groningen" in self.school_ids:
            return "Rijksuniversiteit Groningen"
        return ""

    def _programme(self, level: str, sector_code: str) -> str:
        rng = self.rng
        if level in self.studies["secondary"]:
            return rng.choice(self.studies["secondary"][level])
        kind = "mbo" if level in MBO_LEVELS else level
        names = self.studies["sectors"].get(sector_code, {}).get(kind) or [
            self.ctx.cmap.sectors[sector_code].label
        ]
        name = rng.choice(names)
        if level in MBO_LEVELS:
            return f"{name} (mbo niveau {MBO_LEVELS[level]})"
        return name

    def _educations(self, plan: _Plan) -> None:
        rng = self.rng
        birth_year = self.ctx.today.year - plan.age
        level = plan.education
        sector = plan.occupation.sector_code
        if level != E.NONE:
            year = min(self.ctx.today.year, birth_year + COMPLETION_AGE[level])
            plan.educations.append(
                (self._programme(level, sector), level, self._school_for(level, plan), True, year)
            )
        else:
            plan.educations.append((self._programme(E.VMBO, sector), E.VMBO, "", False, birth_year + 15))
        if level in MBO_LEVELS or level in HIGH_EDUCATION:
            secondary = E.VMBO if level in MBO_LEVELS else rng.choice((E.HAVO, E.VWO))
            plan.educations.append(
                (
                    self._programme(secondary, sector),
                    secondary,
                    "",
                    True,
                    birth_year + COMPLETION_AGE[secondary],
                )
            )
        if plan.status == ResidentStatus.STUDENT:
            studying = {
                E.PRIMARY: E.VMBO,
                E.VMBO: E.MBO2,
                E.MBO1: E.MBO2,
                E.MBO2: E.MBO3,
                E.MBO3: E.MBO4,
                E.MBO4: E.HBO,
                E.HAVO: E.HBO,
                E.VWO: E.WO,
                E.HBO: E.WO,
                E.WO: E.WO,
            }[level]
            if plan.age >= 16:
                plan.educations.append(
                    (
                        self._programme(studying, sector),
                        studying,
                        self._school_for(studying, plan),
                        False,
                        self.ctx.today.year + rng.randint(1, 4),
                    )
                )

    def _preferences(self, plan: _Plan) -> None:
        rng = self.rng
        if plan.status == ResidentStatus.WORKER:
            plan.hours = int(rng.triangular(12, 40, 32))
            plan.looking_for_work = rng.random() < 0.15
            plan.looking_for_learning = rng.random() < 0.45
        elif plan.status == ResidentStatus.JOB_SEEKER:
            plan.hours = rng.choice((16, 20, 24, 32, 36, 40))
            plan.looking_for_work = True
            plan.looking_for_learning = rng.random() < 0.55
        else:
            plan.hours = rng.randint(8, 20)
            plan.looking_for_work = rng.random() < 0.35
            plan.looking_for_learning = rng.random() < 0.3
        plan.travel_km = TRAVEL_KM.draw(rng)
        sectors = [self.sector_ids[plan.occupation.sector_code]]
        for _index in range(rng.choice((0, 1, 1, 2))):
            pick = (
                rng.choice(self.growth_sector_ids)
                if rng.random() < 0.6
                else rng.choice(list(self.sector_ids.values()))
            )
            if pick not in sectors:
                sectors.append(pick)
        plan.sectors = sectors

    def _consents(self, plan: _Plan) -> None:
        rng, coach = self.rng, self.coach_orgs
        granted = self.ctx.today - dt.timedelta(days=rng.randint(1, 365))
        roll = rng.random()
        if plan.status == ResidentStatus.JOB_SEEKER:
            if roll < 0.15 and "leerwerkloket" in coach:
                plan.consents.append((coach["leerwerkloket"], ConsentPurpose.VIEW_PROFILE, granted))
            elif roll < 0.25 and "uwv" in coach:
                plan.consents.append((coach["uwv"], ConsentPurpose.VIEW_PROFILE, granted))
                plan.consents.append((coach["uwv"], ConsentPurpose.CONTACT, granted))
            elif roll < 0.30:
                key = {
                    "GM0014": "gemeente-groningen",
                    "GM1979": "gemeente-eemsdelta",
                    "GM0106": "gemeente-assen",
                }.get(self.municipality_code_of[plan.municipality_id])
                if key in coach:
                    plan.consents.append((coach[key], ConsentPurpose.VIEW_PROFILE, granted))
        elif roll < 0.02 and "leerwerkloket" in coach:
            plan.consents.append((coach["leerwerkloket"], ConsentPurpose.VIEW_PROFILE, granted))
        if plan.employer is not None and rng.random() < 0.04:
            plan.consents.append((plan.employer.id, ConsentPurpose.VIEW_PROFILE, granted))
            plan.consents.append((plan.employer.id, ConsentPurpose.SHARE_DEVELOPMENT_PLAN, granted))
        if plan.status == ResidentStatus.STUDENT and rng.random() < 0.1:
            school = plan.educations[-1][2]
            if school in self.school_ids:
                plan.consents.append((self.school_ids[school], ConsentPurpose.VIEW_PROFILE, granted))

    # -- writing ---------------------------------------------------------------------------------

    def write(self, plans: list[_Plan]) -> None:
        ctx, rng, tables = self.ctx, self.rng, self.tables
        joined = ctx.aware(ctx.today - dt.timedelta(days=30))
        first_user = tables["users"].next_id()
        first_profile = tables["profiles"].next_id()
        users, profiles, competencies, work, educations, sectors, consents = [], [], [], [], [], [], []
        birth_base = ctx.today.year
        for offset, p in enumerate(plans):
            uid, pid = first_user + offset, first_profile + offset
            users.append(
                (
                    uid,
                    p.username,
                    p.first_name,
                    p.last_name,
                    demo_email(p.username),
                    unusable_password(rng),
                    Role.RESIDENT,
                    joined,
                )
            )
            profiles.append(
                (
                    pid,
                    uid,
                    p.status,
                    p.municipality_id,
                    p.education,
                    birth_base - p.age,
                    p.hours,
                    p.travel_km,
                    p.looking_for_work,
                    p.looking_for_learning,
                )
            )
            competencies.extend(
                (pid, competency_id, level, source, evidence, obtained)
                for competency_id, (level, source, evidence, obtained) in p.competencies.items()
            )
            work.extend((pid, *job) for job in p.work)
            educations.extend((pid, *education) for education in p.educations)
            sectors.extend((pid, sector_id) for sector_id in p.sectors)
            consents.extend((uid, org_id, purpose, ctx.aware(day)) for org_id, purpose, day in p.consents)
            ctx.counts[f"residents_{p.status}"] += 1
        inserted_users = tables["users"].insert(users)
        ctx.counts["users"] += inserted_users
        ctx.counts["users_resident"] += inserted_users
        ctx.counts["residents"] += tables["profiles"].insert(profiles)
        ctx.counts["resident_competencies"] += tables["competencies"].insert(competencies)
        ctx.counts["work_experiences"] += tables["work"].insert(work)
        ctx.counts["educations"] += tables["educations"].insert(educations)
        tables["sectors"].insert(sectors)
        ctx.counts["consents"] += tables["consents"].insert(consents)


def _school_pool(schools: dict, weights: dict[str, int]) -> Weighted[str]:
    present = {name: weight for name, weight in weights.items() if name in schools}
    return Weighted.from_mapping(present) if present else Weighted([""], [1])


def residents_build(ctx: DemoContext, organisations: Organisations, *, residents: int) -> None:
    generator = ResidentGenerator(ctx, organisations)
    width = max(6, len(str(residents)))
    bar = ctx.bar(total=residents, desc="inwoners")
    for batch in batched_range(residents, ctx.batch_size):
        plans = [generator.draw(number + 1, width) for number in batch]
        generator.write(plans)
        bar.update(len(plans))
    bar.close()
