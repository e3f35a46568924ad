"""The named demo people: Anne and Henk from the regional plan, and one login per other role.

These few objects go through the apps' services (profiles, organisations, accounts), like a real
sign-up would, and only they get a usable (hashed) password.

Anne (35) lives in Loppersum, since 2021 part of the municipality Eemsdelta. She works at a small
waste processor that makes green electricity from business waste, reads poorly, has weak computer
skills, wants to learn digitalisation and cannot pay for a course herself. Henk is her boss; his
company joined the area cooperative. Source: the opening story of the regional plan "Werken aan
ontwikkeling" (2020).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from doorleren.accounts.models import ConsentPurpose, Role
from doorleren.accounts.services import consent_grant
from doorleren.organisations.models import MembershipRole, Organisation
from doorleren.organisations.services import membership_create
from doorleren.profiles.choices import CompetencySource, EducationLevel, Evidence, ResidentStatus
from doorleren.profiles.services import (
    education_add,
    profile_create,
    resident_competency_add,
    work_experience_add,
)
from doorleren.taxonomy.models import Occupation

from .context import DemoContext
from .organisations import EEMSDELTA, Organisations
from .people import demo_email, months_before

User = get_user_model()

ANNE_TOWN = "Loppersum"
ANNE_AGE = 35
# Anne's competencies (code in the competency map → level 1-4, where she learned it, evidence).
ANNE_COMPETENCIES = {
    # weak at reading and at computers: level 1 (met hulp)
    "taal-lezen-korte-teksten": (1, CompetencySource.SCHOOL, Evidence.SELF_ASSESSED),
    "taal-lezen-werkinstructies": (1, CompetencySource.WORK, Evidence.SELF_ASSESSED),
    "taal-formulieren-invullen": (1, CompetencySource.FREE_TIME, Evidence.SELF_ASSESSED),
    "ict-basis-computer": (1, CompetencySource.FREE_TIME, Evidence.SELF_ASSESSED),
    "digi-zoeken-internet": (1, CompetencySource.FREE_TIME, Evidence.SELF_ASSESSED),
    "digi-werk-apps": (1, CompetencySource.WORK, Evidence.SELF_ASSESSED),
    "digi-smartphone-tablet": (2, CompetencySource.FREE_TIME, Evidence.SELF_ASSESSED),
    "taal-spreken": (3, CompetencySource.FREE_TIME, Evidence.SELF_ASSESSED),
    "rekenen-basis": (2, CompetencySource.SCHOOL, Evidence.SELF_ASSESSED),
    # her work in waste processing
    "afval-sorteren": (3, CompetencySource.WORK, Evidence.EMPLOYER_STATEMENT),
    "afval-soorten-herkennen": (3, CompetencySource.WORK, Evidence.EMPLOYER_STATEMENT),
    "afval-recyclingmachines": (2, CompetencySource.WORK, Evidence.EMPLOYER_STATEMENT),
    "afval-wegen-registreren": (2, CompetencySource.WORK, Evidence.SELF_ASSESSED),
    "afval-regels": (2, CompetencySource.WORK, Evidence.SELF_ASSESSED),
    "afval-opslaan": (3, CompetencySource.WORK, Evidence.EMPLOYER_STATEMENT),
    "samenwerken": (3, CompetencySource.WORK, Evidence.SELF_ASSESSED),
    "veilig-werken": (2, CompetencySource.WORK, Evidence.CERTIFICATE),
    "beschermingsmiddelen": (3, CompetencySource.WORK, Evidence.SELF_ASSESSED),
}
ANNE_WANTS_SECTORS = ("ict-digitalisering", "afval-circulair")
ANNE_OCCUPATION = "medewerker-afvalsortering"  # regional occupation of her current job


@dataclass(frozen=True)
class Login:
    username: str
    role: str
    full_name: str
    organisation: str
    note: str = ""


def _login_user(
    ctx: DemoContext, *, username: str, role: str, first: str, last: str, password: str, **extra
) -> User:
    """A demo login. ``password`` is already hashed: hashing (argon2) once for all logins saves seconds."""
    user = User.objects.create_user(
        username=username,
        email=demo_email(username),
        password=None,
        first_name=first,
        last_name=last,
        role=role,
        date_joined=ctx.aware(ctx.today - dt.timedelta(days=60)),
        **extra,
    )
    user.password = password
    user.save(update_fields=["password"])
    ctx.counts["users"] += 1
    ctx.counts[f"users_{role}"] += 1
    ctx.counts["logins"] += 1
    return user


def _member(
    ctx: DemoContext, user: User, organisation: Organisation, role: str = MembershipRole.ADMIN
) -> None:
    membership_create(user=user, organisation=organisation, role=role)
    ctx.counts["memberships"] += 1


def anne_create(ctx: DemoContext, organisations: Organisations, *, password: str) -> User:
    cmap, today = ctx.cmap, ctx.today
    anne = _login_user(
        ctx, username="anne", role=Role.RESIDENT, first="Anne", last="Hovinga", password=password
    )
    profile = profile_create(
        user=anne,
        status=ResidentStatus.WORKER,
        municipality=ctx.region.municipalities[EEMSDELTA],
        education_level=EducationLevel.VMBO,
        birth_year=today.year - ANNE_AGE,
        hours_per_week=32,
        max_travel_km=25,
        preferred_sectors=[cmap.sectors[code] for code in ANNE_WANTS_SECTORS if code in cmap.sectors],
        looking_for_work=False,
        looking_for_learning=True,
    )
    ctx.counts["residents"] += 1
    ctx.counts[f"residents_{ResidentStatus.WORKER}"] += 1
    for code, (level, source, evidence) in ANNE_COMPETENCIES.items():
        competency = cmap.competency_by_code(code)
        if competency is None:
            continue
        obtained = today - dt.timedelta(days=365 * (2 if source == CompetencySource.WORK else 15))
        resident_competency_add(
            profile=profile,
            competency=competency,
            level=level,
            source=source,
            evidence=evidence,
            obtained_on=obtained,
        )
        ctx.counts["resident_competencies"] += 1
    company = organisations.henk_company
    occupation = next((o for o in cmap.occupations if o.code == ANNE_OCCUPATION), None)
    work_experience_add(
        profile=profile,
        job_title=occupation.label if occupation else "Medewerker afvalsortering",
        occupation=Occupation.objects.filter(pk=occupation.esco_id).first()
        if occupation and occupation.esco_id
        else None,
        employer_name=company.name,
        started_on=months_before(today, 10 * 12),
        description=(
            "Ik sorteer en verwerk bedrijfsafval in Loppersum. Van het afval maken wij groene stroom. "
            "Ik wil leren hoe computers het afval kunnen wegen, herkennen en volgen."
        ),
    )
    work_experience_add(
        profile=profile,
        job_title="Productiemedewerker",
        employer_name="Aardappelverwerker in Appingedam",
        started_on=months_before(today, 15 * 12),
        ended_on=months_before(today, 10 * 12 + 2),
    )
    ctx.counts["work_experiences"] += 2
    education_add(
        profile=profile,
        title="Vmbo basisberoepsgerichte leerweg",
        level=EducationLevel.VMBO,
        institution="",
        completed=True,
        year=today.year - ANNE_AGE + 16,
    )
    ctx.counts["educations"] += 1
    for organisation, purpose in (
        (company, ConsentPurpose.VIEW_PROFILE),
        (company, ConsentPurpose.SHARE_DEVELOPMENT_PLAN),
        (organisations.public["leerwerkloket"], ConsentPurpose.VIEW_PROFILE),
        (organisations.public["leerwerkloket"], ConsentPurpose.CONTACT),
    ):
        consent_grant(resident=anne, organisation=organisation, purpose=purpose)
        ctx.counts["consents"] += 1
    return anne


def logins_create(ctx: DemoContext, organisations: Organisations, *, password: str) -> list[Login]:
    """Anne, Henk and one login per other role; returns what to print."""
    password = make_password(password)
    anne_create(ctx, organisations, password=password)
    company = organisations.henk_company
    henk = _login_user(
        ctx, username="henk", role=Role.EMPLOYER, first="Henk", last="Mennega", password=password
    )
    _member(ctx, henk, company)

    school_org = organisations.schools.get("Noorderpoort") or next(iter(organisations.schools.values()))
    school = _login_user(
        ctx, username="school", role=Role.SCHOOL, first="Ingrid", last="Kremer", password=password
    )
    _member(ctx, school, school_org)

    coach_org = organisations.public["leerwerkloket"]
    coach = _login_user(
        ctx, username="coach", role=Role.COACH, first="Marieke", last="Postma", password=password
    )
    _member(ctx, coach, coach_org, MembershipRole.MEMBER)

    office_org = organisations.public["programmabureau"]
    office = _login_user(
        ctx,
        username="programmabureau",
        role=Role.PROGRAMME_OFFICE,
        first="Josien",
        last="Wolters",
        password=password,
    )
    _member(ctx, office, office_org, MembershipRole.MEMBER)

    _login_user(
        ctx,
        username="beheerder",
        role=Role.ADMINISTRATOR,
        first="Bert",
        last="Beheer",
        password=password,
        is_staff=True,
        is_superuser=True,
    )
    return [
        Login("anne", "inwoner", "Anne Hovinga", company.name, f"{ANNE_TOWN}, gemeente Eemsdelta"),
        Login("henk", "werkgever", "Henk Mennega", company.name, "lid van de gebiedscoöperatie"),
        Login("school", "school", "Ingrid Kremer", school_org.name),
        Login("coach", "coach", "Marieke Postma", coach_org.name),
        Login("programmabureau", "programmabureau", "Josien Wolters", office_org.name),
        Login("beheerder", "beheerder", "Bert Beheer", "", "ook toegang tot /beheer/"),
    ]
