"""Read the learning offer. Public pages and the API only show published modules and offers."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from django.db.models import (
    BigIntegerField,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from doorleren.accounts.selectors import user_organisations
from doorleren.learning.models import (
    Certificate,
    Diploma,
    Module,
    ModuleCompetency,
    ModulePrerequisite,
    ModuleStart,
    PracticalLearningOffer,
    PracticalOfferCompetency,
    PublicationStatus,
)
from doorleren.learning.services.modules import PROVIDER_KINDS
from doorleren.organisations.selectors import organisations_all, organisations_version
from doorleren.region.selectors import municipalities_current
from doorleren.taxonomy import selectors as taxonomy_selectors

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality
    from doorleren.taxonomy.models import Competency, Sector

MAX_SEARCH_WORDS = 8
IMPORT_ROLES = frozenset({"school", "employer"})


def _clean(text: str | None) -> str:
    """Text from a query string without NUL characters (PostgreSQL refuses them: a 500, not a search)."""
    return (text or "").replace("\x00", "")


def _words(q: str | None) -> list[str]:
    return _clean(q).split()[:MAX_SEARCH_WORDS]


def _module_relations(queryset: QuerySet[Module]) -> QuerySet[Module]:
    """Everything a card or a list row shows, in 3 queries whatever the number of modules."""
    return queryset.select_related("provider", "municipality").prefetch_related(
        Prefetch(
            "competency_links",
            queryset=ModuleCompetency.objects.select_related("competency").order_by(
                "-level", "competency__label"
            ),
        ),
        Prefetch(
            "starts",
            queryset=ModuleStart.objects.filter(start_date__gte=timezone.localdate()).order_by("start_date"),
            to_attr="upcoming_starts",
        ),
    )


def modules_published() -> QuerySet[Module]:
    return Module.objects.filter(status=PublicationStatus.PUBLISHED)


def modules_search(
    *,
    q: str | None = None,
    competency_codes: Sequence[str] | None = None,
    sector: str | None = None,
    municipality: Municipality | None = None,
    mode: str | None = None,
    max_price_cents: int | None = None,
    nlqf: int | None = None,
    provider: Organisation | None = None,
) -> QuerySet[Module]:
    """Published modules that match every filter given; empty filters do not filter.

    ``q``: each word must be in the title, the description, the provider's name or the label of
    a competency the module teaches. ``competency_codes``: teaches at least one of them.
    ``sector``: a ``taxonomy.Sector`` code; teaches a competency of that sector.
    ``municipality``: takes place there (online modules have no place).
    """
    queryset = modules_published()
    for word in _words(q):
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(provider__name__icontains=word)
            | Exists(
                ModuleCompetency.objects.filter(module=OuterRef("pk"), competency__label__icontains=word)
            )
        )
    if competency_codes:
        queryset = queryset.filter(
            Exists(
                ModuleCompetency.objects.filter(
                    module=OuterRef("pk"), competency__code__in=list(competency_codes)
                )
            )
        )
    if sector:
        queryset = queryset.filter(
            Exists(ModuleCompetency.objects.filter(module=OuterRef("pk"), competency__sectors__code=sector))
        )
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if mode:
        queryset = queryset.filter(mode=mode)
    if max_price_cents is not None:
        queryset = queryset.filter(price_cents__lte=max_price_cents)
    if nlqf is not None:
        queryset = queryset.filter(nlqf_level=nlqf)
    if provider is not None:
        queryset = queryset.filter(provider=provider)
    return _module_relations(queryset).order_by("title", "id")


def modules_for_provider(*, provider: Organisation) -> QuerySet[Module]:
    """All modules of one school or company, drafts too, by title.

    For the provider's own pages only; the public sees published modules (``modules_search``).
    """
    return _module_relations(Module.objects.filter(provider=provider)).order_by("title", "id")


def module_detail(*, module_id: int) -> Module | None:
    """A published module with its competencies, starts, prerequisites and certificates; else None."""
    return (
        _module_relations(modules_published().filter(pk=module_id))
        .prefetch_related(
            Prefetch("starts", queryset=ModuleStart.objects.order_by("start_date"), to_attr="all_starts"),
            Prefetch("prerequisites", queryset=Module.objects.select_related("provider").order_by("title")),
            Prefetch(
                "required_for", queryset=modules_published().select_related("provider").order_by("title")
            ),
            Prefetch("certificates", queryset=_certificates_with_totals()),
        )
        .first()
    )


def _certificates_with_totals() -> QuerySet[Certificate]:
    """Certificates with ``module_count``, ``total_hours`` and ``total_price_cents``.

    Subqueries, not joins: a join would be narrowed by a prefetch filter (``module.certificates``)
    or multiplied by other joins.
    """
    links = (
        Certificate.modules.through.objects.filter(certificate=OuterRef("pk"))
        .order_by()
        .values("certificate")
    )

    def total(expression, output_field):
        return Coalesce(
            Subquery(links.annotate(value=expression).values("value"), output_field=output_field),
            Value(0),
            output_field=output_field,
        )

    return (
        Certificate.objects.select_related("provider")
        .annotate(
            module_count=total(Count("module"), IntegerField()),
            total_hours=total(Sum("module__hours"), BigIntegerField()),
            total_price_cents=total(Sum("module__price_cents"), BigIntegerField()),
        )
        .order_by("title", "id")
    )


def certificates_for_module(*, module: Module) -> QuerySet[Certificate]:
    """Certificates this module counts for, with their total hours and price."""
    return _certificates_with_totals().filter(pk__in=Certificate.objects.filter(modules=module).values("pk"))


def certificate_list(*, q: str | None = None) -> QuerySet[Certificate]:
    queryset = _certificates_with_totals()
    for word in _words(q):
        queryset = queryset.filter(
            pk__in=Certificate.objects.filter(
                Q(title__icontains=word) | Q(description__icontains=word) | Q(provider__name__icontains=word)
            ).values("pk")
        )
    return queryset


def certificate_detail(*, certificate_id: int) -> Certificate | None:
    """A certificate with its modules (and what they teach), totals and diplomas."""
    return (
        _certificates_with_totals()
        .filter(pk=certificate_id)
        .prefetch_related(
            Prefetch("modules", queryset=_module_relations(Module.objects.order_by("title", "id"))),
            Prefetch("diplomas", queryset=Diploma.objects.select_related("provider").order_by("title")),
        )
        .first()
    )


def diploma_list() -> QuerySet[Diploma]:
    return (
        Diploma.objects.select_related("provider")
        .annotate(certificate_count=Count("certificates"))
        .order_by("title", "id")
    )


def diploma_detail(*, diploma_id: int) -> Diploma | None:
    """A diploma with its certificates (with totals) and which of them are required."""
    return (
        Diploma.objects.select_related("provider")
        .filter(pk=diploma_id)
        .prefetch_related(
            Prefetch(
                "certificates",
                queryset=_certificates_with_totals().prefetch_related(
                    Prefetch("modules", queryset=Module.objects.order_by("title", "id"))
                ),
            ),
            Prefetch("required_certificates", queryset=Certificate.objects.order_by("title", "id")),
        )
        .first()
    )


def diploma_needed_count(*, diploma: Diploma) -> int:
    """How many of the listed certificates a learner needs (``min_certificates``, or all)."""
    listed = len(diploma.certificates.all())
    return listed if diploma.min_certificates is None else min(diploma.min_certificates, listed)


def diploma_rules(*, diploma: Diploma) -> list[str]:
    """The diploma's rule in plain Dutch sentences, for the page and the API."""
    listed = len(diploma.certificates.all())
    required = [c.title for c in diploma.required_certificates.all()]
    needed = diploma_needed_count(diploma=diploma)
    sentences = []
    if needed == listed:
        sentences.append(
            ngettext(
                "U heeft het certificaat van dit diploma nodig.",
                "U heeft alle %(count)d certificaten van dit diploma nodig.",
                listed,
            )
            % {"count": listed}
        )
    else:
        sentences.append(
            _("U heeft %(needed)d van de %(count)d certificaten van dit diploma nodig.")
            % {"needed": needed, "count": listed}
        )
        if required:
            sentences.append(
                ngettext(
                    "Dit certificaat moet erbij zijn: %(titles)s.",
                    "Deze certificaten moeten erbij zijn: %(titles)s.",
                    len(required),
                )
                % {"titles": ", ".join(required)}
            )
            if needed > len(required):
                sentences.append(
                    ngettext(
                        "Daarnaast kiest u zelf nog %(count)d certificaat.",
                        "Daarnaast kiest u zelf nog %(count)d certificaten.",
                        needed - len(required),
                    )
                    % {"count": needed - len(required)}
                )
        else:
            sentences.append(_("U kiest zelf welke."))
    sentences.append(_("U krijgt een certificaat als u alle modules van dat certificaat heeft gehaald."))
    return sentences


