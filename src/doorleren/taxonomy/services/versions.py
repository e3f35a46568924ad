"""The taxonomy's version counters: they change whenever an import or a map load changes data."""

from django.db import transaction
from django.db.models import F

from doorleren.taxonomy.models import TaxonomyVersion


def taxonomy_version_bump(*, name: str) -> int:
    """Raise the counter ``name`` ("esco" or "map") by one; return the new value."""
    with transaction.atomic():
        TaxonomyVersion.objects.get_or_create(name=name)
        TaxonomyVersion.objects.filter(name=name).update(version=F("version") + 1)
        return TaxonomyVersion.objects.get(name=name).version
