"""Amounts people type (``450``, ``12,35``, ``€ 0.1``) → whole cents, exactly, with ``Decimal``."""

import re
from decimal import Decimal

# Whole euros, optionally a decimal comma or point with 1 or 2 digits. No thousands separators:
# "1.234" could mean 1234 or 1,234, so we refuse it rather than guess.
_EURO_PATTERN = re.compile(r"^(?P<euros>\d{1,12})(?:[.,](?P<cents>\d{1,2}))?$")


def euro_text_to_cents(text: str) -> int:
    """``"12,35"`` → 1235, ``"0,1"`` → 10, ``"450"`` → 45000, ``"€ 7.5"`` → 750.

    Raises ``ValueError`` for anything else: negative amounts, letters, thousands separators,
    more than 2 decimals.
    """
    cleaned = re.sub(r"\s", "", text or "").removeprefix("€")
    match = _EURO_PATTERN.match(cleaned)
    if match is None:
        raise ValueError(text)
    amount = Decimal(match["euros"] + "." + (match["cents"] or "0"))
    return int(amount * 100)  # exact: at most 2 decimals
