"""Format checks for Dutch organisation identifiers.

KvK numbers (Kamer van Koophandel) are 8 digits. The KvK publishes no checksum for them (the
old 11-test was dropped for new numbers), so this is a format check only: exactly 8 digits and
not all zeros. Whether the number exists can only be checked with the KvK API, which we do not call.

BRIN codes (DUO) identify schools: 4 characters, 2 digits then 2 letters or digits, e.g. ``25LX``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

KVK_PATTERN = re.compile(r"^[0-9]{8}$")
BRIN_PATTERN = re.compile(r"^[0-9]{2}[A-Z0-9]{2}$")


def kvk_number_normalise(value: str) -> str:
    """Remove spaces, dots and dashes people type in a KvK number (``12 34 56 78`` → ``12345678``)."""
    return re.sub(r"[\s.\-]", "", value or "")


def brin_code_normalise(value: str) -> str:
    """Trim and upper-case a BRIN code (``25lx`` → ``25LX``)."""
    return re.sub(r"\s", "", value or "").upper()


def validate_kvk_number(value: str) -> None:
    if not KVK_PATTERN.match(value or ""):
        raise ValidationError(
            _("Een KvK-nummer heeft precies 8 cijfers, bijvoorbeeld 12345678."), code="invalid_kvk_number"
        )
    if value == "00000000":
        raise ValidationError(_("00000000 is geen echt KvK-nummer."), code="invalid_kvk_number")


def validate_brin_code(value: str) -> None:
    if not BRIN_PATTERN.match(value or ""):
        raise ValidationError(
            _("Een BRIN-code heeft 4 tekens: 2 cijfers en dan 2 letters of cijfers, bijvoorbeeld 25LX."),
            code="invalid_brin_code",
        )