@dataclass(frozen=True)
class CertificateProgress:
    certificate: Certificate
    missing_modules: tuple[Module, ...]

    @property
    def complete(self) -> bool:
        return not self.missing_modules


@dataclass(frozen=True)
class DiplomaMissing:
    """What is still missing for a diploma.

    ``required_certificates``: required certificates not complete yet. ``certificates_needed``: how
    many more certificates the learner must complete in total (required ones included).
    ``choices``: the other incomplete certificates, to choose from when more are needed.
    """

    required_certificates: tuple[CertificateProgress, ...]
    certificates_needed: int
    choices: tuple[CertificateProgress, ...]


class DiplomaProgress(NamedTuple):
    complete: bool
    missing: DiplomaMissing


def diploma_progress(*, diploma: Diploma, completed_module_ids: Iterable[int]) -> DiplomaProgress:
    """Does a learner who completed ``completed_module_ids`` get ``diploma``, and if not, what is missing?

    A certificate is complete when all its modules are completed. The diploma is complete when
    every required certificate is complete and at least ``diploma_needed_count`` listed
    certificates are complete (required ones count). Two queries, whatever the size.
    """
    done = set(completed_module_ids)
    certificates = list(
        diploma.certificates.order_by("title", "id").prefetch_related(
            Prefetch("modules", queryset=Module.objects.select_related("provider").order_by("title", "id"))
        )
    )
    required_ids = set(diploma.required_certificates.values_list("pk", flat=True))
    progress = [
        CertificateProgress(
            certificate=c, missing_modules=tuple(m for m in c.modules.all() if m.pk not in done)
        )
        for c in certificates
    ]
    completed = sum(1 for p in progress if p.complete)
    needed = (
        len(certificates)
        if diploma.min_certificates is None
        else min(diploma.min_certificates, len(certificates))
    )
    missing_required = tuple(p for p in progress if p.certificate.pk in required_ids and not p.complete)
    still_needed = max(needed - completed, len(missing_required))
    choices = tuple(p for p in progress if p.certificate.pk not in required_ids and not p.complete)
    if still_needed <= len(missing_required):
        choices = ()
    return DiplomaProgress(
        complete=still_needed == 0,
        missing=DiplomaMissing(
            required_certificates=missing_required, certificates_needed=still_needed, choices=choices
        ),
    )


