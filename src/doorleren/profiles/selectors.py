"""Read resident profiles.

Other apps and other people read a profile only through ``profile_for_viewer``, which asks
``accounts.selectors`` whether the viewer may see the resident (the resident themself, or an
organisation the resident gave consent to). ``profile_for_user`` is for the resident's own pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from doorleren.accounts import selectors as accounts_selectors
from doorleren.core.errors import ApplicationError
from doorleren.region import selectors as region_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors

from .choices import Evidence, SuggestionDecision
from .models import (
    CompetencySuggestion,
    Education,
    ResidentCompetency,
    ResidentProfile,
    StatusChange,
    WorkExperience,
)


def _resident_user(resident):
    """``resident`` may be the resident's user or their profile."""
    return resident.user if isinstance(resident, ResidentProfile) else resident


def profile_for_user(*, user) -> ResidentProfile | None:
    """The user's own profile, or None when they have none (yet)."""
    if user is None or not user.is_authenticated:
        return None
    return (
        ResidentProfile.objects.select_related("user", "municipality")
        .prefetch_related("preferred_sectors")
        .filter(user=user)
        .first()
    )


def profile_for_viewer(*, viewer, resident) -> ResidentProfile | None:
    """The resident's profile if ``viewer`` may see it; raises ``PermissionDenied`` otherwise.

    Returns None when the viewer may see the resident but the resident has no profile yet.
    """
    resident_user = _resident_user(resident)
    accounts_selectors.require_can_view_resident(viewer=viewer, resident=resident_user)
    return profile_for_user(user=resident_user)


def competency_levels_for_resident(*, resident) -> dict[str, int]:
    """Competency code → level (1-4) of a resident (their user or their profile). Empty without a profile."""
    if isinstance(resident, ResidentProfile):
        rows = ResidentCompetency.objects.filter(profile=resident)
    else:
        rows = ResidentCompetency.objects.filter(profile__user=resident)
    return dict(rows.values_list("competency__code", "level"))


def resident_competencies(*, profile: ResidentProfile) -> QuerySet[ResidentCompetency]:
    return (
        ResidentCompetency.objects.filter(profile=profile)
        .select_related("competency")
        .prefetch_related("competency__sectors")
        .order_by("competency__label")
    )


def _impossible_code(text: str | None) -> bool:
    """Text from an address or a form that no code or URI can be (PostgreSQL refuses NUL: a 500)."""
    return not text or "\x00" in text


def resident_competency_for_code(*, profile: ResidentProfile, code: str) -> ResidentCompetency | None:
    if _impossible_code(code):
        return None
    return resident_competencies(profile=profile).filter(competency__code=code).first()


def work_experiences(*, profile: ResidentProfile) -> QuerySet[WorkExperience]:
    return WorkExperience.objects.filter(profile=profile).select_related("occupation")


def educations(*, profile: ResidentProfile) -> QuerySet[Education]:
    return Education.objects.filter(profile=profile)


@dataclass
class SectorGroup:
    """Competencies of a resident under one sector of the competency map (or none: ``code`` "")."""

    code: str
    label: str
    items: list[ResidentCompetency] = field(default_factory=list)


def competencies_by_sector(*, profile: ResidentProfile) -> list[SectorGroup]:
    """The resident's competencies grouped by sector, for "Wat kan ik?".

    A competency that belongs to several sectors is shown once: under a sector the resident
    prefers if there is one, else under the first sector by name. Competencies of no sector
    (useful in many kinds of work) come last.
    """
    preferred = {sector.code for sector in profile.preferred_sectors.all()}
    groups: dict[str, SectorGroup] = {}
    general = SectorGroup(code="", label=_("Handig in veel soorten werk"))
    for row in resident_competencies(profile=profile):
        sectors = sorted(row.competency.sectors.all(), key=lambda s: (s.code not in preferred, s.label))
        if not sectors:
            general.items.append(row)
            continue
        sector = sectors[0]
        groups.setdefault(sector.code, SectorGroup(code=sector.code, label=sector.label)).items.append(row)
    ordered = sorted(groups.values(), key=lambda g: (g.code not in preferred, g.label))
    if general.items:
        ordered.append(general)
    return ordered


