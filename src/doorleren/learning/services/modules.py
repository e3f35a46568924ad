"""Create and change modules, their competencies, prerequisites and start dates."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from doorleren.core.errors import ApplicationError
from doorleren.learning.models import (
    DeliveryMode,
    Language,
    Module,
    ModuleCompetency,
    ModulePrerequisite,
    ModuleStart,
    PublicationStatus,
)
from doorleren.taxonomy.levels import CompetencyLevel

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation
    from doorleren.region.models import Municipality
    from doorleren.taxonomy.models import Competency

# Organisations that may offer modules and certificates: schools, and companies that give training.
PROVIDER_KINDS = frozenset({"school", "employer"})
CODE_MAX_LENGTH = Module._meta.get_field("code").max_length
TITLE_MAX_LENGTH = Module._meta.get_field("title").max_length
MAX_HOURS = 100_000
MAX_PRICE_CENTS = 100_000_000_00  # 100 million euros: more is a typing error
_IN_BATCH = 500


class _Unchanged:
    """Marker for ``module_update``: leave this field as it is."""

    def __repr__(self) -> str:
        return "UNCHANGED"


UNCHANGED: Any = _Unchanged()


@dataclass(frozen=True)
class StartInput:
    """A start moment of a module; ``end_date`` and ``seats`` may be unknown."""

    start_date: date
    end_date: date | None = None
    seats: int | None = None


def provider_check(*, provider: Organisation) -> None:
    if provider.kind not in PROVIDER_KINDS:
        raise ApplicationError(
            _("Alleen een school of een bedrijf kan modules en certificaten aanbieden."),
            code="provider_kind_invalid",
        )


def _check_fields(
    *,
    code: str,
    title: str,
    hours: int,
    price_cents: int,
    nlqf_level: int | None,
    mode: str,
    municipality: Municipality | None,
    language: str,
    status: str,
) -> None:
    if not code.strip():
        raise ApplicationError(_("Vul een code in."), code="module_code_empty")
    if len(code) > CODE_MAX_LENGTH:
        raise ApplicationError(
            _("De code is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": CODE_MAX_LENGTH},
            code="module_code_too_long",
        )
    if not title.strip():
        raise ApplicationError(_("Vul een titel in."), code="module_title_empty")
    if len(title) > TITLE_MAX_LENGTH:
        raise ApplicationError(
            _("De titel is te lang. Gebruik hoogstens %(max)d tekens.") % {"max": TITLE_MAX_LENGTH},
            code="module_title_too_long",
        )
    if isinstance(hours, bool) or not isinstance(hours, int) or not 1 <= hours <= MAX_HOURS:
        raise ApplicationError(
            _("Het aantal uren moet een heel getal zijn van 1 tot en met %(max)d.") % {"max": MAX_HOURS},
            code="module_hours_invalid",
        )
    if (
        isinstance(price_cents, bool)
        or not isinstance(price_cents, int)
        or not 0 <= price_cents <= MAX_PRICE_CENTS
    ):
        raise ApplicationError(
            _("De prijs moet een bedrag in hele centen zijn, 0 of meer."), code="module_price_invalid"
        )
    if nlqf_level is not None and (isinstance(nlqf_level, bool) or nlqf_level not in range(1, 9)):
        raise ApplicationError(_("Het NLQF-niveau is 1 tot en met 8, of leeg."), code="module_nlqf_invalid")
    if mode not in DeliveryMode.values:
        raise ApplicationError(_("Kies de vorm: op locatie, online of gemengd."), code="module_mode_invalid")
    if mode == DeliveryMode.ONLINE and municipality is not None:
        raise ApplicationError(
            _("Een online module heeft geen gemeente. Laat de gemeente leeg."),
            code="module_online_with_location",
        )
    if mode != DeliveryMode.ONLINE and municipality is None:
        raise ApplicationError(
            _("Vul de gemeente in waar de module wordt gegeven."), code="module_location_missing"
        )
    if municipality is not None and not municipality.is_current:
        raise ApplicationError(
            _("De gemeente %(name)s bestaat niet meer. Kies de gemeente waarin zij is opgegaan.")
            % {"name": municipality.name},
            code="module_municipality_former",
        )
    if language not in Language.values:
        raise ApplicationError(_("Deze taal kennen wij niet."), code="module_language_invalid")
    if status not in PublicationStatus.values:
        raise ApplicationError(_("Kies de status: gepubliceerd of concept."), code="module_status_invalid")


def _check_competencies(competencies: Mapping[Competency, int]) -> None:
    for competency, level in competencies.items():
        if isinstance(level, bool) or level not in CompetencyLevel.values:
            raise ApplicationError(
                _("Het niveau van competentie %(label)s moet 1, 2, 3 of 4 zijn.")
                % {"label": competency.label},
                code="module_competency_level_invalid",
            )


def _check_starts(starts: Sequence[StartInput]) -> None:
    seen: set[date] = set()
    for start in starts:
        if start.start_date in seen:
            raise ApplicationError(
                _("De startdatum %(date)s staat er twee keer in.") % {"date": start.start_date.isoformat()},
                code="module_start_duplicate",
            )
        seen.add(start.start_date)
        if start.end_date is not None and start.end_date < start.start_date:
            raise ApplicationError(
                _("De einddatum %(end)s ligt voor de startdatum %(start)s.")
                % {"end": start.end_date.isoformat(), "start": start.start_date.isoformat()},
                code="module_start_end_before_start",
            )
        if start.seats is not None and (isinstance(start.seats, bool) or start.seats < 0):
            raise ApplicationError(_("Het aantal plaatsen is 0 of meer."), code="module_start_seats_invalid")


def _competencies_replace(*, module: Module, competencies: Mapping[Competency, int]) -> None:
    ModuleCompetency.objects.filter(module=module).delete()
    ModuleCompetency.objects.bulk_create(
        ModuleCompetency(module=module, competency=competency, level=level)
        for competency, level in competencies.items()
    )


def _starts_replace(*, module: Module, starts: Sequence[StartInput]) -> None:
    """Make the module's starts equal to ``starts``; rows for dates that stay keep their id."""
    wanted = {start.start_date: start for start in starts}
    existing = {start.start_date: start for start in ModuleStart.objects.filter(module=module)}
    ModuleStart.objects.filter(module=module).exclude(start_date__in=wanted.keys()).delete()
    changed = []
    for start_date, start in wanted.items():
        row = existing.get(start_date)
        if row is not None and (row.end_date, row.seats) != (start.end_date, start.seats):
            row.end_date, row.seats = start.end_date, start.seats
            changed.append(row)
    ModuleStart.objects.bulk_update(changed, ["end_date", "seats"])
    ModuleStart.objects.bulk_create(
        ModuleStart(module=module, start_date=d, end_date=s.end_date, seats=s.seats)
        for d, s in wanted.items()
        if d not in existing
    )


