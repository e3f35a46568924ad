import pytest

from doorleren.core.errors import ApplicationError
from doorleren.region.selectors import municipality_lookup, municipality_resolve

pytestmark = pytest.mark.django_db

# Every former municipality of the region since 2010, with the current one its code resolves to.
FORMER = [
    ("GM0003", "Appingedam", "GM1979"),
    ("GM0010", "Delfzijl", "GM1979"),
    ("GM0024", "Loppersum", "GM1979"),
    ("GM0005", "Bedum", "GM1966"),
    ("GM1663", "De Marne", "GM1966"),
    ("GM1651", "Eemsmond", "GM1966"),
    ("GM0053", "Winsum", "GM1966"),
    ("GM0015", "Grootegast", "GM1969"),
    ("GM0022", "Leek", "GM1969"),
    ("GM0025", "Marum", "GM1969"),
    ("GM0056", "Zuidhorn", "GM1969"),
    ("GM0018", "Hoogezand-Sappemeer", "GM1952"),
    ("GM1987", "Menterwolde", "GM1952"),
    ("GM0040", "Slochteren", "GM1952"),
    ("GM0007", "Bellingwedde", "GM1950"),
    ("GM0048", "Vlagtwedde", "GM1950"),
    ("GM0017", "Haren", "GM0014"),
    ("GM0009", "Ten Boer", "GM0014"),
    ("GM1661", "Reiderland", "GM1895"),
    ("GM0039", "Scheemda", "GM1895"),
    ("GM0052", "Winschoten", "GM1895"),
]

CURRENT = [
    ("GM0014", "Groningen"),
    ("GM0106", "Assen"),
    ("GM1979", "Eemsdelta"),
    ("GM1966", "Het Hogeland"),
    ("GM1969", "Westerkwartier"),
    ("GM1952", "Midden-Groningen"),
    ("GM1950", "Westerwolde"),
    ("GM0765", "Pekela"),
    ("GM1895", "Oldambt"),
    ("GM0037", "Stadskanaal"),
    ("GM0047", "Veendam"),
    ("GM1680", "Aa en Hunze"),
    ("GM1730", "Tynaarlo"),
    ("GM1699", "Noordenveld"),
]


@pytest.mark.parametrize(("code", "name", "current_code"), FORMER)
def test_former_code_resolves_to_current_municipality(code, name, current_code):
    assert municipality_resolve(code_or_name=code).code == current_code


@pytest.mark.parametrize(("code", "name", "current_code"), FORMER)
def test_former_code_without_gm_prefix_resolves(code, name, current_code):
    assert municipality_resolve(code_or_name=code[2:]).code == current_code
    assert municipality_resolve(code_or_name=str(int(code[2:]))).code == current_code


@pytest.mark.parametrize(("code", "name", "current_code"), FORMER)
def test_former_name_resolves_case_insensitively(code, name, current_code):
    assert municipality_resolve(code_or_name=name).code == current_code
    assert municipality_resolve(code_or_name=name.upper()).code == current_code
    assert municipality_resolve(code_or_name=f"  {name.lower()} ").code == current_code


@pytest.mark.parametrize(("code", "name"), CURRENT)
def test_current_code_and_name_resolve_to_themselves(code, name):
    assert municipality_resolve(code_or_name=code).name == name
    assert municipality_resolve(code_or_name=code.lower()).name == name
    assert municipality_resolve(code_or_name=name.lower()).code == code


def test_hyphen_and_space_in_names_are_equal():
    assert municipality_resolve(code_or_name="midden groningen").code == "GM1952"
    assert municipality_resolve(code_or_name="Hoogezand Sappemeer").code == "GM1952"


def test_lookup_returns_the_former_municipality_itself():
    found = municipality_lookup(code_or_name="Appingedam")
    assert found.code == "GM0003"
    assert not found.is_current
    assert found.successor.code == "GM1979"


@pytest.mark.parametrize("text", ["Utrecht", "GM0344", "GM99999", "Groningenn", "'; DROP TABLE x;--"])
def test_unknown_code_or_name_raises_dutch_application_error(text):
    with pytest.raises(ApplicationError) as excinfo:
        municipality_resolve(code_or_name=text)
    assert excinfo.value.code == "municipality_unknown"
    assert excinfo.value.status == 404
    assert "Wij kennen de gemeente" in excinfo.value.message


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_input_asks_for_a_municipality(text):
    with pytest.raises(ApplicationError) as excinfo:
        municipality_resolve(code_or_name=text)
    assert excinfo.value.code == "municipality_empty"