def resident_counts_by_municipality() -> dict[int, int]:
    """How many residents have a profile, per current municipality id. Numbers only, never persons.

    Counted: profiles of residents with an active account that name a municipality. A profile in a
    former municipality counts for the municipality it became part of (Appingedam → Eemsdelta);
    one whose municipality has no known successor is left out. Municipalities without profiles are
    not in the result. These are exact counts: whoever shows them hides the small ones.
    """
    rows = (
        ResidentProfile.objects.filter(
            user__in=accounts_selectors.residents_active(), municipality__isnull=False
        )
        .order_by()
        .values("municipality_id")
        .annotate(n=Count("pk"))
    )
    counts = {row["municipality_id"]: row["n"] for row in rows}
    current_ids = region_selectors.municipality_current_ids(municipality_ids=counts.keys())
    result: dict[int, int] = {}
    for municipality_id, count in counts.items():
        current_id = current_ids.get(municipality_id)
        if current_id is not None:
            result[current_id] = result.get(current_id, 0) + count
    return result


# --- what the profile pages and API look up elsewhere (region, taxonomy) ---------------------------


def resident_user_get(*, user_id: int):
    """The user with this id if they are a resident, else None (the caller then checks permission)."""
    return accounts_selectors.resident_get(user_id=user_id)


def municipality_choices():
    """Current municipalities, for the "In welke gemeente woont u?" question."""
    return region_selectors.municipalities_current()


def municipality_resolve(*, code_or_name: str):
    """Current municipality for a (former) CBS code or name; ``ApplicationError`` if unknown."""
    return region_selectors.municipality_resolve(code_or_name=code_or_name)


def sector_choices():
    return taxonomy_selectors.sector_list()


def competency_by_code(code: str):
    """The competency of the map with this code, or None (also for text no code can be, e.g. with NUL)."""
    if _impossible_code(code):
        return None
    try:
        return taxonomy_selectors.competency_get(code=code)
    except Http404:
        return None


def occupation_by_uri(uri: str):
    """The ESCO occupation with this URI, or None (also for text no URI can be, e.g. with NUL)."""
    if _impossible_code(uri):
        return None
    try:
        return taxonomy_selectors.occupation_get(uri=uri)
    except Http404:
        return None


def _hits(kind: str, query: str, top: int) -> list[dict]:
    """What the taxonomy's linking search finds for ``query``, best first ([] for an unusable query)."""
    query = (query or "").strip()[: taxonomy_selectors.MAX_QUERY_LENGTH]
    if not query:
        return []
    try:
        return taxonomy_selectors.linking_search(kind=kind, queries=[query], top=top)[0]["results"]
    except ApplicationError:
        return []


def competency_suggestions(*, query: str, top: int = 10) -> list:
    """Competencies of the map that fit what the resident typed, best first."""
    return taxonomy_selectors.competencies_for_hits(hits=_hits("competencies", query, top))


def occupation_suggestions(*, query: str, top: int = 10) -> list:
    """ESCO occupations that fit what the resident typed, best first."""
    uris = [hit["uri"] for hit in _hits("occupations", query, top)]
    found = {o.uri: o for o in taxonomy_selectors.occupation_list().filter(uri__in=uris)}
    return [found[uri] for uri in uris if uri in found]


#: The longest text ``text_competency_suggestions`` reads.
TEXT_MAX_CHARS = taxonomy_selectors.MAX_TEXT_CHARS


def text_competency_suggestions(*, profile: ResidentProfile, text: str, top: int = 15) -> list[dict]:
    """Competencies of the map that the resident's own ``text`` names, best first, without those
    already on the profile and those the resident rejected before. Each row is a row of
    ``taxonomy.selectors.text_competencies`` plus ``competency`` (the object). The text is not stored.

    ``ApplicationError`` (400) for an empty or over-long text, ``IndexMissing`` (503) without index.
    """
    found = taxonomy_selectors.text_competencies(text=text, top=top)["competencies"]
    skip = set(ResidentCompetency.objects.filter(profile=profile).values_list("competency__code", flat=True))
    skip |= set(
        CompetencySuggestion.objects.filter(
            profile=profile, decision=SuggestionDecision.REJECTED
        ).values_list("competency__code", flat=True)
    )
    rows = [row for row in found if row["code"] not in skip]
    competencies = {
        c.code: c for c in taxonomy_selectors.competency_list().filter(code__in=[r["code"] for r in rows])
    }
    return [{**row, "competency": competencies[row["code"]]} for row in rows if row["code"] in competencies]


def competency_suggestion_decisions(*, profile: ResidentProfile) -> QuerySet[CompetencySuggestion]:
    """What the resident said about suggested competencies, newest first."""
    return (
        CompetencySuggestion.objects.filter(profile=profile)
        .select_related("competency")
        .order_by("-updated_at", "-id")
    )


