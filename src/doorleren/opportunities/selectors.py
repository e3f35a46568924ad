"""Read work and assignments. The public sees open opportunities only."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, QuerySet, Value, When

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


def opportunities_open_version() -> tuple:
    """A fingerprint of everything matching reads from opportunities; it changes with every write.

    Every write goes through ``services`` and saves the opportunity (``updated_at``), and changing
    requirements deletes and re-creates their rows (new ids). Two aggregate queries; for caches of the
    matching index (``matching.selectors_work``).
    """
    opportunities = Opportunity.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    requirements = OpportunityCompetency.objects.aggregate(n=Count("id"), last=Max("id"))
    return (opportunities["n"], opportunities["last"], requirements["n"], requirements["last"])


@dataclass(frozen=True)
class OpenOpportunityRows:
    """All open opportunities as plain rows, for building the matching index without model objects.

    ``opportunities``: ``(id, hours_per_week, sector_id, latitude, longitude)`` by id ascending
    (latitude and longitude ``None`` without a municipality). ``requirements``: ``(opportunity_id,
    competency code, competency label, level, essential)``.
    """

    opportunities: list[tuple]
    requirements: list[tuple]


def opportunities_open_rows() -> OpenOpportunityRows:
    """Two queries, no model instances (see ``OpenOpportunityRows``)."""
    open_ = Opportunity.objects.filter(status=OpportunityStatus.OPEN).order_by("id")
    return OpenOpportunityRows(
        opportunities=list(
            open_.values_list(
                "id", "hours_per_week", "sector_id", "municipality__latitude", "municipality__longitude"
            )
        ),
        requirements=list(
            OpportunityCompetency.objects.filter(opportunity__status=OpportunityStatus.OPEN)
            .order_by("opportunity_id", "id")
            .values_list("opportunity_id", "competency__code", "competency__label", "level", "essential")
        ),
    )


def opportunities_by_ids(*, ids: list[int]) -> dict[int, Opportunity]:
    """Opportunities by id with organisation, municipality, sector and occupation (one query)."""
    return {
        opportunity.pk: opportunity for opportunity in _with_relations(Opportunity.objects.filter(pk__in=ids))
    }


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


# --- issue 5: the employer journey (docs/opportunities.md) -------------------------------------------

COMPETENCY_SEARCH_TOP = 10


def host_organisations_for_user(*, user, kind: str | None = None):
    """The organisations ``user`` works for that may offer ``kind`` (or any kind), by name.

    Who may offer what is ``services.HOSTS``: employers all kinds, cooperatives, schools and
    governments some. Empty for residents and anonymous visitors.
    """
    from doorleren.accounts import selectors as accounts_selectors

    from .services import HOSTS

    kinds = [org_kind for org_kind, offers in HOSTS.items() if kind is None or kind in offers]
    return accounts_selectors.user_organisations(user=user).filter(kind__in=kinds).order_by("name", "id")


def opportunity_for_member_get(*, user, pk: int) -> Opportunity | None:
    """One opportunity (open or closed, with its competencies) of an organisation ``user`` works for.

    None when it does not exist or belongs to another organisation: the caller answers 404 for both.
    """
    opportunity = opportunity_with_requirements_get(pk=pk)
    if opportunity is None:
        return None
    if not host_organisations_for_user(user=user).filter(pk=opportunity.organisation_id).exists():
        return None
    return opportunity


def _clean_query(text: str | None, limit: int = QUERY_MAX) -> str:
    return (text if isinstance(text, str) else "").replace("\x00", "")[:limit].strip()


def competencies_by_label(*, query: str, top: int = COMPETENCY_SEARCH_TOP) -> list:
    """Competencies of the regional map whose Dutch name (or explanation) has every word of ``query``.

    Names first, then explanations; no search index needed. [] for an empty query.
    """
    words = _clean_query(query).split()
    if not words:
        return []
    queryset = taxonomy_selectors.competency_list()
    for word in words[:10]:
        queryset = queryset.filter(Q(label__icontains=word) | Q(explanation__icontains=word))
    in_label = Q()
    for word in words[:10]:
        in_label &= Q(label__icontains=word)
    first = Case(When(in_label, then=Value(0)), default=Value(1), output_field=IntegerField())
    return list(queryset.annotate(_first=first).order_by("_first", "label", "code")[:top])


def competencies_by_codes(*, codes) -> dict:
    """Code → competency of the map, for the codes that exist (others are left out)."""
    clean = [
        code for code in codes if isinstance(code, str) and code and "\x00" not in code and len(code) <= 80
    ]
    if not clean:
        return {}
    return {c.code: c for c in taxonomy_selectors.competency_list().filter(code__in=clean)}


def competencies_from_text(*, text: str, top: int = 10) -> list[dict]:
    """Competencies of the map the ``text`` (a vacancy or assignment) asks for, best first.

    Rows of ``taxonomy.selectors.text_competencies``: ``{"code", "label", "explanation", "score",
    "phrase", "words", "spans"}``. There is no level guess. Nothing is stored. ``ApplicationError``
    (400) for an empty or over-long text, ``IndexMissing`` (503) when the search index is not built.
    """
    return taxonomy_selectors.text_competencies(text=text, top=top)["competencies"]