def practical_offers_search(
    *,
    q: str | None = None,
    competency_codes: Sequence[str] | None = None,
    sector: str | None = None,
    municipality: Municipality | None = None,
    kind: str | None = None,
    provider: Organisation | None = None,
) -> QuerySet[PracticalLearningOffer]:
    """Published practical learning offers of companies; filters as in ``modules_search``."""
    queryset = PracticalLearningOffer.objects.filter(status=PublicationStatus.PUBLISHED)
    for word in _words(q):
        queryset = queryset.filter(
            Q(title__icontains=word)
            | Q(description__icontains=word)
            | Q(provider__name__icontains=word)
            | Exists(
                PracticalOfferCompetency.objects.filter(
                    offer=OuterRef("pk"), competency__label__icontains=word
                )
            )
        )
    if competency_codes:
        queryset = queryset.filter(
            Exists(
                PracticalOfferCompetency.objects.filter(
                    offer=OuterRef("pk"), competency__code__in=list(competency_codes)
                )
            )
        )
    if sector:
        queryset = queryset.filter(
            Exists(
                PracticalOfferCompetency.objects.filter(
                    offer=OuterRef("pk"), competency__sectors__code=sector
                )
            )
        )
    if municipality is not None:
        queryset = queryset.filter(municipality=municipality)
    if kind:
        queryset = queryset.filter(kind=kind)
    if provider is not None:
        queryset = queryset.filter(provider=provider)
    return (
        queryset.select_related("provider", "municipality")
        .prefetch_related(
            Prefetch(
                "competency_links",
                queryset=PracticalOfferCompetency.objects.select_related("competency").order_by(
                    "-level", "competency__label"
                ),
            )
        )
        .order_by("title", "id")
    )


@dataclass(frozen=True)
class FilterOptions:
    """What a search form offers."""

    competencies: list[Competency]
    sectors: list[Sector]
    municipalities: list[Municipality]
    providers: list[Organisation]


def _competencies() -> QuerySet[Competency]:
    """The competency map, only what a filter shows (code and label)."""
    return taxonomy_selectors.competency_list().prefetch_related(None).only("pk", "code", "label")