def prerequisite_cycle(*, module_ids: Iterable[int]) -> list[int] | None:
    """A cycle in the stored prerequisites reachable from ``module_ids``, or None.

    The cycle is a list of module ids that starts and ends with the same id, e.g. ``[1, 2, 1]``:
    module 1 needs 2 and 2 needs 1. Loads the reachable part of the graph in a few queries
    (one per step away from ``module_ids``) and searches it in memory.
    """
    graph: dict[int, list[int]] = {}
    frontier = set(module_ids)
    while frontier:
        batch = list(frontier)
        for module_id in batch:
            graph[module_id] = []
        for i in range(0, len(batch), _IN_BATCH):
            edges = ModulePrerequisite.objects.filter(module_id__in=batch[i : i + _IN_BATCH]).values_list(
                "module_id", "required_id"
            )
            for module_id, required_id in edges:
                graph[module_id].append(required_id)
        frontier = {r for m in batch for r in graph[m]} - graph.keys()
    return _find_cycle(graph)


def _find_cycle(graph: Mapping[int, Sequence[int]]) -> list[int] | None:
    """Iterative depth-first search; returns the first cycle found, or None."""
    done: set[int] = set()
    for root in sorted(graph):
        if root in done:
            continue
        path: list[int] = [root]
        on_path = {root}
        iterators = [iter(graph.get(root, ()))]
        while iterators:
            child = next(iterators[-1], None)
            if child is None:
                finished = path.pop()
                on_path.discard(finished)
                done.add(finished)
                iterators.pop()
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                path.append(child)
                on_path.add(child)
                iterators.append(iter(graph.get(child, ())))
    return None


def cycle_message(*, cycle: Sequence[int]) -> str:
    """``Cursus A (A1) → Cursus B (B1) → Cursus A (A1)`` as a Dutch sentence."""
    codes = dict(Module.objects.filter(pk__in=set(cycle)).values_list("pk", "code"))
    chain = " → ".join(codes.get(pk, str(pk)) for pk in cycle)
    return _(
        "Deze voorkennis maakt een kring: %(chain)s. Een module kan niet (via andere modules) zichzelf als voorkennis hebben."
    ) % {"chain": chain}


def _prerequisites_replace(*, module: Module, prerequisites: Sequence[Module]) -> None:
    if any(p.pk == module.pk for p in prerequisites):
        raise ApplicationError(
            _("Een module kan niet zichzelf als voorkennis hebben."), code="module_prerequisite_self"
        )
    ModulePrerequisite.objects.filter(module=module).delete()
    ModulePrerequisite.objects.bulk_create(
        ModulePrerequisite(module=module, required=p) for p in {p.pk: p for p in prerequisites}.values()
    )
    cycle = prerequisite_cycle(module_ids=[module.pk])
    if cycle is not None:
        raise ApplicationError(cycle_message(cycle=cycle), code="module_prerequisite_cycle")


