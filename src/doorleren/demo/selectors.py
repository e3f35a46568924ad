"""Read the demo back: a fingerprint of its content, to prove that the same seed gives the same data."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.contrib.auth import get_user_model

from doorleren.learning.models import ModuleCompetency
from doorleren.opportunities.models import Opportunity, OpportunityCompetency
from doorleren.organisations.models import Organisation
from doorleren.profiles.models import ResidentCompetency, ResidentProfile

from .models import DEMO_EMAIL_DOMAIN

User = get_user_model()


def _feed(digest, rows: Iterable) -> None:
    for row in rows:
        digest.update(repr(tuple(row)).encode())
        digest.update(b"\n")


def demo_fingerprint() -> str:
    """SHA-256 over the demo's content, independent of database ids.

    Covers residents (username, name, municipality code, status, education, birth year and their
    competency codes with levels), organisations, modules with their competencies, and
    opportunities with what they ask. Meant for small demos (tests): the opportunities are
    compared in memory.
    """
    digest = hashlib.sha256()
    residents = ResidentProfile.objects.filter(user__email__endswith=f"@{DEMO_EMAIL_DOMAIN}")
    _feed(
        digest,
        residents.order_by("user__username")
        .values_list(
            "user__username",
            "user__first_name",
            "user__last_name",
            "municipality__code",
            "status",
            "education_level",
            "birth_year",
            "hours_per_week",
            "max_travel_km",
        )
        .iterator(chunk_size=5000),
    )
    _feed(
        digest,
        ResidentCompetency.objects.filter(profile__in=residents)
        .order_by("profile__user__username", "competency__code")
        .values_list("profile__user__username", "competency__code", "level", "source", "evidence")
        .iterator(chunk_size=5000),
    )
    _feed(
        digest,
        Organisation.objects.order_by("kind", "kvk_number", "brin_code", "name").values_list(
            "kind", "name", "kvk_number", "brin_code", "sector_code", "size_class", "municipality__code"
        ),
    )
    _feed(
        digest,
        ModuleCompetency.objects.order_by("module__provider__name", "module__code", "competency__code")
        .values_list(
            "module__provider__name",
            "module__code",
            "module__title",
            "module__hours",
            "module__price_cents",
            "module__nlqf_level",
            "module__mode",
            "competency__code",
            "level",
        )
        .iterator(chunk_size=5000),
    )
    opportunities = Opportunity.objects.order_by(
        "kind", "organisation__name", "title", "hours_per_week", "pk"
    )
    # Opportunities of one organisation with the same title are interchangeable, so compare per
    # opportunity its sorted requirements instead of relying on insertion ids.
    requirements: dict[int, list] = {}
    for opportunity_id, code, level, essential in (
        OpportunityCompetency.objects.order_by("opportunity_id")
        .values_list("opportunity_id", "competency__code", "level", "essential")
        .iterator(chunk_size=5000)
    ):
        requirements.setdefault(opportunity_id, []).append((code, level, essential))
    _feed(
        digest,
        sorted(
            (kind, org, title, hours, municipality, tuple(sorted(requirements.get(pk, []))))
            for pk, kind, org, title, hours, municipality in opportunities.values_list(
                "pk", "kind", "organisation__name", "title", "hours_per_week", "municipality__code"
            )
        ),
    )
    return digest.hexdigest()
