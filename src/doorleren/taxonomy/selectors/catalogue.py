"""Selectors for lists and details of the taxonomy: the competency map, ESCO concepts, regional occupations."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Case, IntegerField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404

from doorleren.taxonomy.models import (
    Competency,
    CompetencyDemand,
    Occupation,
    OccupationLabel,
    OccupationSkill,
    RegionalOccupation,
    RegionalOccupationCompetency,
    Sector,
    Skill,
    SkillLabel,
)
from doorleren.taxonomy.selectors.linking import (
    MAX_TOP,
    competency_code_from_uri,
    linking_search,
)

# --- lists and details ----------------------------------------------------------------------------


def sector_list() -> QuerySet[Sector]:
    return Sector.objects.order_by("label")


def competency_list(*, sector: str | None = None, kind: str | None = None) -> QuerySet[Competency]:
    """Competencies of the map, optionally of one sector (by code) and kind, with sectors and demand."""
    queryset = Competency.objects.prefetch_related(
        "sectors", Prefetch("demands", queryset=CompetencyDemand.objects.select_related("sector"))
    ).order_by("label")
    if sector:
        queryset = queryset.filter(sectors__code=sector)
    if kind:
        queryset = queryset.filter(kind=kind)
    return queryset


def competency_get(*, code: str) -> Competency:
    return get_object_or_404(
        Competency.objects.prefetch_related(
            "sectors",
            Prefetch("demands", queryset=CompetencyDemand.objects.select_related("sector")),
            Prefetch("esco_skills", queryset=Skill.objects.order_by("label")),
            Prefetch(
                "occupation_requirements",
                queryset=RegionalOccupationCompetency.objects.select_related("regional_occupation").order_by(
                    "regional_occupation__label"
                ),
            ),
        ),
        code=code,
    )


def competency_map_sections(*, sector: str | None = None) -> list[dict]:
    """The map page: per sector (by label) its competencies, each with the demand in that sector.

    ``[{"sector": Sector, "rows": [{"competency": Competency, "demand": CompetencyDemand | None}]}]``.
    """
    competencies = competency_list(sector=sector).prefetch_related(
        Prefetch("esco_skills", queryset=Skill.objects.order_by("label"))
    )
    by_sector: dict[int, list[dict]] = defaultdict(list)
    for competency in competencies:
        demand = {d.sector_id: d for d in competency.demands.all()}
        for s in competency.sectors.all():
            by_sector[s.pk].append({"competency": competency, "demand": demand.get(s.pk)})
    sectors = sector_list().filter(code=sector) if sector else sector_list()
    return [{"sector": s, "rows": by_sector.get(s.pk, [])} for s in sectors]


def competencies_for_hits(*, hits: list[dict]) -> list[Competency]:
    """The competencies behind search hits (URIs ``https://doorleren.nl/competentie/<code>``), in hit order."""
    codes = [competency_code_from_uri(hit["uri"]) for hit in hits]
    found = {c.code: c for c in Competency.objects.filter(code__in=codes).prefetch_related("sectors")}
    return [found[code] for code in codes if code in found]


def occupation_hits_with_regional(*, hits: list[dict]) -> list[dict]:
    """Search hits plus the ESCO id, ISCO code and the regional occupations based on each occupation."""
    occupations = {
        o.uri: o
        for o in Occupation.objects.filter(uri__in=[hit["uri"] for hit in hits])
        .select_related("isco_group")
        .prefetch_related(
            Prefetch("regional_occupations", queryset=RegionalOccupation.objects.order_by("label"))
        )
    }
    rows = []
    for hit in hits:
        occupation = occupations.get(hit["uri"])
        rows.append(
            {
                **hit,
                "esco_id": esco_id(hit["uri"]),
                "isco_code": occupation.isco_group.code if occupation and occupation.isco_group else "",
                "regional": list(occupation.regional_occupations.all()) if occupation else [],
            }
        )
    return rows


def skill_hits_with_competencies(*, hits: list[dict]) -> list[dict]:
    """Search hits plus the skill type and the map's competencies that use each skill."""
    skills = {
        skill.uri: skill
        for skill in Skill.objects.filter(uri__in=[hit["uri"] for hit in hits]).prefetch_related(
            Prefetch("competencies", queryset=Competency.objects.order_by("label"))
        )
    }
    rows = []
    for hit in hits:
        skill = skills.get(hit["uri"])
        rows.append(
            {
                **hit,
                "skill": skill,
                "competencies": list(skill.competencies.all()) if skill else [],
            }
        )
    return rows


ESCO_URI_BASE = "http://data.europa.eu/esco/"


def esco_uri(*, kind: str, esco_id: str) -> str:
    """``occupation``/``skill`` and the last part of the URI → the full ESCO URI."""
    return f"{ESCO_URI_BASE}{kind}/{esco_id}"


def esco_id(uri: str) -> str:
    """The last part of an ESCO URI (what the API and pages put in their paths)."""
    return uri.rsplit("/", 1)[-1]


def _by_relevance(queryset: QuerySet, *, kind: str, query: str) -> QuerySet:
    """Only the best ``MAX_TOP`` hits of ``query`` in the ``kind`` index, best first."""
    uris = [hit["uri"] for hit in linking_search(kind=kind, queries=[query], top=MAX_TOP)[0]["results"]]
    rank = Case(*(When(uri=uri, then=Value(i)) for i, uri in enumerate(uris)), output_field=IntegerField())
    return queryset.filter(uri__in=uris).order_by(rank) if uris else queryset.none()


def occupation_list(*, isco_code: str | None = None, query: str | None = None) -> QuerySet[Occupation]:
    """Occupations by label, or the best hits of ``query`` first; optionally within one ISCO group."""
    queryset = Occupation.objects.select_related("isco_group").order_by("label", "uri")
    if isco_code:
        queryset = queryset.filter(isco_group__code=isco_code)
    if query:
        queryset = _by_relevance(queryset, kind="occupations", query=query)
    return queryset


def occupation_get(*, uri: str) -> Occupation:
    return get_object_or_404(
        Occupation.objects.select_related("isco_group").prefetch_related(
            Prefetch("labels", queryset=OccupationLabel.objects.order_by("lang", "kind", "text")),
            Prefetch(
                "skill_relations",
                queryset=OccupationSkill.objects.select_related("skill").order_by("relation", "skill__label"),
            ),
            Prefetch("regional_occupations", queryset=RegionalOccupation.objects.order_by("label")),
        ),
        uri=uri,
    )


def skill_list(
    *, skill_type: str | None = None, reuse_level: str | None = None, query: str | None = None
) -> QuerySet[Skill]:
    """Skills by label, or the best hits of ``query`` first; optionally of one type and reuse level."""
    queryset = Skill.objects.order_by("label", "uri")
    if skill_type:
        queryset = queryset.filter(skill_type=skill_type)
    if reuse_level:
        queryset = queryset.filter(reuse_level=reuse_level)
    if query:
        queryset = _by_relevance(queryset, kind="skills", query=query)
    return queryset


def skill_get(*, uri: str) -> Skill:
    return get_object_or_404(
        Skill.objects.prefetch_related(
            Prefetch("labels", queryset=SkillLabel.objects.order_by("lang", "kind", "text")),
            Prefetch("competencies", queryset=Competency.objects.order_by("label")),
        ),
        uri=uri,
    )


def regional_occupation_list(*, sector: str | None = None) -> QuerySet[RegionalOccupation]:
    queryset = RegionalOccupation.objects.select_related("sector", "occupation").order_by("label")
    if sector:
        queryset = queryset.filter(sector__code=sector)
    return queryset


def competency_map_version() -> tuple:
    """A fingerprint of the regional competency map (sectors, competencies, regional occupations): it
    changes when a row is added, removed or saved. Three aggregate queries; for caches of choice lists."""
    from django.db.models import Count, Max

    parts: list = []
    for model in (Sector, Competency, RegionalOccupation):
        found = model.objects.aggregate(n=Count("id"), last=Max("updated_at"))
        parts += [found["n"], found["last"]]
    return tuple(parts)


def regional_occupations_by_sector() -> list[dict]:
    """``[{"sector": Sector, "occupations": [RegionalOccupation]}]``, sectors and occupations by label."""
    groups: dict[int, dict] = {}
    for occupation in RegionalOccupation.objects.select_related("sector").order_by("sector__label", "label"):
        groups.setdefault(occupation.sector_id, {"sector": occupation.sector, "occupations": []})
        groups[occupation.sector_id]["occupations"].append(occupation)
    return list(groups.values())


def regional_occupation_get(*, code: str) -> RegionalOccupation:
    return get_object_or_404(
        RegionalOccupation.objects.select_related("sector", "occupation").prefetch_related(
            Prefetch(
                "competency_requirements",
                queryset=RegionalOccupationCompetency.objects.select_related("competency").order_by(
                    "-essential", "-level", "competency__label"
                ),
            )
        ),
        code=code,
    )
