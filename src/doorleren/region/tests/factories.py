"""The region comes from the data migration; tests pick municipalities by code."""

from doorleren.region.models import Municipality


def municipality(code: str = "GM0014") -> Municipality:
    """A municipality loaded by migration region/0003 (Groningen by default)."""
    return Municipality.objects.get(code=code)
