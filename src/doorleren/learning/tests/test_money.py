import pytest
from django.template import Context, Template

from doorleren.core.templatetags.money import euro, format_euro
from doorleren.learning.money import euro_text_to_cents


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("12,35", 1235),
        ("0,1", 10),
        ("0.10", 10),
        ("450", 45000),
        ("€ 450,00", 45000),
        (" 7,5 ", 750),
        ("0", 0),
        ("999999999999,99", 99999999999999),
    ],
)
def test_euro_text_to_cents_is_exact(text, cents):
    assert euro_text_to_cents(text) == cents


@pytest.mark.parametrize(
    "text", ["", "twaalf", "-5", "1.234,50", "1,234.50", "12,345", "12.", ",5", "1e3", "NaN", "12,3,4"]
)
def test_euro_text_to_cents_refuses_anything_else(text):
    with pytest.raises(ValueError):
        euro_text_to_cents(text)


@pytest.mark.parametrize(
    ("cents", "text"),
    [(45000, "€ 450,00"), (0, "€ 0,00"), (5, "€ 0,05"), (123456789, "€ 1.234.567,89"), (-1250, "€ -12,50")],
)
def test_format_euro_uses_dutch_notation(cents, text):
    assert format_euro(cents) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [(45000, "€ 450,00"), ("1235", "€ 12,35"), (None, ""), ("abc", ""), (1.5, ""), (True, "")],
)
def test_euro_filter_formats_only_whole_cents(value, text):
    assert euro(value) == text


def test_euro_filter_in_a_template():
    html = Template("{% load money %}{{ price|euro }}").render(Context({"price": 74550}))
    assert html == "€ 745,50"