def _filter_options(
    *, links: QuerySet, items: QuerySet, include_competency_code: str | None, with_providers: bool
) -> FilterOptions:
    competencies = list(
        _competencies().filter(Exists(links.filter(competency=OuterRef("pk")))).order_by("label")
    )
    include_competency_code = _clean(include_competency_code)
    if include_competency_code and all(c.code != include_competency_code for c in competencies):
        # A link from elsewhere ("learn this competency") stays valid when nothing teaches it yet.
        extra = _competencies().filter(code=include_competency_code).first()
        if extra is not None:
            competencies = sorted([*competencies, extra], key=lambda c: c.label)
    return FilterOptions(
        competencies=competencies,
        sectors=list(taxonomy_selectors.sector_list()),
        municipalities=list(municipalities_current().filter(pk__in=items.values("municipality_id"))),
        providers=list(organisations_all().filter(pk__in=items.values("provider_id")))
        if with_providers
        else [],
    )


def module_filter_options(*, include_competency_code: str | None = None) -> FilterOptions:
    """Choices for the module search form: only values that give results (and a linked competency)."""
    return _filter_options(
        links=ModuleCompetency.objects.filter(module__status=PublicationStatus.PUBLISHED),
        items=modules_published(),
        include_competency_code=include_competency_code,
        with_providers=True,
    )


def practical_filter_options(*, include_competency_code: str | None = None) -> FilterOptions:
    """Choices for the practical offers form."""
    return _filter_options(
        links=PracticalOfferCompetency.objects.filter(offer__status=PublicationStatus.PUBLISHED),
        items=PracticalLearningOffer.objects.filter(status=PublicationStatus.PUBLISHED),
        include_competency_code=include_competency_code,
        with_providers=False,
    )


def competencies_known(*, codes: Sequence[str]) -> set[str]:
    """Which of ``codes`` are competencies of the map."""
    return set(_competencies().filter(code__in=list(codes)).values_list("code", flat=True))


def sector_known(*, code: str) -> bool:
    return taxonomy_selectors.sector_list().filter(code=code).exists()


def provider_for_filter(*, provider_id: int) -> Organisation | None:
    """The school or company with this id, to filter modules on; None when there is none."""
    return organisations_all().filter(pk=provider_id, kind__in=PROVIDER_KINDS).first()


def import_providers_for_user(*, user) -> list[Organisation]:
    """Organisations for which ``user`` may import modules.

    Only school and employer users, and only for schools or companies they are a member of.
    """
    if not getattr(user, "is_authenticated", False) or getattr(user, "role", None) not in IMPORT_ROLES:
        return []
    return list(user_organisations(user=user).filter(kind__in=PROVIDER_KINDS).order_by("name"))


@dataclass(frozen=True)
class OfferModule:
    """A module as a learning route sees it: what it teaches (competency code → level) and needs first."""

    module: Module
    teaches: dict[str, int]
    requires: tuple[int, ...]


@dataclass(frozen=True)
class RouteOffer:
    """The published offer a learning route may use.

    ``modules``: published modules whose prerequisites (and theirs) are all published, prerequisites
    before the modules that need them. ``certificates``: certificate id → the ids of its modules, for
    certificates whose modules are all in ``modules``.
    """

    modules: tuple[OfferModule, ...]
    certificates: dict[int, tuple[int, ...]]


_offer_lock = threading.Lock()
_offer_cached: tuple[tuple, RouteOffer] | None = None


def _route_offer_version() -> tuple:
    """A fingerprint of everything ``route_offer`` reads; it changes with every write.

    Modules and organisations are saved (``updated_at``) by every service that changes them; the
    competencies, prerequisites and certificate links of a module are replaced (deleted and made
    again, new ids), so their count and highest id change. Four aggregate queries.
    """
    modules = Module.objects.aggregate(n=Count("id"), last=Max("updated_at"))
    parts = [modules["n"], modules["last"], *organisations_version()]
    for model in (ModuleCompetency, ModulePrerequisite, Certificate.modules.through):
        found = model.objects.aggregate(n=Count("id"), last=Max("id"))
        parts += [found["n"], found["last"]]
    return tuple(parts)


def route_offer() -> RouteOffer:
    """The published modules a learner can take, with what they teach and need first.

    A module that needs an unpublished module (or is part of a prerequisite cycle) cannot be
    taken, so it is left out, and so is every module that needs it. Kept per process until the
    offer changes (``_route_offer_version``): reading it costs four queries and 20 ms with 400 modules,
    checking the version a few milliseconds. The modules in it are shared: read them, never change them.
    """
    global _offer_cached
    version = _route_offer_version()
    with _offer_lock:
        if _offer_cached is None or _offer_cached[0] != version:
            _offer_cached = (version, _route_offer_read())
        return _offer_cached[1]


