"""The start page of each role: which template, and the data it shows.

Data comes only from other apps' selectors (never their models). The programme office gets
aggregates only; counts of persons below ``SMALL_CELL`` are shown as "minder dan 10".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from doorleren.accounts import selectors as accounts_selectors
from doorleren.learning import selectors as learning_selectors
from doorleren.opportunities import selectors as opportunities_selectors
from doorleren.organisations import selectors as organisations_selectors
from doorleren.profiles import selectors as profiles_selectors
from doorleren.region import selectors as region_selectors

# Counts of persons below this number are not shown exactly (statistical disclosure control).
SMALL_CELL = 10
# A start page lists at most this many residents who gave consent.
RESIDENT_LIST_MAX = 50
# ... and at most this many of an organisation's own opportunities or modules.
OWN_LIST_MAX = 20


@dataclass(frozen=True)
class StartPage:
    template: str
    build: Callable[[object], dict]

    def context(self, user) -> dict:
        return self.build(user)


@dataclass(frozen=True)
class Cell:
    """One number in an aggregate table; ``suppressed`` when it counts fewer than ``SMALL_CELL`` persons."""

    value: int
    suppressed: bool = False


def person_count(value: int) -> Cell:
    return Cell(value=value, suppressed=value < SMALL_CELL)


def _resident(user) -> dict:
    profile = profiles_selectors.profile_for_user(user=user)
    return {
        "profile": profile,
        "competency_count": profiles_selectors.resident_competencies(profile=profile).count()
        if profile
        else 0,
        "consent_count": accounts_selectors.consents_for_resident(resident=user, active_only=True).count(),
    }


def _organisation_user(user) -> dict:
    organisations = list(accounts_selectors.user_organisations(user=user).order_by("name"))
    # Only organisations in the public directory have a page there (employers once they joined).
    public_ids = set(
        organisations_selectors.organisations_public()
        .filter(pk__in=[organisation.pk for organisation in organisations])
        .values_list("pk", flat=True)
    )
    residents = accounts_selectors.residents_visible_to(viewer=user)
    visible_resident_count = residents.count()
    return {
        "organisations": organisations,
        "public_organisation_ids": public_ids,
        "visible_resident_count": visible_resident_count,
        "residents": list(residents[:RESIDENT_LIST_MAX]),
        "residents_more": visible_resident_count > RESIDENT_LIST_MAX,
    }


@dataclass(frozen=True)
class OwnItems:
    """What one organisation of the user offers on doorleren (the first ``OWN_LIST_MAX``), with the total."""

    organisation: object
    items: list
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


def _own_items(organisation, queryset: QuerySet) -> OwnItems:
    return OwnItems(organisation=organisation, items=list(queryset[:OWN_LIST_MAX]), total=queryset.count())


def _employer(user) -> dict:
    context = _organisation_user(user)
    context["opportunity_groups"] = [
        _own_items(
            organisation, opportunities_selectors.opportunities_for_organisation(organisation=organisation)
        )
        for organisation in context["organisations"]
    ]
    context["import_providers"] = learning_selectors.import_providers_for_user(user=user)
    return context


def _school(user) -> dict:
    context = _organisation_user(user)
    context["module_groups"] = [
        _own_items(organisation, learning_selectors.modules_for_provider(provider=organisation))
        for organisation in context["organisations"]
    ]
    context["import_providers"] = learning_selectors.import_providers_for_user(user=user)
    return context


def _counts_by_municipality(queryset: QuerySet) -> dict[int, int]:
    rows = queryset.order_by().values("municipality_id").annotate(n=Count("pk", distinct=True))
    return {row["municipality_id"]: row["n"] for row in rows if row["municipality_id"] is not None}


def municipality_table(*, resident_counts: dict[int, int]) -> list[dict]:
    """Per current municipality: residents with a profile (suppressed when small), modules and open
    vacancies. ``resident_counts``: municipality id → exact count."""
    modules = _counts_by_municipality(learning_selectors.modules_published())
    vacancies = _counts_by_municipality(opportunities_selectors.opportunities_search(kind="vacancy"))
    rows = []
    for municipality in region_selectors.municipalities_current():
        row = {
            "municipality": municipality,
            "modules": modules.get(municipality.pk, 0),
            "vacancies": vacancies.get(municipality.pk, 0),
        }
        row["residents"] = person_count(resident_counts.get(municipality.pk, 0))
        rows.append(row)
    return rows


def resident_total(resident_counts: dict[int, int], rows: list[dict]) -> Cell | None:
    """The regional total, unless it would give away the small cells (total minus the shown ones)."""
    suppressed = [row["residents"].value for row in rows if row["residents"].suppressed]
    if suppressed and sum(suppressed) < SMALL_CELL:
        return None
    return person_count(sum(resident_counts.values()))


def _programme_office(user) -> dict:
    resident_counts = profiles_selectors.resident_counts_by_municipality()
    rows = municipality_table(resident_counts=resident_counts)
    return {
        "rows": rows,
        "module_total": learning_selectors.modules_published().count(),
        "vacancy_total": opportunities_selectors.opportunities_search(kind="vacancy").count(),
        "small_cell": SMALL_CELL,
        "resident_total": resident_total(resident_counts, rows),
    }


def _administrator(user) -> dict:
    return {}


PAGES: dict[str, StartPage] = {
    "resident": StartPage("web/start/resident.html", _resident),
    "employer": StartPage("web/start/employer.html", _employer),
    "school": StartPage("web/start/school.html", _school),
    "coach": StartPage("web/start/coach.html", _organisation_user),
    "programme_office": StartPage("web/start/programme_office.html", _programme_office),
    "administrator": StartPage("web/start/administrator.html", _administrator),
}


def for_role(role: str) -> StartPage | None:
    return PAGES.get(role)
