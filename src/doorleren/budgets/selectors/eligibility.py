"""Who may get a grant rule, and what it pays for, in plain Dutch.

``rule_eligibility`` checks a rule against a resident's profile; ``RuleScope`` says whether a rule
pays for a module (NLQF level, sectors, providers). Both are used by the grant service, by "Mijn
budgetten" and by the co-funding split.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from doorleren.profiles import selectors as profiles_selectors
from doorleren.region import selectors as region_selectors

from ..models import EMPLOYER_SIZE_ORDER, FunderKind, GrantRule

if TYPE_CHECKING:
    from doorleren.organisations.models import Organisation
    from doorleren.profiles.models import ResidentProfile

NO_SCHOOL = "none"
# "At most this size": the sentence a resident reads when we do not know their employer.
_SIZE_CONDITION = {
    "micro": lambda: _("Alleen als uw werkgever minder dan 10 medewerkers heeft."),
    "small": lambda: _("Alleen als uw werkgever minder dan 50 medewerkers heeft."),
    "medium": lambda: _("Alleen als uw werkgever minder dan 250 medewerkers heeft."),
}


def day(value: dt.date) -> str:
    """A date as people read it: ``31 december 2026``."""
    return date_format(value, "j F Y")


def _join(names: list[str]) -> str:
    """``a``, ``a en b``, ``a, b en c``."""
    names = [name for name in names if name]
    if len(names) <= 1:
        return "".join(names)
    return _("%(first)s en %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


@dataclass(frozen=True)
class Eligibility:
    """``eligible``: every condition we can check holds. ``reasons``: why not. ``conditions``: what we
    cannot check ourselves (the resident's employer), as sentences the resident reads."""

    eligible: bool
    reasons: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()


def _education_rank(level: str) -> int | None:
    """Higher is more schooling; None when unknown. "No school finished" is below primary school (0)."""
    if level == NO_SCHOOL:
        return -1
    return profiles_selectors.education_nlqf_level(level=level) if level else None


def _target_groups(rule: GrantRule) -> list[str]:
    groups = []
    if rule.for_workers:
        groups.append(_("werkenden"))
    if rule.for_job_seekers:
        groups.append(_("werkzoekenden"))
    if rule.for_students:
        groups.append(_("studenten"))
    return groups


def _status_allowed(rule: GrantRule, status: str) -> bool:
    return {
        "worker": rule.for_workers,
        "job_seeker": rule.for_job_seekers,
        "student": rule.for_students,
    }.get(status, False)


def _size_rank(size_class: str) -> int | None:
    return EMPLOYER_SIZE_ORDER.index(size_class) if size_class in EMPLOYER_SIZE_ORDER else None


def rule_employer(*, rule: GrantRule) -> Organisation | None:
    """The employer a rule is bound to: the organisation of an employer funder, else None."""
    if rule.funder.kind == FunderKind.EMPLOYER:
        return rule.funder.organisation
    return None


def rule_eligibility(
    *,
    rule: GrantRule,
    profile: ResidentProfile | None,
    employer: Organisation | None = None,
    on: dt.date,
) -> Eligibility:
    """May the resident with ``profile`` get ``rule`` on day ``on``?

    ``employer``: the resident's employer, when known (a grant through an employer names it).
    Without it, a rule that depends on the employer is still eligible, with a condition sentence.
    Reads the rule's municipalities (prefetch them for lists).
    """
    reasons: list[str] = []
    conditions: list[str] = []
    if on < rule.valid_from:
        reasons.append(_("Deze regeling begint pas op %(date)s.") % {"date": day(rule.valid_from)})
    elif on > rule.valid_until:
        reasons.append(_("Deze regeling is gestopt op %(date)s.") % {"date": day(rule.valid_until)})
    if profile is None:
        reasons.append(_("Wij weten nog niet genoeg over u. Vul eerst uw profiel in."))
        return Eligibility(eligible=False, reasons=tuple(reasons))

    if not _status_allowed(rule, profile.status):
        reasons.append(
            _("Deze regeling is alleen voor %(groups)s.") % {"groups": _join(_target_groups(rule))}
        )

    municipalities = list(rule.municipalities.all())
    if municipalities:
        names = _join(sorted(m.name for m in municipalities))
        if profile.municipality is None:
            reasons.append(
                _("Deze regeling is alleen voor inwoners van %(names)s. Vul uw gemeente in.")
                % {"names": names}
            )
        else:
            current = region_selectors.municipality_current_for(municipality=profile.municipality)
            if current.pk not in {m.pk for m in municipalities}:
                reasons.append(_("Deze regeling is alleen voor inwoners van %(names)s.") % {"names": names})

    if rule.max_education_level:
        label = rule.get_max_education_level_display()
        have = _education_rank(profile.education_level)
        limit = _education_rank(rule.max_education_level)
        if have is None:
            reasons.append(
                _(
                    "Deze regeling is voor mensen met hoogstens deze opleiding: %(level)s. Vul uw hoogste opleiding in."
                )
                % {"level": label}
            )
        elif limit is not None and have > limit:
            reasons.append(
                _("Deze regeling is voor mensen met hoogstens deze opleiding: %(level)s.") % {"level": label}
            )

    bound_employer = rule_employer(rule=rule)
    if bound_employer is not None:
        if employer is None:
            conditions.append(_("Alleen als u bij %(employer)s werkt.") % {"employer": bound_employer.name})
        elif employer.pk != bound_employer.pk:
            reasons.append(
                _("Dit budget is alleen voor medewerkers van %(employer)s.")
                % {"employer": bound_employer.name}
            )
        employer = employer or bound_employer
    limit = _size_rank(rule.max_employer_size)
    if limit is not None and limit < len(EMPLOYER_SIZE_ORDER) - 1:
        if employer is None:
            conditions.append(_SIZE_CONDITION[rule.max_employer_size]())
        else:
            size = _size_rank(employer.size_class)
            if size is None:
                reasons.append(
                    _("Wij weten niet hoeveel medewerkers %(employer)s heeft.") % {"employer": employer.name}
                )
            elif size > limit:
                reasons.append(
                    _("Deze regeling is voor kleinere werkgevers. %(employer)s is te groot.")
                    % {"employer": employer.name}
                )
    return Eligibility(eligible=not reasons, reasons=tuple(reasons), conditions=tuple(conditions))


@dataclass(frozen=True)
class RuleScope:
    """What a rule pays for. ``sector_codes``/``provider_ids`` None: every sector or provider."""

    min_nlqf_level: int | None
    max_nlqf_level: int | None
    pays_without_level: bool
    sector_codes: frozenset[str] | None
    provider_ids: frozenset[int] | None

    @classmethod
    def of(cls, rule: GrantRule) -> RuleScope:
        """Reads ``rule.sectors`` and ``rule.providers`` (prefetch them for lists)."""
        sectors = frozenset(sector.code for sector in rule.sectors.all())
        providers = frozenset(provider.pk for provider in rule.providers.all())
        return cls(
            min_nlqf_level=rule.min_nlqf_level,
            max_nlqf_level=rule.max_nlqf_level,
            pays_without_level=rule.pays_without_level,
            sector_codes=sectors or None,
            provider_ids=providers or None,
        )

    def pays_for(
        self, *, nlqf_level: int | None, sector_codes: frozenset[str], provider_id: int | None
    ) -> bool:
        if nlqf_level is None:
            if not self.pays_without_level:
                return False
        else:
            if self.min_nlqf_level is not None and nlqf_level < self.min_nlqf_level:
                return False
            if self.max_nlqf_level is not None and nlqf_level > self.max_nlqf_level:
                return False
        if self.sector_codes is not None and not (self.sector_codes & sector_codes):
            return False
        return self.provider_ids is None or provider_id in self.provider_ids


def pays_for_sentences(*, rule: GrantRule) -> list[str]:
    """What the rule pays for, in short sentences (reads the rule's sectors and providers)."""
    low, high = rule.min_nlqf_level, rule.max_nlqf_level
    if low and high:
        level = (
            _("Voor modules van NLQF-niveau %(level)s.") % {"level": low}
            if low == high
            else _("Voor modules van NLQF-niveau %(low)s tot en met %(high)s.") % {"low": low, "high": high}
        )
    elif low:
        level = _("Voor modules van NLQF-niveau %(low)s of hoger.") % {"low": low}
    elif high:
        level = _("Voor modules tot en met NLQF-niveau %(high)s.") % {"high": high}
    else:
        level = _("Voor modules van elk niveau.")
    sentences = [level]
    sentences.append(
        _("Ook voor cursussen zonder niveau.")
        if rule.pays_without_level
        else _("Niet voor cursussen zonder niveau.")
    )
    sectors = sorted(sector.label for sector in rule.sectors.all())
    sentences.append(
        _("Alleen voor leren in deze sectoren: %(sectors)s.") % {"sectors": _join(sectors)}
        if sectors
        else _("Voor leren in alle sectoren.")
    )
    providers = sorted(provider.name for provider in rule.providers.all())
    sentences.append(
        _("Alleen bij %(providers)s.") % {"providers": _join(providers)}
        if providers
        else _("Bij alle aanbieders.")
    )
    return sentences


def conditions_sentences(*, rule: GrantRule) -> list[str]:
    """Who the rule is for, in short sentences (reads the rule's municipalities)."""
    sentences = [_("Voor %(groups)s.") % {"groups": _join(_target_groups(rule))}]
    municipalities = sorted(m.name for m in rule.municipalities.all())
    if municipalities:
        sentences.append(_("Alleen voor inwoners van %(names)s.") % {"names": _join(municipalities)})
    if rule.max_education_level:
        sentences.append(
            _("Voor mensen met hoogstens deze opleiding: %(level)s.")
            % {"level": rule.get_max_education_level_display()}
        )
    return sentences
