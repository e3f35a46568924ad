"""Pages of the taxonomy: the competency map, details, search forms that work without JavaScript."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])\b", html)]


def assert_headings_in_order(html: str) -> None:
    levels = headings(html)
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_menu_has_the_competency_map(client, small_taxonomy):
    html = client.get(reverse("web:home")).content.decode()
    assert f'href="{reverse("taxonomy:map")}"' in html
    assert "Competenties" in html


def test_map_shows_every_sector_with_b1_labels_trend_in_words_and_esco_links(client, small_taxonomy):
    response = client.get(reverse("taxonomy:map"))
    html = response.content.decode()

    assert response.status_code == 200
    assert_headings_in_order(html)
    assert html.index("Techniek") < html.index("Zorg en welzijn")
    assert "<caption" in html and 'scope="col"' in html and 'scope="row"' in html
    assert "Wonden verzorgen" in html
    assert "De vraag groeit" in html and "De vraag wordt kleiner" in html and "De vraag blijft gelijk" in html
    assert f'href="{small_taxonomy.skills["wound"].uri}"' in html
    assert reverse("taxonomy:competency_detail", args=["zorg-wondzorg"]) in html


def test_map_filters_on_one_sector_with_a_plain_get_form(client, small_taxonomy):
    html = client.get(reverse("taxonomy:map"), {"sector": "techniek"}).content.decode()

    assert '<label class="utrecht-form-label" for="id_sector">' in html
    assert "Metaal lassen" in html
    assert "Wonden verzorgen" not in html
    assert '<option value="techniek" selected>' in html


def test_map_ignores_an_unknown_sector(client, small_taxonomy):
    response = client.get(reverse("taxonomy:map"), {"sector": "ruimtevaart"})

    assert response.status_code == 200
    assert "Wonden verzorgen" in response.content.decode()


def test_competency_detail(client, small_taxonomy):
    html = client.get(reverse("taxonomy:competency_detail", args=["samenwerken"])).content.decode()

    assert_headings_in_order(html)
    assert "Samenwerken" in html
    assert "samenwerken in een team" in html
    assert "Verpleegkundige" in html
    assert "niveau 2 (Zelfstandig bij gewone taken)" in html
    assert "handig, niet nodig" in html


def test_unknown_competency_is_404(client, small_taxonomy):
    assert client.get(reverse("taxonomy:competency_detail", args=["nope"])).status_code == 404


def test_regional_occupations_list_and_detail(client, small_taxonomy):
    listed = client.get(reverse("taxonomy:regional_occupation_list")).content.decode()
    detail = client.get(
        reverse("taxonomy:regional_occupation_detail", args=["verpleegkundige"])
    ).content.decode()

    assert reverse("taxonomy:regional_occupation_detail", args=["lasser"]) in listed
    assert listed.count("<h2") == 2
    assert (
        listed.index("Techniek")
        < listed.index("Lasser")
        < listed.index("Zorg en welzijn")
        < listed.index("Verpleegkundige")
    )
    assert_headings_in_order(detail)
    assert detail.index("Wonden verzorgen") < detail.index("Samenwerken")  # essential first
    assert "3 (Zelfstandig, ook bij lastige taken)" in detail
    assert "Handig, niet nodig" in detail
    assert small_taxonomy.occupations["nurse"].uri in detail
    assert client.get(reverse("taxonomy:regional_occupation_detail", args=["piloot"])).status_code == 404


@pytest.mark.parametrize(
    "name", ["taxonomy:occupation_search", "taxonomy:skill_search", "taxonomy:competency_search"]
)
def test_search_pages_show_a_labelled_form_before_searching(client, name):
    html = client.get(reverse(name)).content.decode()

    assert_headings_in_order(html)
    assert '<label class="utrecht-form-label" for="id_q">' in html
    assert 'method="get"' in html
    assert "gevonden" not in html


@pytest.mark.parametrize(
    "name", ["taxonomy:occupation_search", "taxonomy:skill_search", "taxonomy:competency_search"]
)
def test_a_query_over_200_characters_is_a_form_error(client, name):
    response = client.get(reverse(name), {"q": "x" * 201})
    html = response.content.decode()

    assert response.status_code == 200
    assert "utrecht-form-field-error-message" in html
    assert 'aria-invalid="true"' in html
    assert "<title>Fout:" in html