def route_offer_cache_clear() -> None:
    """Forget the kept offer (tests: each test has its own database)."""
    global _offer_cached
    with _offer_lock:
        _offer_cached = None


def _route_offer_read() -> RouteOffer:
    """Four queries."""
    modules = {
        module.pk: module for module in modules_published().select_related("provider").order_by("title", "id")
    }
    teaches: dict[int, dict[str, int]] = {pk: {} for pk in modules}
    for module_id, code, level in ModuleCompetency.objects.filter(module_id__in=modules).values_list(
        "module_id", "competency__code", "level"
    ):
        teaches[module_id][code] = level
    requires: dict[int, list[int]] = {pk: [] for pk in modules}
    for module_id, required_id in ModulePrerequisite.objects.filter(module_id__in=modules).values_list(
        "module_id", "required_id"
    ):
        requires[module_id].append(required_id)
    # Kahn's order: a module is available once all it requires is available.
    waiting = {pk: len(set(required)) for pk, required in requires.items()}
    needed_by: dict[int, list[int]] = {}
    for pk, required in requires.items():
        for required_id in set(required):
            needed_by.setdefault(required_id, []).append(pk)
    ready = [pk for pk in modules if waiting[pk] == 0]
    order: list[int] = []
    while ready:
        pk = ready.pop(0)
        order.append(pk)
        for other in needed_by.get(pk, []):
            waiting[other] -= 1
            if waiting[other] == 0:
                ready.append(other)
    available = set(order)
    certificate_modules: dict[int, list[int]] = {}
    for certificate_id, module_id in Certificate.modules.through.objects.values_list(
        "certificate_id", "module_id"
    ):
        certificate_modules.setdefault(certificate_id, []).append(module_id)
    return RouteOffer(
        modules=tuple(
            OfferModule(module=modules[pk], teaches=teaches[pk], requires=tuple(sorted(set(requires[pk]))))
            for pk in order
        ),
        certificates={
            certificate_id: tuple(sorted(set(ids)))
            for certificate_id, ids in certificate_modules.items()
            if set(ids) <= available
        },
    )


def module_starts_from(*, module_ids: Iterable[int], on_or_after) -> dict[int, list[ModuleStart]]:
    """Module id → its starts on or after the date ``on_or_after``, earliest first. One query.

    For the dates of a learning route (``matching.selectors.route_plan``).
    """
    found: dict[int, list[ModuleStart]] = {}
    for start in ModuleStart.objects.filter(
        module_id__in=list(module_ids), start_date__gte=on_or_after
    ).order_by("start_date", "id"):
        found.setdefault(start.module_id, []).append(start)
    return found


def module_sector_codes(*, module_ids: Iterable[int]) -> dict[int, frozenset[str]]:
    """Module id → the codes of the sectors of the competencies it teaches (empty when none). One query.

    For what a budget may pay for (``budgets.selectors.funding_split_for_modules``).
    """
    ids = list(module_ids)
    found: dict[int, set[str]] = {pk: set() for pk in ids}
    for module_id, code in ModuleCompetency.objects.filter(
        module_id__in=ids, competency__sectors__isnull=False
    ).values_list("module_id", "competency__sectors__code"):
        found[module_id].add(code)
    return {pk: frozenset(codes) for pk, codes in found.items()}


# --- issue 5: companies offer learning in practice (docs/opportunities.md, "Leren bij bedrijven") ----


def practical_providers_for_user(*, user) -> QuerySet[Organisation]:
    """The companies (employers) ``user`` works for: they may offer learning in practice."""
    return user_organisations(user=user).filter(kind="employer").order_by("name", "id")


def practical_offers_for_provider(*, provider: Organisation) -> QuerySet[PracticalLearningOffer]:
    """Everything ``provider`` offers in practice, drafts too, by title; for its own pages."""
    return (
        PracticalLearningOffer.objects.filter(provider=provider)
        .select_related("municipality", "provider")
        .prefetch_related(
            Prefetch(
                "competency_links", queryset=PracticalOfferCompetency.objects.select_related("competency")
            )
        )
        .order_by("title", "id")
    )


def competencies_for_pick() -> list[Competency]:
    """All competencies of the map (code and Dutch name), by name: for a list to pick from."""
    return list(_competencies().order_by("label", "code"))


def competency_by_label_or_code(*, text: str) -> Competency | None:
    """The competency whose Dutch name (any case) or code is ``text``; None when there is none."""
    text = _clean(text).strip()[:200]
    if not text:
        return None
    return (
        _competencies().filter(label__iexact=text).order_by("code").first()
        or _competencies().filter(code=text).first()
    )
