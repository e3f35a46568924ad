import re

import pytest
from django import forms

from doorleren.core.widgets import LongSelect

FLAT = [("", "Kies"), ("a&b", 'Tom & "Jerry" <x>'), ("2", "twee"), (3, "drie")]
GROUPED = [
    ("", "Kies een beroep"),
    ("Zorg & welzijn", [("verpleger", "Verpleger"), ("arts", "Arts")]),
    ("los", "Los"),
]


def _normal(html: str) -> str:
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize("choices", [FLAT, GROUPED], ids=["flat", "grouped"])
@pytest.mark.parametrize("value", [None, "", "a&b", "3", "arts", "unknown"])
def test_long_select_writes_the_same_html_as_djangos_select(choices, value):
    attrs = {"id": "id_doel", "class": "utrecht-select", "required": True, "aria-describedby": "hulp"}
    django_html = forms.Select(choices=choices).render("doel", value, attrs=attrs)
    ours = LongSelect(choices=choices).render("doel", value, attrs=attrs)
    assert _normal(ours) == _normal(django_html)


def test_long_select_escapes_labels_and_values():
    html = LongSelect(choices=[('"><script>', "<b>&</b>")]).render("x", None)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;b&gt;&amp;&lt;/b&gt;" in html


def test_long_select_selects_only_the_first_match():
    html = LongSelect(choices=[("1", "een"), ("1", "nog een")]).render("x", "1")
    assert html.count(" selected") == 1


def test_a_form_field_with_a_long_select_keeps_the_chosen_value_after_an_error():
    class Form(forms.Form):
        doel = forms.ChoiceField(choices=GROUPED, widget=LongSelect)
        uren = forms.IntegerField()

    form = Form(data={"doel": "arts", "uren": "veel"})
    assert not form.is_valid()
    html = str(form["doel"])
    assert '<option value="arts" selected>Arts</option>' in html
    assert 'name="doel"' in html and 'id="id_doel"' in html
