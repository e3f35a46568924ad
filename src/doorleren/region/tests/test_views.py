import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_region_page_lists_subregions_municipalities_and_former_ones(client):
    response = client.get(reverse("region:overview"))
    assert response.status_code == 200
    html = response.content.decode()
    for text in [
        "Subregio Centraal",
        "Subregio Noord-Drenthe",
        "Eemsdelta",
        "Appingedam",
        "GM0003",
        "een deel van Winsum",
        "Reiderland",
    ]:
        assert text in html, text
    assert "In het regioplan van 2020 staan 16 gemeenten." in html


def test_region_page_only_allows_get(client):
    assert client.post(reverse("region:overview")).status_code == 405
