"""Build (and wipe) a realistic, reproducible demo region: ``demo_build`` and ``demo_reset``.

The demo generator is a batch loader. The few named objects (the region's schools and public
bodies, Anne, Henk, the demo logins, certificates and diplomas) go through the apps' services,
like a real sign-up would. Everything that scales with the requested numbers (employers,
residents with their profiles, competencies, work, education and consent, modules, practical
offers, vacancies, assignments and basic jobs) is generated and written in batches of
``batch_size``, never all at once: memory stays flat whether it is 2,000 or 600,000 residents.
The catalogue and the employers (hundreds of rows) use ``bulk_create``; the tables that grow to
millions of rows (residents and what hangs off them, opportunities and their competencies) use
``generators.bulk.FastTable`` (``executemany``/``COPY`` of plain tuples), because
``bulk_create`` builds and prepares a model instance per row and was several times too slow for
the benchmark size (figures in docs/demo.md). Bulk inserts skip ``save()``, signals and the
services' per-object checks; the generator only produces values that pass them (the tests check
the result).

Same seed, same data: every part draws from its own ``random.Random`` seeded with the seed and
the part's name, never from the global generator, so the same seed and numbers give the same
people, organisations, modules and vacancies on every run and database (ids may differ).
Dates are relative to ``today`` (default: the current date), so pass ``today`` to reproduce a
build exactly on another day.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _

from doorleren.accounts.models import Consent, Role
from doorleren.core.errors import ApplicationError
from doorleren.learning.models import (
    Certificate,
    Diploma,
    Module,
    PracticalLearningOffer,
    PracticalOfferCompetency,
)
from doorleren.opportunities.models import Opportunity, OpportunityCompetency
from doorleren.organisations.models import Membership, MembershipRole, Organisation
from doorleren.profiles.models import Education, ResidentCompetency, ResidentProfile, WorkExperience
from doorleren.region.models import Municipality
from doorleren.taxonomy.models import Competency, RegionalOccupation, Sector
from doorleren.taxonomy.services.competency_map import competency_map_load

from .generators.anomalies import anomalies_build
from .generators.budgets import budgets_build, budgets_reset
from .generators.bulk import sequences_reset
from .generators.catalogue import catalogue_build
from .generators.context import CompetencyMap, DemoContext, RegionData
from .generators.enrolments import enrolments_reset
from .generators.fund import fund_build, fund_reset
from .generators.monitoring import monitoring_build
from .generators.opportunities import opportunities_build
from .generators.organisations import HENK_KVK, organisations_build
from .generators.people import StaffUser, residents_build, staff_users_create
from .generators.personas import Login, logins_create
from .generators.placement import placement_build, placement_reset
from .generators.workforce import workforce_build
from .models import DEMO_EMAIL_DOMAIN, DemoRun

User = get_user_model()

DEFAULT_PASSWORD = "doorleren-demo"  # noqa: S105 - documented demo password, for demo databases only
DEFAULT_BATCH_SIZE = 5_000
LOGIN_USERNAMES = ("anne", "henk", "school", "coach", "programmabureau", "beheerder")
COACH_ORGANISATIONS = ("leerwerkloket", "uwv", "gemeente-groningen", "gemeente-eemsdelta", "gemeente-assen")
LIMITS = {
    "residents": (1, 10_000_000),
    "employers": (1, 900_000),
    "modules": (1, 1_000_000),
    "certificates": (0, 100_000),
    "diplomas": (0, 10_000),
    "vacancies": (0, 100_000_000),
    "assignments": (0, 10_000_000),
    "basic_jobs": (0, 10_000_000),
    "coaches": (1, 10_000),
    "practical_offers": (0, 10_000_000),
    "batch_size": (100, 100_000),
}


@dataclass
class DemoResult:
    counts: dict[str, int]  # per kind; the command prints them as its last line (JSON)
    logins: list[Login]
    seconds: float


def _check_numbers(numbers: dict[str, int]) -> None:
    for name, value in numbers.items():
        low, high = LIMITS[name]
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise ApplicationError(
                _("%(name)s moet een heel getal zijn van %(low)s tot en met %(high)s.")
                % {
                    "name": "--" + name.replace("_", "-"),
                    "low": f"{low:,}".replace(",", "."),
                    "high": f"{high:,}".replace(",", "."),
                },
                code="demo_number_invalid",
            )


def demo_exists() -> DemoRun | bool:
    """The last demo build, or True when demo data is there without a record, or False."""
    run = DemoRun.objects.order_by("-created_at").first()
    if run is not None:
        return run
    return (
        User.objects.filter(username__in=LOGIN_USERNAMES, email__endswith=f"@{DEMO_EMAIL_DOMAIN}").exists()
        or Organisation.objects.filter(kvk_number=HENK_KVK).exists()
    )


def demo_build(
    *,
    residents: int = 2_000,
    seed: int = 1,
    employers: int = 300,
    modules: int = 400,
    certificates: int = 40,
    diplomas: int = 10,
    vacancies: int = 500,
    assignments: int = 60,
    basic_jobs: int = 40,
    coaches: int = 12,
    practical_offers: int | None = None,
    password: str = DEFAULT_PASSWORD,
    reset: bool = False,
    today: dt.date | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    progress: bool = False,
) -> DemoResult:
    """Build the demo region on a migrated database; returns counts per kind (and ``logins``).

    ``residents`` includes Anne, ``employers`` includes Henk's company. A database that already
    has a demo is refused (``demo_exists``) unless ``reset`` is true: then the old demo is wiped
    first, in the same transaction. ``practical_offers`` defaults to a third of the employers.
    """
    if practical_offers is None:
        practical_offers = max(1, employers // 3)
    _check_numbers(
        {
            "residents": residents,
            "employers": employers,
            "modules": modules,
            "certificates": certificates,
            "diplomas": diplomas,
            "vacancies": vacancies,
            "assignments": assignments,
            "basic_jobs": basic_jobs,
            "coaches": coaches,
            "practical_offers": practical_offers,
            "batch_size": batch_size,
        }
    )
    if not password or len(password) < 8:
        raise ApplicationError(
            _("Kies een demo-wachtwoord van minstens 8 tekens."), code="demo_password_too_short"
        )
    today = today or timezone.localdate()
    if today > timezone.localdate():
        raise ApplicationError(
            _("De datum van de demo kan niet in de toekomst liggen."), code="demo_today_future"
        )
    started = time.monotonic()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Check foreign keys per insert instead of queueing millions of checks for COMMIT
            # (bounded server memory; same work).
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        existing = demo_exists()
        if existing:
            if not reset:
                raise ApplicationError(_demo_exists_message(existing), code="demo_exists", status=409)
            demo_reset(batch_size=batch_size)
        competency_map_load()
        ctx = DemoContext(
            seed=seed,
            today=today,
            batch_size=batch_size,
            progress=progress,
            region=RegionData.from_database(),
            cmap=CompetencyMap.from_database(),
        )
        organisations = organisations_build(ctx, employers=employers)
        logins = logins_create(ctx, organisations, password=password)
        _staff_build(ctx, organisations, coaches=coaches)
        catalogue_build(
            ctx,
            organisations,
            modules=modules,
            certificates=certificates,
            diplomas=diplomas,
            practical_offers=practical_offers,
        )
        residents_build(ctx, organisations, residents=residents - 1)
        opportunities_build(
            ctx, organisations, vacancies=vacancies, assignments=assignments, basic_jobs=basic_jobs
        )
        sequences_reset([User, ResidentProfile, Opportunity])
        budgets_build(ctx, organisations)
        fund_build(ctx, organisations)  # docs/fund.md
        anomalies_build(ctx, organisations)  # signals for coaches, docs/enrolments.md
        workforce_build(ctx, organisations)  # the company scan and Anne's plan, docs/workforce.md
        placement_build(ctx, organisations)  # practical assignments, docs/placement.md
        monitoring_build(
            ctx, organisations
        )  # measures, regional figures, history and outcomes, docs/monitoring.md
        counts = _result_counts(ctx.counts)
        run = DemoRun.objects.create(
            seed=seed,
            options={
                "residents": residents,
                "employers": employers,
                "modules": modules,
                "certificates": certificates,
                "diplomas": diplomas,
                "vacancies": vacancies,
                "assignments": assignments,
                "basic_jobs": basic_jobs,
                "coaches": coaches,
                "practical_offers": practical_offers,
                "today": today.isoformat(),
            },
            counts=counts,
        )
        through = DemoRun.organisations.through
        for start in range(0, len(ctx.organisation_ids), batch_size):
            through.objects.bulk_create(
                [
                    through(demorun_id=run.pk, organisation_id=pk)
                    for pk in ctx.organisation_ids[start : start + batch_size]
                ]
            )
    return DemoResult(counts=counts, logins=logins, seconds=round(time.monotonic() - started, 1))


def _demo_exists_message(existing: DemoRun | bool) -> str:
    if isinstance(existing, DemoRun):
        return _(
            "Er staat al een demo in deze database (seed %(seed)s, gemaakt op %(date)s). "
            "Gebruik --reset om die eerst te wissen."
        ) % {
            "seed": existing.seed,
            "date": timezone.localtime(existing.created_at).strftime("%d-%m-%Y %H:%M"),
        }
    return _("Er staan al demogegevens in deze database. Gebruik --reset om die eerst te wissen.")


def _staff_build(ctx: DemoContext, organisations, *, coaches: int) -> None:
    """Staff without a usable password: a contact per employer, coaches, school staff, programme office."""
    staff: list[StaffUser] = []
    others = [e for e in organisations.employers if e.id != organisations.henk_company.pk]
    width = max(4, len(str(len(others))))
    staff.extend(
        StaffUser(f"werkgever{index:0{width}d}", Role.EMPLOYER, employer.id, MembershipRole.ADMIN)
        for index, employer in enumerate(others, start=1)
    )
    coach_orgs = [organisations.public[key].pk for key in COACH_ORGANISATIONS if key in organisations.public]
    staff.extend(
        StaffUser(f"coach{index:02d}", Role.COACH, coach_orgs[index % len(coach_orgs)])
        for index in range(2, coaches + 1)
    )
    staff.extend(
        StaffUser(f"school-{name.split()[0].lower().strip('(')}", Role.SCHOOL, school.pk)
        for name, school in organisations.schools.items()
    )
    staff.append(
        StaffUser("programmabureau02", Role.PROGRAMME_OFFICE, organisations.public["programmabureau"].pk)
    )
    staff_users_create(ctx, staff)


RESULT_KEYS = (
    "municipalities",
    "sectors",
    "competencies",
    "regional_occupations",
    "users",
    "logins",
    "users_resident",
    "users_employer",
    "users_school",
    "users_coach",
    "users_programme_office",
    "users_administrator",
    "memberships",
    "residents",
    "residents_worker",
    "residents_job_seeker",
    "residents_student",
    "resident_competencies",
    "work_experiences",
    "educations",
    "consents",
    "organisations",
    "employers",
    "schools",
    "government",
    "cooperative",
    "funder",
    "modules",
    "module_competencies",
    "module_prerequisites",
    "module_starts",
    "certificates",
    "diplomas",
    "practical_offers",
    "vacancies",
    "practical_assignments",
    "basic_jobs",
    "opportunity_competencies",
    "funders",
    "grant_rules",
    "budgets",
)


def _result_counts(counts: Counter) -> dict[str, int]:
    counts = Counter(counts)
    counts["organisations"] = sum(
        counts[k] for k in ("employers", "schools", "government", "cooperative", "funder")
    )
    counts["municipalities"] = Municipality.objects.filter(is_current=True).count()
    counts["sectors"] = Sector.objects.count()
    counts["competencies"] = Competency.objects.count()
    counts["regional_occupations"] = RegionalOccupation.objects.count()
    return {key: int(counts[key]) for key in RESULT_KEYS}


def _delete_in_chunks(queryset, batch_size: int, children=()) -> int:
    """Delete ``queryset`` a chunk of ids at a time (bounded memory), children tables first."""
    deleted = 0
    model = queryset.model
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:batch_size])
        if not ids:
            return deleted
        for child_model, field in children:
            child_model.objects.filter(**{f"{field}__in": ids}).delete()
        deleted += model.objects.filter(pk__in=ids).delete()[1].get(model._meta.label, 0)


def demo_reset(*, batch_size: int = DEFAULT_BATCH_SIZE) -> dict[str, int]:
    """Wipe everything a demo build made: its organisations (``DemoRun.organisations``) with what
    hangs off them, and the users with a demo e-mail address with their profiles. The region and
    the competency map stay. Returns counts of deleted rows per kind."""
    org_ids = list(DemoRun.organisations.through.objects.values_list("organisation_id", flat=True).distinct())
    org_ids += list(Organisation.objects.filter(kvk_number=HENK_KVK).values_list("pk", flat=True))
    users = User.objects.filter(email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    profiles = ResidentProfile.objects.filter(user__in=users)
    deleted: dict[str, int] = {}
    try:
        with transaction.atomic():
            # before the ledger, the modules and the users they point at (docs/enrolments.md)
            deleted["enrolments"] = enrolments_reset(org_ids=org_ids, users=users)
            # placement: before the opportunities and organisations it points at (docs/placement.md)
            deleted["placement"] = placement_reset(org_ids=org_ids)
            deleted["fund"] = fund_reset(org_ids=org_ids)  # before the ledger and organisations it uses
            deleted["budgets"] = budgets_reset(org_ids=org_ids)
            for name, queryset, children in (
                (
                    "opportunities",
                    Opportunity.objects.filter(organisation_id__in=org_ids),
                    [(OpportunityCompetency, "opportunity_id")],
                ),
                (
                    "practical_offers",
                    PracticalLearningOffer.objects.filter(provider_id__in=org_ids),
                    [(PracticalOfferCompetency, "offer_id")],
                ),
                ("diplomas", Diploma.objects.filter(provider_id__in=org_ids), []),
                ("certificates", Certificate.objects.filter(provider_id__in=org_ids), []),
                ("modules", Module.objects.filter(provider_id__in=org_ids), []),
                (
                    "residents",
                    profiles,
                    [
                        (ResidentCompetency, "profile_id"),
                        (WorkExperience, "profile_id"),
                        (Education, "profile_id"),
                        (ResidentProfile.preferred_sectors.through, "residentprofile_id"),
                    ],
                ),
                ("users", users, [(Consent, "resident_id"), (Membership, "user_id")]),
                (
                    "organisations",
                    Organisation.objects.filter(pk__in=org_ids),
                    [(Consent, "organisation_id")],
                ),
            ):
                deleted[name] = _delete_in_chunks(queryset, batch_size, children)
            DemoRun.objects.all().delete()
    except ProtectedError as exc:
        raise ApplicationError(
            _(
                "De demo kan niet worden gewist: er zijn gegevens buiten de demo die naar demo-organisaties "
                "verwijzen (%(what)s)."
            )
            % {"what": ", ".join(sorted({str(o._meta.verbose_name) for o in exc.protected_objects}))[:200]},
            code="demo_reset_protected",
            status=409,
        ) from exc
    return deleted


# fund: the regional fund (docs/fund.md, demo/generators/fund.py).
RESULT_KEYS = (*RESULT_KEYS, "fund_calls", "fund_applications")

# enrolments: examples of every signal for coaches (docs/enrolments.md, demo/generators/anomalies.py).
RESULT_KEYS = (*RESULT_KEYS, "enrolments")

# placement: a round at the innovation workshop in Eemsdelta (docs/placement.md, demo/generators/placement.py).
RESULT_KEYS = (*RESULT_KEYS, "placement_rounds", "placement_learners")

# workforce: the company scan and Anne's agreed plan (docs/workforce.md, demo/generators/workforce.py).
RESULT_KEYS = (*RESULT_KEYS, "workforce_roles", "workforce_plans")
# monitoring (docs/monitoring.md): the programme's measures and five years of history.
RESULT_KEYS = (*RESULT_KEYS, "measures", "status_changes", "measure_participations", "work_starts")