def profiles_for_matching(*, residents) -> list[ResidentProfile]:
    """The profiles of ``residents`` (users the caller may see), by user id, for the matching engine.

    Each comes with its municipality, preferred sectors and competencies (``profile.competencies.all()``,
    each with its ``competency``). Three queries, whatever the number of residents. Residents without
    a profile are not in the list. The caller decides who is in ``residents`` (consent!).
    """
    return list(
        ResidentProfile.objects.filter(user__in=residents)
        .select_related("user", "municipality")
        .prefetch_related("preferred_sectors", "competencies__competency")
        .order_by("user_id")
    )


def resident_competency_counts_by_municipality(
    *, min_level: int
) -> dict[tuple[str, int | None], tuple[int, int]]:
    """How many residents have each competency, per current municipality. Numbers only, never persons.

    ``(competency code, current municipality id) → (residents at ``min_level`` or higher, residents
    below it)``. Counted: profiles of residents with an active account (as in
    ``resident_counts_by_municipality``). A profile in a former municipality counts for the one it
    became part of; a profile without a municipality, or in a former one without a known successor,
    counts under ``None`` (in the region, municipality unknown). These are exact counts: whoever
    shows them hides the small ones. Two queries.
    """
    from django.db.models import Q

    rows = (
        ResidentCompetency.objects.filter(profile__user__in=accounts_selectors.residents_active())
        .order_by()
        .values("competency__code", "profile__municipality_id")
        .annotate(
            high=Count("profile_id", filter=Q(level__gte=min_level)),
            low=Count("profile_id", filter=Q(level__lt=min_level)),
        )
    )
    rows = list(rows)
    current_ids = region_selectors.municipality_current_ids(
        municipality_ids={row["profile__municipality_id"] for row in rows} - {None}
    )
    result: dict[tuple[str, int | None], tuple[int, int]] = {}
    for row in rows:
        key = (row["competency__code"], current_ids.get(row["profile__municipality_id"]))
        high, low = result.get(key, (0, 0))
        result[key] = (high + row["high"], low + row["low"])
    return result


def education_nlqf_level(*, level: str) -> int | None:
    """The NLQF level an education level (``EducationLevel`` value) reaches: ``"mbo2"`` → 2.

    None for "no school finished" (``"none"``), for an empty value and for an unknown value; the
    caller tells these apart if it needs to. For other apps, which compare education levels.
    """
    from .choices import NLQF_LEVEL

    return NLQF_LEVEL.get(level)


# --- for monitoring (docs/monitoring.md): plain columns of all residents, for aggregates -----------


def residents_for_monitoring() -> list[tuple[int, int, int | None, str]]:
    """``(profile id, user id, municipality id or None, situation now)`` of every resident profile."""
    return list(
        ResidentProfile.objects.order_by("pk").values_list("pk", "user_id", "municipality_id", "status")
    )


def status_changes_for_monitoring(*, profile_id: int | None = None) -> list[tuple[int, dt.date, str]]:
    """``(profile id, from date, situation)`` of every change of situation (of one profile when given),
    by profile and date."""
    changes = (
        StatusChange.objects.all()
        if profile_id is None
        else StatusChange.objects.filter(profile_id=profile_id)
    )
    return list(
        changes.order_by("profile_id", "changed_on", "pk").values_list("profile_id", "changed_on", "status")
    )


# Evidence that shows a competency was really gained (not only self-assessed).
GAINED_EVIDENCE = (
    Evidence.DIPLOMA,
    Evidence.CERTIFICATE,
    Evidence.EMPLOYER_STATEMENT,
    Evidence.HOST_CONFIRMED,
)


def competencies_gained_for_monitoring() -> list[tuple[int, dt.date]]:
    """``(profile id, date)`` of each competency with proof: the date it was obtained, or else the
    day it was recorded."""
    rows = ResidentCompetency.objects.filter(evidence__in=GAINED_EVIDENCE).values_list(
        "profile_id", "obtained_on", "created_at"
    )
    return [(profile_id, obtained or created.date()) for profile_id, obtained, created in rows.iterator()]


# --- bulk reads for monitoring's effect estimates (docs/monitoring-evaluation.md) -------------------


@dataclass(frozen=True)
class ResidentCovariates:
    """One entry per profile, in the same order in every list (columns, for numpy). Never persons'
    names: only what an estimate needs. ``municipality_id`` is the *current* municipality (a former
    one mapped to its successor); None when unknown."""

    profile_ids: list[int]
    birth_years: list[int | None]
    education_levels: list[str]
    municipality_ids: list[int | None]