def module_prerequisites_set(*, module: Module, prerequisites: Sequence[Module]) -> Module:
    """Replace what ``module`` needs first. Refuses the module itself and any cycle."""
    with transaction.atomic():
        _prerequisites_replace(module=module, prerequisites=prerequisites)
    return module


def module_create(
    *,
    provider: Organisation,
    code: str,
    title: str,
    hours: int,
    price_cents: int,
    mode: str,
    description: str = "",
    nlqf_level: int | None = None,
    municipality: Municipality | None = None,
    language: str = Language.DUTCH,
    status: str = PublicationStatus.DRAFT,
    competencies: Mapping[Competency, int] | None = None,
    prerequisites: Sequence[Module] = (),
    starts: Sequence[StartInput] = (),
) -> Module:
    """Add a module to the offer of ``provider`` (a school or a company).

    ``competencies`` maps each competency to the level (1-4) the module brings a learner to.
    """
    provider_check(provider=provider)
    code = code.strip()
    _check_fields(
        code=code,
        title=title,
        hours=hours,
        price_cents=price_cents,
        nlqf_level=nlqf_level,
        mode=mode,
        municipality=municipality,
        language=language,
        status=status,
    )
    competencies = competencies or {}
    _check_competencies(competencies)
    _check_starts(starts)
    with transaction.atomic():
        if Module.objects.filter(provider=provider, code=code).exists():
            raise ApplicationError(
                _("U heeft al een module met code %(code)s.") % {"code": code},
                code="module_code_taken",
                status=409,
            )
        module = Module(
            provider=provider,
            code=code,
            title=title.strip(),
            description=description.strip(),
            hours=hours,
            price_cents=price_cents,
            nlqf_level=nlqf_level,
            mode=mode,
            municipality=municipality,
            language=language,
            status=status,
        )
        try:
            with transaction.atomic():
                module.save()
        except IntegrityError as exc:  # another request created the same code just now
            raise ApplicationError(
                _("U heeft al een module met code %(code)s.") % {"code": code},
                code="module_code_taken",
                status=409,
            ) from exc
        _competencies_replace(module=module, competencies=competencies)
        if prerequisites:
            _prerequisites_replace(module=module, prerequisites=prerequisites)
        _starts_replace(module=module, starts=starts)
    return module


def module_update(
    *,
    module: Module,
    code: str = UNCHANGED,
    title: str = UNCHANGED,
    description: str = UNCHANGED,
    hours: int = UNCHANGED,
    price_cents: int = UNCHANGED,
    nlqf_level: int | None = UNCHANGED,
    mode: str = UNCHANGED,
    municipality: Municipality | None = UNCHANGED,
    language: str = UNCHANGED,
    status: str = UNCHANGED,
    competencies: Mapping[Competency, int] = UNCHANGED,
    prerequisites: Sequence[Module] = UNCHANGED,
    starts: Sequence[StartInput] = UNCHANGED,
) -> Module:
    """Change a module. Fields left at ``UNCHANGED`` stay as they are; lists given replace the old ones."""
    fields = {
        "code": code.strip() if code is not UNCHANGED else code,
        "title": title.strip() if title is not UNCHANGED else title,
        "description": description.strip() if description is not UNCHANGED else description,
        "hours": hours,
        "price_cents": price_cents,
        "nlqf_level": nlqf_level,
        "mode": mode,
        "municipality": municipality,
        "language": language,
        "status": status,
    }
    changes = {name: value for name, value in fields.items() if value is not UNCHANGED}
    merged = {name: getattr(module, name) for name in fields if name != "description"}
    merged.update({name: value for name, value in changes.items() if name != "description"})
    _check_fields(**merged)
    if competencies is not UNCHANGED:
        _check_competencies(competencies)
    if starts is not UNCHANGED:
        _check_starts(starts)
    code_taken = ApplicationError(
        _("U heeft al een module met code %(code)s.") % {"code": changes.get("code", module.code)},
        code="module_code_taken",
        status=409,
    )
    before = {name: getattr(module, name) for name in changes}
    try:
        with transaction.atomic():
            if "code" in changes and changes["code"] != module.code:
                others = Module.objects.filter(provider_id=module.provider_id, code=changes["code"])
                if others.exclude(pk=module.pk).exists():
                    raise code_taken
            for name, value in changes.items():
                setattr(module, name, value)
            if changes:
                try:
                    with transaction.atomic():
                        module.save(update_fields=[*changes, "updated_at"])
                except IntegrityError as exc:  # another request took the code just now
                    raise code_taken from exc
            if competencies is not UNCHANGED:
                _competencies_replace(module=module, competencies=competencies)
            if prerequisites is not UNCHANGED:
                _prerequisites_replace(module=module, prerequisites=prerequisites)
            if starts is not UNCHANGED:
                _starts_replace(module=module, starts=starts)
    except ApplicationError:
        for name, value in before.items():  # the database rolled back; so does the object
            setattr(module, name, value)
        raise
    return module
