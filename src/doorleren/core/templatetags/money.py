"""Money on screen: whole cents → Dutch euro notation.

``{% load money %}{{ module.price_cents|euro }}`` → ``€ 1.234,50``. Amounts are stored as whole
cents (never floats); this only formats them.
"""

import re

from django import template

register = template.Library()


def format_euro(cents: int) -> str:
    """Format whole cents in Dutch notation: ``45000`` → ``€ 450,00``, ``123456`` → ``€ 1.234,56``."""
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"€ {sign}{grouped},{rest:02d}"


@register.filter(name="euro")
def euro(value) -> str:
    """Template filter around ``format_euro``; empty for anything that is not a whole number of cents."""
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return format_euro(value)
    if isinstance(value, str) and re.fullmatch(r"-?\d+", value.strip()):
        return format_euro(int(value.strip()))
    return ""
