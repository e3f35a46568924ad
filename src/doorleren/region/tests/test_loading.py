import copy
import datetime as dt

import pytest

from doorleren.region.loading import RegionDataError, region_data_check, region_data_read
from doorleren.region.models import Municipality, MunicipalityMerger, MunicipalityMergerSource, Subregion
from doorleren.region.services import region_load


def test_the_data_file_is_consistent():
    data = region_data_read()
    assert len(data["current"]) == 14
    assert len(data["regional_plan_2020"]) == 16


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["current"][0].update(code="G14"), "bad CBS code"),
        (lambda d: d["current"][0].update(subregion="zuid"), "unknown subregion"),
        (lambda d: d["mergers"][0].update(into="GM9999"), "unknown municipality"),
        (lambda d: d["mergers"][0].update(effective_on="2010"), "not a date"),
        (lambda d: d["regional_plan_2020"].append("GM0363"), "regional plan lists unknown"),
        (lambda d: d["mergers"][0]["sources"].append({"code": "GM0106", "name": "Assen"}), "still current"),
        (
            lambda d: d["mergers"][0]["sources"].append(
                {"code": "GM0344", "name": "Utrecht", "partial": True}
            ),
            "partial source",
        ),
    ],
)
def test_inconsistent_data_is_rejected(change, message):
    data = copy.deepcopy(region_data_read())
    change(data)
    with pytest.raises(RegionDataError, match=message):
        region_data_check(data=data)


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    counts = (
        Subregion.objects.count(),
        Municipality.objects.count(),
        MunicipalityMerger.objects.count(),
        MunicipalityMergerSource.objects.count(),
    )
    result = region_load()
    assert result == {"subregions": 5, "current": 14, "former": 21, "mergers": 7, "merger_sources": 23}
    assert counts == (5, 35, 7, 23)
    assert (
        Subregion.objects.count(),
        Municipality.objects.count(),
        MunicipalityMerger.objects.count(),
        MunicipalityMergerSource.objects.count(),
    ) == counts


@pytest.mark.django_db
def test_loading_repairs_changed_rows():
    Municipality.objects.filter(code="GM0106").update(name="Asen", latitude=0)
    region_load()
    assen = Municipality.objects.get(code="GM0106")
    assert (assen.name, assen.latitude) == ("Assen", 52.9929)
    assert Municipality.objects.get(code="GM0003").dissolved_on == dt.date(2021, 1, 1)
