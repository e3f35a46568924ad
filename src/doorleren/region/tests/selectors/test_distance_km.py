import pytest

from doorleren.region.selectors import ROAD_DETOUR_FACTOR, distance_km, road_distance_km_estimate
from doorleren.region.tests.factories import municipality

pytestmark = pytest.mark.django_db


def test_groningen_assen_is_about_25_km_straight_line():
    assert distance_km(a=municipality("GM0014"), b=municipality("GM0106")) == pytest.approx(25, abs=1.5)


def test_distance_is_symmetric_and_zero_to_itself():
    groningen, oldambt = municipality("GM0014"), municipality("GM1895")
    assert distance_km(a=groningen, b=oldambt) == pytest.approx(distance_km(a=oldambt, b=groningen))
    assert distance_km(a=groningen, b=groningen) == 0


def test_known_distances_are_sane():
    # Groningen – Winschoten (Oldambt) ≈ 31 km, Groningen – Ter Apel (Westerwolde) ≈ 50 km straight line.
    assert distance_km(a=municipality("GM0014"), b=municipality("GM1895")) == pytest.approx(31, abs=3)
    assert distance_km(a=municipality("GM0014"), b=municipality("GM1950")) == pytest.approx(50, abs=4)


def test_the_whole_region_fits_in_80_km():
    codes = [
        "GM0014",
        "GM0106",
        "GM1979",
        "GM1966",
        "GM1969",
        "GM1952",
        "GM1950",
        "GM0765",
        "GM1895",
        "GM0037",
        "GM0047",
        "GM1680",
        "GM1730",
        "GM1699",
    ]
    for a in codes:
        for b in codes:
            if a != b:
                assert 3 < distance_km(a=municipality(a), b=municipality(b)) < 80, (a, b)


def test_road_estimate_is_straight_line_times_detour_factor():
    a, b = municipality("GM0014"), municipality("GM0106")
    assert road_distance_km_estimate(a=a, b=b) == pytest.approx(distance_km(a=a, b=b) * ROAD_DETOUR_FACTOR)
    assert ROAD_DETOUR_FACTOR == 1.3
