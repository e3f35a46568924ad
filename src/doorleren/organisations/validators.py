"""Format checks for Dutch organisation identifiers.

KvK numbers (Kamer van Koophandel) are 8 digits. The KvK publishes no checksum for them (the
old 11-test was dropped for new numbers), so this is a format check only: exactly 8 digits and
not all zeros. Whether the number exists can only be checked with the KvK API, which we do not call.

BRIN codes (DUO) identify schools: 4 characters, 2 digits then 2 letters or digits, e.g. ``25LX``.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

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


# --- IBAN: the bank account a school or company that offers modules is paid on -------------------
# Checked with python-stdnum (format, length per country and the check digits). doorleren only pays
# Dutch accounts, so an IBAN from another country is refused too.

IBAN_MAX = 34
IBAN_COUNTRY = "NL"


def iban_normalise(value: str) -> str:
    """Remove spaces, dashes and dots and write it in capitals (``nl91 abna 0417 1643 00`` →
    ``NL91ABNA0417164300``)."""
    return stdnum_iban.compact(value or "")


IBAN_PATTERN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$")
IBAN_NL_LENGTH = 18


def validate_iban(value: str) -> None:
    """A Dutch IBAN with correct check digits (``value`` already normalised), else a Dutch message.
    The shape, the country and the length first (clearer messages), then python-stdnum: the bank
    part (4 letters, 10 digits) and the check digits."""
    value = value or ""
    if not IBAN_PATTERN.match(value):
        raise ValidationError(
            _("Dit is geen IBAN. Een IBAN ziet er zo uit: NL91 ABNA 0417 1643 00."), code="invalid_iban"
        )
    if value[:2] != IBAN_COUNTRY:
        raise ValidationError(
            _(
                "Vul een Nederlands rekeningnummer in. Het begint met NL, bijvoorbeeld NL91 ABNA 0417 1643 00."
            ),
            code="invalid_iban",
        )
    if len(value) != IBAN_NL_LENGTH:
        raise ValidationError(
            _(
                "Dit rekeningnummer heeft niet het goede aantal tekens. Een Nederlands IBAN heeft 18 tekens, "
                "bijvoorbeeld NL91 ABNA 0417 1643 00."
            ),
            code="invalid_iban",
        )
    try:
        stdnum_iban.validate(value, check_country=True)
    except InvalidChecksum:
        raise ValidationError(
            _("Dit rekeningnummer klopt niet. Kijk de cijfers en letters nog eens na."), code="invalid_iban"
        ) from None
    except StdnumError:
        raise ValidationError(
            _("Dit is geen IBAN. Een IBAN ziet er zo uit: NL91 ABNA 0417 1643 00."), code="invalid_iban"
        ) from None


def iban_formatted(value: str) -> str:
    """In groups of four, as on a bank card: ``NL91 ABNA 0417 1643 00``."""
    value = value or ""
    return " ".join(value[start : start + 4] for start in range(0, len(value), 4))


def iban_masked(value: str) -> str:
    """Only the country and the last four characters: ``NL** **** **** **43 00``. For everyone who may
    know that an organisation has an account, but not which one."""
    value = value or ""
    if len(value) <= 6:
        return "*" * len(value)
    return iban_formatted(value[:2] + "*" * (len(value) - 6) + value[-4:])
