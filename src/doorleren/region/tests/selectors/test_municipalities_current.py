import pytest

from doorleren.region.models import Municipality, MunicipalityMerger
from doorleren.region.selectors import (
    municipalities_current,
    municipalities_in_regional_plan_2020,
    municipality_mergers,
    municipality_predecessors,
    subregions_overview,
)

pytestmark = pytest.mark.django_db

PLAN_2020 = {
    "Appingedam",
    "Delfzijl",
    "Loppersum",
    "Het Hogeland",
    "Groningen",
    "Midden-Groningen",
    "Noordenveld",
    "Westerkwartier",
    "Pekela",
    "Westerwolde",
    "Oldambt",
    "Stadskanaal",
    "Veendam",
    "Aa en Hunze",
    "Assen",
    "Tynaarlo",
}

# Subregions as the regional plan (2020) names them in its colofon.
SUBREGIONS = {
    "Centraal": {"Groningen", "Midden-Groningen"},
    "Noord": {"Eemsdelta", "Het Hogeland"},
    "Oost": {"Oldambt", "Pekela", "Stadskanaal", "Veendam", "Westerwolde"},
    "West": {"Noordenveld", "Westerkwartier"},
    "Noord-Drenthe": {"Aa en Hunze", "Assen", "Tynaarlo"},
}


def test_there_are_14_current_municipalities():
    assert municipalities_current().count() == 14
    assert all(m.is_current for m in municipalities_current())


def test_the_regional_plan_lists_16_municipalities():
    names = {m.name for m in municipalities_in_regional_plan_2020()}
    assert names == PLAN_2020


def test_the_plan_municipalities_are_the_current_ones_once_eemsdelta_is_resolved():
    resolved = set()
    for municipality in municipalities_in_regional_plan_2020():
        while not municipality.is_current:
            municipality = municipality.successor
        resolved.add(municipality.name)
    assert resolved == {m.name for m in municipalities_current()}


def test_subregions_follow_the_regional_plan():
    overview = {s.name: {m.name for m in s.current_municipalities} for s in subregions_overview()}
    assert overview == SUBREGIONS


def test_provinces():
    drenthe = set(municipalities_current().filter(province="drenthe").values_list("name", flat=True))
    assert drenthe == {"Assen", "Aa en Hunze", "Tynaarlo", "Noordenveld"}


def test_former_municipalities_are_not_current_and_have_a_date():
    former = Municipality.objects.filter(is_current=False)
    assert former.count() == 21
    assert not former.filter(dissolved_on__isnull=True).exists()
    assert not former.filter(successor__isnull=True).exists()


def test_eemsdelta_merger_is_recorded():
    eemsdelta = Municipality.objects.get(code="GM1979")
    (merger,) = municipality_mergers(municipality=eemsdelta)
    assert merger.effective_on.isoformat() == "2021-01-01"
    assert {link.municipality.name for link in merger.source_links.all()} == {
        "Appingedam",
        "Delfzijl",
        "Loppersum",
    }


def test_winsum_went_partly_to_westerkwartier():
    westerkwartier = Municipality.objects.get(code="GM1969")
    (merger,) = municipality_mergers(municipality=westerkwartier)
    partial = [link.municipality.name for link in merger.source_links.all() if link.partial]
    assert partial == ["Winsum"]
    assert "Winsum" not in {m.name for m in municipality_predecessors(municipality=westerkwartier)}


def test_groningen_keeps_its_code_after_the_2019_merger():
    groningen = Municipality.objects.get(code="GM0014")
    assert groningen.is_current
    assert {m.name for m in municipality_predecessors(municipality=groningen)} == {"Haren", "Ten Boer"}
    assert (
        MunicipalityMerger.objects.get(result=groningen).source_links.filter(municipality=groningen).exists()
    )
