"""Read work and assignments. The public sees open opportunities only."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When

from doorleren.region import selectors as region_selectors
from doorleren.taxonomy import selectors as taxonomy_selectors

from .models import Opportunity, OpportunityCompetency, OpportunityStatus

QUERY_MAX = 100


def _with_relations(queryset: QuerySet[Opportunity]) -> QuerySet[Opportunity]:
    return queryset.select_related("organisation", "municipality", "sector", "occupation")


def opportunities_search(
    *,
    kind: str | None = None,
    municipality=None,
    sector: str | None = None,
    q: str = "",
) -> QuerySet[Opportunity]:
    """Open opportunities, newest first, filtered on kind, municipality, sector code and words.

    ``municipality`` is a ``region.Municipality``; ``sector`` a sector code of the competency map
    (``zorg-welzijn``); every word of ``q`` must occur in the title, description or organisation name.
    """
    queryset = Opportunity.objects.filter(status=OpportunityStatus.OPEN)
    if kind:
        queryset = queryset.filter(kind=kind)
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if sector:
        queryset = queryset.filter(sector__code=sector)
    for word in (q or "")[:QUERY_MAX].split():
        queryset = queryset.filter(
            Q(title__icontains=word) | Q(description__icontains=word) | Q(organisation__name__icontains=word)
        )
    return _with_relations(queryset).order_by("-created_at", "-id")


def opportunities_for_organisation(*, organisation) -> QuerySet[Opportunity]:
    """All opportunities of ``organisation``, closed ones too: open first, then newest first.

    For the organisation's own pages. The public sees open ones only (``opportunities_search``).
    """
    open_first = Case(
        When(status=OpportunityStatus.OPEN, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return _with_relations(Opportunity.objects.filter(organisation=organisation)).order_by(
        open_first, "-created_at", "-id"
    )


def opportunity_public_get(*, pk: int) -> Opportunity | None:
    """One open opportunity with its required competencies (essential first), or None."""
    requirements = OpportunityCompetency.objects.select_related("competency").order_by(
        "-essential", "-level", "competency__label"
    )
    return (
        _with_relations(Opportunity.objects.filter(pk=pk, status=OpportunityStatus.OPEN))
        .prefetch_related(Prefetch("competency_requirements", queryset=requirements))
        .first()
    )


def opportunities_open_with_requirements() -> list[Opportunity]:
    """All open opportunities, by id ascending, each with its required competencies prefetched.

    For matching: ``opportunity.competency_requirements.all()`` gives the rows (competency, level,
    essential) without further queries. Organisation, municipality (with its coordinates) and sector
    come along. Two queries in all; the caller builds its engine index from this list.
    """
    requirements = OpportunityCompetency.objects.select_related("competency").order_by("id")
    return list(
        _with_relations(Opportunity.objects.filter(status=OpportunityStatus.OPEN))
        .prefetch_related(Prefetch("competency_requirements", queryset=requirements))
        .order_by("id")
    )


def competency_requirements_for_opportunity(*, opportunity: Opportunity) -> dict[str, int]:
    """Competency code → required level, for matching against ``profiles`` levels."""
    return dict(
        OpportunityCompetency.objects.filter(opportunity=opportunity).values_list("competency__code", "level")
    )


def municipality_choices():
    """Current municipalities, for the filter."""
    return region_selectors.municipalities_current()


def municipality_resolve(*, code_or_name: str):
    """Current municipality for a (former) CBS code or name; ``ApplicationError`` if unknown."""
    return region_selectors.municipality_resolve(code_or_name=code_or_name)


def sector_choices():
    """Sectors of the competency map, for the filter."""
    return taxonomy_selectors.sector_list()


def opportunity_with_requirements_get(*, pk: int) -> Opportunity | None:
    """One opportunity, open or closed, with its required competencies (essential first), or None.

    Not for the public: the caller first checks that the viewer may see it (for example a member of
    its organisation). The public reads ``opportunity_public_get``.
    """
    requirements = OpportunityCompetency.objects.select_related("competency").order_by(
        "-essential", "-level", "competency__label"
    )
    return (
        _with_relations(Opportunity.objects.filter(pk=pk))
        .prefetch_related(Prefetch("competency_requirements", queryset=requirements))
        .first()
    )


def open_demand_by_competency_and_municipality() -> list[dict]:
    """How often open opportunities ask for each competency, per municipality. Numbers only.

    One row per (competency, municipality of the opportunity) with at least one open opportunity:
    ``{"code", "municipality_id", "opportunities", "essential", "level"}``: how many open
    opportunities there ask for the competency, how many of those need it (essential), and the
    highest level asked. One aggregate query. For the regional picture (matching, docs/regional-picture.md).
    """
    from django.db.models import Count, Max

    rows = (
        OpportunityCompetency.objects.filter(opportunity__status=OpportunityStatus.OPEN)
        .order_by()
        .values("competency__code", "opportunity__municipality_id")
        .annotate(
            opportunities=Count("opportunity_id", distinct=True),
            essential=Count("opportunity_id", filter=Q(essential=True), distinct=True),
            level=Max("level"),
        )
    )
    return [
        {
            "code": row["competency__code"],
            "municipality_id": row["opportunity__municipality_id"],
            "opportunities": row["opportunities"],
            "essential": row["essential"],
            "level": row["level"],
        }
        for row in rows
    ]