def resident_covariates(*, profile_ids=None) -> ResidentCovariates:
    """Birth year, education level and current municipality of all profiles (or of ``profile_ids``),
    ordered by profile id. One query for the profiles and one for the municipalities."""
    rows = ResidentProfile.objects.order_by("pk")
    if profile_ids is not None:
        rows = rows.filter(pk__in=list(profile_ids))
    values = list(rows.values_list("pk", "birth_year", "education_level", "municipality_id"))
    current_ids = region_selectors.municipality_current_ids(
        municipality_ids={row[3] for row in values} - {None}
    )
    return ResidentCovariates(
        profile_ids=[row[0] for row in values],
        birth_years=[row[1] for row in values],
        education_levels=[row[2] or "" for row in values],
        municipality_ids=[current_ids.get(row[3]) for row in values],
    )


@dataclass(frozen=True)
class StatusHistory:
    """The situation history (``StatusChange``) as columns, ordered by profile, date and id: the
    resident's situation (``ResidentStatus`` value) from ``changed_on``. The first row of a profile is
    when the resident registered."""

    profile_ids: list[int]
    changed_on: list
    statuses: list[str]


def status_history(*, profile_ids=None) -> StatusHistory:
    """All situation changes (or those of ``profile_ids``), in one query."""
    from .models import StatusChange

    rows = StatusChange.objects.order_by("profile_id", "changed_on", "id")
    if profile_ids is not None:
        rows = rows.filter(profile_id__in=list(profile_ids))
    values = list(rows.values_list("profile_id", "changed_on", "status"))
    return StatusHistory(
        profile_ids=[row[0] for row in values],
        changed_on=[row[1] for row in values],
        statuses=[row[2] for row in values],
    )


def resident_status_values() -> list[str]:
    """The situations a resident can be in (``ResidentStatus`` values), for other apps."""
    from .choices import ResidentStatus

    return list(ResidentStatus.values)


# --- privacy (docs/security-privacy.md) ------------------------------------------------------------


def personal_data_for(*, user) -> dict:
    """What profiles keeps about ``user``: the profile, competencies, work, education, the situation over
    time and the decisions on suggested competencies. Empty lists and ``profile`` None without a profile."""
    profile = profile_for_user(user=user)
    if profile is None:
        return {
            "profile": None,
            "competencies": [],
            "work_experiences": [],
            "educations": [],
            "status_history": [],
            "competency_suggestions": [],
        }
    return {
        "profile": {
            "status": profile.status,
            "status_label": str(profile.get_status_display()),
            "municipality": profile.municipality.name if profile.municipality else None,
            "education_level": profile.education_level,
            "birth_year": profile.birth_year,
            "hours_per_week": profile.hours_per_week,
            "max_travel_km": profile.max_travel_km,
            "preferred_sectors": sorted(s.label for s in profile.preferred_sectors.all()),
            "looking_for_work": profile.looking_for_work,
            "looking_for_learning": profile.looking_for_learning,
            "created_at": profile.created_at,
            "updated_at": profile.updated_at,
        },
        "competencies": [
            {
                "code": row.competency.code,
                "label": row.competency.label,
                "level": row.level,
                "source": row.source,
                "evidence": row.evidence,
                "obtained_on": row.obtained_on,
            }
            for row in resident_competencies(profile=profile)
        ],
        "work_experiences": [
            {
                "job_title": row.job_title,
                "employer_name": row.employer_name,
                "occupation": str(row.occupation) if row.occupation else None,
                "started_on": row.started_on,
                "ended_on": row.ended_on,
                "description": row.description,
            }
            for row in work_experiences(profile=profile)
        ],
        "educations": [
            {
                "title": row.title,
                "level": row.level,
                "institution": row.institution,
                "completed": row.completed,
                "year": row.year,
            }
            for row in educations(profile=profile)
        ],
        "status_history": [
            {"status": row.status, "changed_on": row.changed_on}
            for row in StatusChange.objects.filter(profile=profile).order_by("changed_on", "id")
        ],
        "competency_suggestions": [
            {
                "code": row.competency.code,
                "label": row.competency.label,
                "decision": row.decision,
                "words": row.words,
                "decided_at": row.updated_at,
            }
            for row in CompetencySuggestion.objects.filter(profile=profile)
            .select_related("competency")
            .order_by("competency__code")
        ],
    }
