import pytest
from django.core.exceptions import ValidationError

from doorleren.organisations.validators import (
    brin_code_normalise,
    kvk_number_normalise,
    validate_brin_code,
    validate_kvk_number,
)


@pytest.mark.parametrize("value", ["12345678", "01234567", "90000001"])
def test_valid_kvk_numbers(value):
    validate_kvk_number(value)


@pytest.mark.parametrize(
    "value", ["1234567", "123456789", "1234567a", "00000000", "", "１２３４５６７８", "1234 5678"]
)
def test_invalid_kvk_numbers(value):
    with pytest.raises(ValidationError) as excinfo:
        validate_kvk_number(value)
    assert excinfo.value.code == "invalid_kvk_number"


def test_kvk_normalise_removes_spaces_dots_and_dashes():
    assert kvk_number_normalise(" 12.34-56 78 ") == "12345678"


@pytest.mark.parametrize("value", ["25LX", "00AA", "30RR", "1234"])
def test_valid_brin_codes(value):
    validate_brin_code(value)


@pytest.mark.parametrize("value", ["25lx", "2LX", "25LXX", "AB12", "25L-", ""])
def test_invalid_brin_codes(value):
    with pytest.raises(ValidationError):
        validate_brin_code(value)


def test_brin_normalise_upper_cases():
    assert brin_code_normalise(" 25lx ") == "25LX"
